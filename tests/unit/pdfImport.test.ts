import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PDFDocument, rgb } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { pdfDate } from '../../electron/core/importers/pdfImporter'
import { describeRange } from '../../shared/anchoring'
import { libraryPerTest } from '../support/makeLibrary'
import { makePdf, type Page } from '../support/makePdf'

const pages: Page[] = [
  [
    ['Harbour gate outage: first findings'],
    [
      'The port gate system stopped accepting badges at',
      'six in the morning, and trucks queued for three',
      'kilometres along the coast road.',
    ],
    ['Operators switched to paper manifests within the hour.'],
  ],
  [
    [
      'The vendor traced the inci-',
      'dent to an expired certificate on the badge server,',
      'which the e-',
      'Albania portal also relied on.',
    ],
    ['No data was taken, according to the ministry.', 'Two officials disputed that account.'],
  ],
  [
    ['A lighthouse keeper reported the first queue', 'to the harbour master by radio.'],
    ['Service returned at noon.'],
  ],
]

/** What each paragraph should read as in the canonical text. */
const written = (paragraph: string[]) => paragraph.join(' ')

const library = libraryPerTest()

describe('importing a PDF', () => {
  const meta = {
    title: 'Harbour Gate Outage',
    author: 'Ada Byline',
    created: new Date('2024-03-05T10:20:30Z'),
    language: 'en-GB',
  }

  it('reads the metadata and the page count', async () => {
    const { library: lib } = await library()
    const { status, source } = await lib.importFile('harbour.pdf', await makePdf(pages, meta))
    expect(status).toBe('imported')
    expect(source).toMatchObject({
      kind: 'pdf',
      charset: 'binary',
      title: 'Harbour Gate Outage',
      authors: ['Ada Byline'],
      publishedAt: '2024-03-05T10:20:30Z',
      language: 'en-GB',
      importer: { name: 'pdf', version: '1' },
      details: { pageCount: 3, languageFrom: 'declared' },
    })
  })

  it('makes each paragraph one block, on its page', async () => {
    const { library: lib } = await library()
    const { source } = await lib.importFile('harbour.pdf', await makePdf(pages, meta))
    const { text, blocks } = await lib.getSource(source.id)
    const found = blocks.map((block) => ({
      text: text.slice(block.start, block.end),
      page: block.page,
      type: block.type,
    }))
    const expected = pages.flatMap((paragraphs, index) =>
      paragraphs.map((lines) => ({ text: written(lines), page: index + 1, type: 'paragraph' })),
    )
    // The hyphenated word is joined, the hyphenated name kept; the rest reads as written.
    expected[3] = {
      text:
        'The vendor traced the incident to an expired certificate on the badge server, ' +
        'which the e-Albania portal also relied on.',
      page: 2,
      type: 'paragraph',
    }
    expect(found).toEqual(expected)
    expect(found.find((block) => block.text.startsWith('No data was taken'))?.page).toBe(2)
  })

  it('finds a word from the last page', async () => {
    const { library: lib } = await library()
    const { source } = await lib.importFile('harbour.pdf', await makePdf(pages, meta))
    const hits = await lib.searchQuery('lighthouse', 10)
    expect(hits).toEqual([
      expect.objectContaining({
        kind: 'source',
        sourceId: source.id,
        title: 'Harbour Gate Outage',
      }),
    ])
    expect(hits[0]?.snippet).toContain('lighthouse keeper')
  })

  it('cites a passage by its page and its paragraph on that page in a brief', async () => {
    const t = await library()
    const { source } = await t.library.importFile('harbour.pdf', await makePdf(pages, meta))
    const { text } = await t.library.getSource(source.id)
    const exact = 'Two officials disputed that account.'
    const start = text.indexOf(exact)
    await t.client.call('annotations.create', {
      sourceId: source.id,
      quote: describeRange(text, start, start + exact.length),
      position: { start, end: start + exact.length },
      comment: 'Contested.',
    })
    const { markdown } = await t.client.call('briefs.export', { draft: { title: 'Harbour' } })
    expect(markdown).toMatch(
      /\[\^1\]: “Two officials disputed that account\.” — \*Harbour Gate Outage\*.*, p\. 2, paragraph 2; sha256/,
    )
  })

  it('keeps one-line paragraphs apart', async () => {
    const { library: lib } = await library()
    const oneLiners: Page[] = [[['Gate outage report'], ['The readers stopped at six.'], ['Noon.']]]
    const { source } = await lib.importFile('short.pdf', await makePdf(oneLiners))
    const { text, blocks } = await lib.getSource(source.id)
    expect(blocks.map((block) => text.slice(block.start, block.end))).toEqual([
      'Gate outage report',
      'The readers stopped at six.',
      'Noon.',
    ])
  })

  it('keeps the original bytes untouched', async () => {
    const t = await library()
    const bytes = await makePdf(pages, meta)
    const copy = bytes.slice()
    const { source } = await t.library.importFile('harbour.pdf', bytes)
    expect(bytes).toEqual(copy)
    const stored = await readFile(join(t.path, 'originals', `${source.originalSha256}.pdf`))
    expect(new Uint8Array(stored)).toEqual(copy)
  })

  it('takes the title from the first line when the PDF names none', async () => {
    const { library: lib } = await library()
    const { source } = await lib.importFile('untitled.pdf', await makePdf(pages))
    expect(source.title).toBe('Harbour gate outage: first findings')
    expect(source.authors).toEqual([])
  })
})

describe('refusing a PDF it cannot read', () => {
  const cases: [string, string, () => Promise<Uint8Array>][] = [
    [
      'a text file named .pdf',
      'is not a PDF',
      async () => new TextEncoder().encode('Meeting notes\n\nNothing to see here.\n'),
    ],
    [
      'a truncated PDF',
      'is a truncated PDF',
      async () => {
        const bytes = await makePdf(pages)
        return bytes.slice(0, Math.floor(bytes.length / 2))
      },
    ],
    [
      'a PDF whose body is garbage',
      'is a damaged PDF',
      async () => new TextEncoder().encode('%PDF-1.7\nnothing but noise here\n%%EOF\n'),
    ],
    ['a password-protected PDF', 'is password-protected; Casefile cannot read it', encryptedPdf],
    [
      'a PDF with a drawing and no text',
      'has no text layer (a scanned image?); Casefile does not do OCR',
      async () => {
        const document = await PDFDocument.create()
        document
          .addPage()
          .drawRectangle({ x: 50, y: 50, width: 200, height: 100, color: rgb(0.8, 0.1, 0.1) })
        return document.save()
      },
    ],
  ]

  it.each(cases)('refuses %s and leaves the library as it was', async (_, problem, bytes) => {
    const { library: lib } = await library()
    await lib.importFile('earlier.pdf', await makePdf(pages))
    const before = { sources: lib.listSources().length, counts: lib.info().counts }
    await expect(lib.importFile('report 7.pdf', await bytes())).rejects.toMatchObject({
      code: 'bad_file',
      message: expect.stringMatching(new RegExp(`^report 7\\.pdf ${escape(problem)}`)),
    })
    expect({ sources: lib.listSources().length, counts: lib.info().counts }).toEqual(before)
  })

  it('refuses with a real encryption, which the password opens', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const task = pdfjs.getDocument({ data: await encryptedPdf(), password: 'secret', verbosity: 0 })
    try {
      const page = await (await task.promise).getPage(1)
      const { items } = await page.getTextContent()
      expect(items.map((item) => ('str' in item ? item.str : '')).join('')).toBe(
        'Secret harbour report',
      )
    } finally {
      await task.destroy()
    }
  })
})

describe('PDF dates', () => {
  it.each([
    ["D:20240305102030+01'00'", '2024-03-05T10:20:30+01:00'],
    ["D:20240305102030-05'30", '2024-03-05T10:20:30-05:30'],
    ['D:20240305102030Z', '2024-03-05T10:20:30Z'],
    ['D:20240305', '2024-03-05'],
    ['D:202403', '2024-03'],
    ['D:2024', '2024'],
    ['D:20241305', null],
    ['yesterday', null],
  ])('reads %s as %s', (value, iso) => {
    expect(pdfDate(value)).toBe(iso)
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * A one-page PDF under the standard security handler (RC4, 40-bit, revision 2) with the user
 * password "secret", built by hand because pdf-lib cannot encrypt.
 */
async function encryptedPdf(): Promise<Uint8Array> {
  const padding = Buffer.from(
    '28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a',
    'hex',
  )
  const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest()
  const pad = (password: string) =>
    Buffer.concat([Buffer.from(password, 'latin1'), padding]).subarray(0, 32)
  const id = Buffer.from('0123456789abcdef0123456789abcdef', 'hex')
  const permissions = Buffer.alloc(4)
  permissions.writeInt32LE(-44)
  const owner = rc4(md5(pad('owner')).subarray(0, 5), pad('secret'))
  const key = md5(pad('secret'), owner, permissions, id).subarray(0, 5)
  const user = rc4(key, padding)
  const objectKey = (number: number) =>
    md5(key, Buffer.from([number & 255, (number >> 8) & 255, (number >> 16) & 255, 0, 0])).subarray(
      0,
      10,
    )
  const stream = rc4(
    objectKey(4),
    Buffer.from('BT /F1 12 Tf 72 720 Td (Secret harbour report) Tj ET'),
  )
  const hex = (bytes: Buffer) => `<${bytes.toString('hex')}>`
  const objects = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    ),
    Buffer.concat([
      Buffer.from(`<< /Length ${stream.length} >>\nstream\n`),
      stream,
      Buffer.from('\nendstream'),
    ]),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
    Buffer.from(`<< /Filter /Standard /V 1 /R 2 /O ${hex(owner)} /U ${hex(user)} /P -44 >>`),
  ]
  const parts = [Buffer.from('%PDF-1.4\n')]
  const offsets: number[] = []
  let length = parts[0]?.length ?? 0
  objects.forEach((body, index) => {
    offsets.push(length)
    const part = Buffer.concat([
      Buffer.from(`${index + 1} 0 obj\n`),
      body,
      Buffer.from('\nendobj\n'),
    ])
    parts.push(part)
    length += part.length
  })
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`),
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 6 0 R /ID [${hex(id)} ${hex(id)}] >>\n`,
    `startxref\n${length}\n%%EOF\n`,
  ].join('')
  return new Uint8Array(Buffer.concat([...parts, Buffer.from(xref)]))
}

/** RC4, which Node's OpenSSL 3 no longer offers by default. */
function rc4(key: Buffer, data: Buffer): Buffer {
  const state = Array.from({ length: 256 }, (_, index) => index)
  const swap = (a: number, b: number) => {
    const held = state[a] ?? 0
    state[a] = state[b] ?? 0
    state[b] = held
  }
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + (state[i] ?? 0) + (key[i % key.length] ?? 0)) & 255
    swap(i, j)
  }
  const out = Buffer.alloc(data.length)
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 255
    j = (j + (state[i] ?? 0)) & 255
    swap(i, j)
    out[k] = (data[k] ?? 0) ^ (state[((state[i] ?? 0) + (state[j] ?? 0)) & 255] ?? 0)
  }
  return out
}
