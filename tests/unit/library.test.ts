import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Library } from '../../electron/core'
import { supportedExtensions } from '../../electron/core/importers'
import { CasefileError, importableExtensions } from '../../shared/api'
import { describeRange } from '../../shared/anchoring'
import { corporaMissing, corporaPresent, seedArticle } from '../support/corpora'
import { libraryPerTest, makeTempDir, type TestLibrary } from '../support/makeLibrary'
import { crashAfterImport, runChild } from '../support/runChild'

const article = [
  'From: Ada Byline',
  'Harbour Systems Fail',
  '',
  'The port’s gate system failed on Friday, officials said.',
  '',
  'Nasser Ka’nani said the “claims are baseless”, and the e-Albania portal went down.',
].join('\n')

const library = libraryPerTest()

async function highlight(t: TestLibrary, sourceId: string, exact: string, comment: string) {
  const { text } = await t.client.call('sources.get', { id: sourceId })
  const start = text.indexOf(exact)
  const quote = describeRange(text, start, start + exact.length)
  return t.client.call('annotations.create', {
    sourceId,
    quote,
    position: { start, end: start + exact.length },
    comment,
  })
}

describe('importing plain text', () => {
  it('reads the author line, the title line and the paragraphs', async () => {
    const t = await library()
    const { status, source } = await t.client.call('sources.import', {
      fileName: 'harbour.txt',
      text: article,
    })
    expect(status).toBe('imported')
    expect(source).toMatchObject({
      title: 'Harbour Systems Fail',
      authors: ['Ada Byline'],
      kind: 'text',
      charset: 'utf-8',
    })
    const { text, blocks } = await t.client.call('sources.get', { id: source.id })
    expect(text.startsWith('The port’s gate system failed')).toBe(true)
    expect(blocks).toHaveLength(2)
    expect(text.slice(blocks[1]?.start, blocks[1]?.end)).toMatch(/^Nasser Ka’nani/)
  })

  it('keeps the original bytes and the canonical text, content-addressed', async () => {
    const t = await library()
    const { source } = await t.client.call('sources.import', {
      fileName: 'harbour.txt',
      text: article,
    })
    expect(await readFile(join(t.path, 'originals', `${source.originalSha256}.txt`), 'utf8')).toBe(
      article,
    )
    const body = await readFile(join(t.path, 'bodies', `${source.textSha256}.txt`), 'utf8')
    expect(body).toContain('e-Albania portal went down')
  })

  it('imports identical content twice as one source', async () => {
    const t = await library()
    const first = await t.client.call('sources.import', { fileName: 'a.txt', text: article })
    const second = await t.client.call('sources.import', {
      fileName: 'copy of a.txt',
      text: article.replace(/\n/g, '\r\n'),
    })
    expect(second).toMatchObject({ status: 'duplicate', source: { id: first.source.id } })
    expect((await t.client.call('sources.list', {})).sources).toHaveLength(1)
  })

  it('decodes a Latin-1 file', async () => {
    const t = await library()
    const bytes = Buffer.from('Zürich café report\n\nThe café in Zürich was closed.', 'latin1')
    const { source } = await t.client.call('sources.import', {
      fileName: 'latin1.txt',
      base64: bytes.toString('base64'),
    })
    expect(source).toMatchObject({ title: 'Zürich café report', charset: 'windows-1252' })
  })

  it('reads Windows-1252 curly quotes, dashes and the euro sign, which Node’s decoder drops', async () => {
    const t = await library()
    // “Ka’nani” – 5 € in Windows-1252: 0x93 0x92 0x94 0x96 0x80 are not Latin-1.
    const bytes = Buffer.from([
      ...Buffer.from('Quotes\n\n', 'latin1'),
      0x93,
      ...Buffer.from('Ka', 'latin1'),
      0x92,
      ...Buffer.from('nani', 'latin1'),
      0x94,
      0x20,
      0x96,
      ...Buffer.from(' 5 ', 'latin1'),
      0x80,
      0x20,
      0xe9,
    ])
    const { source } = await t.client.call('sources.import', {
      fileName: 'cp1252.txt',
      base64: bytes.toString('base64'),
    })
    expect((await t.client.call('sources.get', { id: source.id })).text).toBe('“Ka’nani” – 5 € é')
  })

  it.each([
    ['empty.txt', '', /empty/],
    ['blank.txt', '   \n\n  ', /no text/],
    ['binary.txt', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1]).toString('latin1'), /binary/],
  ])(
    'refuses %s with an error naming the file, and changes nothing',
    async (fileName, content, problem) => {
      const t = await library()
      const before = await readFile(join(t.path, 'casefile.json'), 'utf8').catch(() => '')
      const call = t.client.call('sources.import', {
        fileName,
        base64: Buffer.from(content, 'latin1').toString('base64'),
      })
      await expect(call).rejects.toThrow(problem)
      await expect(call).rejects.toThrow(fileName)
      expect(await readFile(join(t.path, 'casefile.json'), 'utf8').catch(() => '')).toBe(before)
      expect((await t.client.call('library.info', {})).counts.sources).toBe(0)
    },
  )

  it('imports exactly the file types the renderer offers', () => {
    expect([...supportedExtensions].sort()).toEqual([...importableExtensions].sort())
  })

  it('refuses a file type it cannot read', async () => {
    const t = await library()
    await expect(
      t.client.call('sources.import', { fileName: 'report.docx', text: 'x' }),
    ).rejects.toMatchObject({
      code: 'unsupported_format',
    })
  })
})

describe('importing Markdown', () => {
  it('keeps headings and list items as blocks and reduces inline markup to text', async () => {
    const t = await library()
    const markdown =
      '# Glass Harbor\n\nA **bold** claim with a [link](https://example.org).\n\n## Timeline\n\n- First item\n- Second item\n'
    const { source } = await t.client.call('sources.import', {
      fileName: 'notes.md',
      text: markdown,
    })
    const { text, blocks } = await t.client.call('sources.get', { id: source.id })
    expect(source.title).toBe('Glass Harbor')
    expect(text).toContain('A bold claim with a link.')
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'heading', 'list-item', 'list-item'])
    expect(blocks[1]).toMatchObject({ level: 2 })
  })
})

describe('importing Markdown with front matter', () => {
  it('takes title, authors, date, tags, URL and language from it, and reads the rest as Markdown', async () => {
    const t = await library()
    const markdown = [
      '---',
      'title: "Port of Durrës: timeline"',
      'author: [Ada Byline, Ben Analyst]',
      'date: 2022-07-15',
      'tags: albania, ports',
      'url: https://news.example/durres',
      'lang: sq',
      '---',
      '# A heading that is not the title',
      '',
      'The gate system failed on Friday.',
    ].join('\n')
    const { source } = await t.client.call('sources.import', {
      fileName: 'durres.md',
      text: markdown,
    })
    expect(source).toMatchObject({
      title: 'Port of Durrës: timeline',
      authors: ['Ada Byline', 'Ben Analyst'],
      tags: ['albania', 'ports'],
      language: 'sq',
      origin: { url: 'https://news.example/durres' },
      details: { languageFrom: 'declared' },
    })
    expect(source.publishedAt).toMatch(/^2022-07-15/)
    const { text, blocks } = await t.client.call('sources.get', { id: source.id })
    expect(text).not.toContain('title:')
    expect(blocks[0]).toMatchObject({ type: 'heading', level: 1 })
  })

  it('reads front matter that is not valid YAML as text, and refuses a non-http URL', async () => {
    const t = await library()
    const broken = '---\ntitle: [unclosed\n---\nBody text.'
    const { source } = await t.client.call('sources.import', {
      fileName: 'broken.md',
      text: broken,
    })
    expect((await t.client.call('sources.get', { id: source.id })).text).toContain(
      'title: [unclosed',
    )
    const script = '---\ntitle: X\nurl: javascript:alert(1)\n---\nBody text of the note.'
    const second = await t.client.call('sources.import', { fileName: 'script.md', text: script })
    expect(second.source.origin.url).toBeNull()
  })
})

describe('provenance', () => {
  it('records both hashes, the importer, the UTC import time, the charset and the language', async () => {
    const t = await library()
    const english = `${article}\n\nThe investigators said the attack had been prepared for months and that the systems would be restored.`
    const { source } = await t.client.call('sources.import', {
      fileName: 'harbour.txt',
      text: english,
    })
    const { createHash } = await import('node:crypto')
    const digest = (data: string) => createHash('sha256').update(data).digest('hex')
    const { text } = await t.client.call('sources.get', { id: source.id })
    expect(source.originalSha256).toBe(digest(english))
    expect(source.textSha256).toBe(digest(text))
    expect(source.importer).toEqual({ name: 'plain-text', version: '1' })
    expect(source.importedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(source).toMatchObject({ charset: 'utf-8', language: 'en' })
    expect(source.details?.languageFrom).toBe('detected')
  })
})

describe('annotations', () => {
  it('creates, lists in text order, updates and moves to the trash', async () => {
    const t = await library()
    const { source } = await t.client.call('sources.import', { fileName: 'a.txt', text: article })
    const late = await highlight(
      t,
      source.id,
      'e-Albania portal went down',
      'Outage of the state portal',
    )
    const early = await highlight(t, source.id, 'gate system failed', 'first')
    expect(
      (await t.client.call('annotations.list', { sourceId: source.id })).annotations.map(
        (a) => a.id,
      ),
    ).toEqual([early.id, late.id])
    const updated = await t.client.call('annotations.update', {
      id: early.id,
      comment: 'changed',
      tags: ['outage'],
    })
    expect(updated).toMatchObject({ comment: 'changed', tags: ['outage'] })
    await t.client.call('annotations.delete', { id: early.id })
    expect(
      (await t.client.call('annotations.list', { sourceId: source.id })).annotations.map(
        (a) => a.id,
      ),
    ).toEqual([late.id])
    const info = await t.client.call('library.info', {})
    expect(info.counts).toEqual({
      sources: 1,
      annotations: 1,
      actors: 0,
      events: 0,
      notes: 0,
      trash: 1,
    })
    const file = JSON.parse(
      await readFile(join(t.path, 'annotations', `${source.id}.json`), 'utf8'),
    ) as { annotations: Array<{ id: string; deletedAt: string | null }> }
    expect(file.annotations.find((a) => a.id === early.id)?.deletedAt).not.toBeNull()
  })

  it('finds the quote again when the position it was given is wrong', async () => {
    const t = await library()
    const { source } = await t.client.call('sources.import', { fileName: 'a.txt', text: article })
    const { text } = await t.client.call('sources.get', { id: source.id })
    const exact = 'officials said'
    const at = text.indexOf(exact)
    const created = await t.client.call('annotations.create', {
      sourceId: source.id,
      quote: describeRange(text, at, at + exact.length),
      position: { start: 0, end: exact.length },
    })
    expect(created.target.position).toEqual({ start: at, end: at + exact.length })
  })

  it('refuses a quote that is not in the source', async () => {
    const t = await library()
    const { source } = await t.client.call('sources.import', { fileName: 'a.txt', text: article })
    const call = t.client.call('annotations.create', {
      sourceId: source.id,
      quote: { exact: 'words that are nowhere', prefix: '', suffix: '' },
      position: { start: 0, end: 10 },
    })
    await expect(call).rejects.toThrow(/does not occur/)
  })

  it('answers not_found for an unknown annotation or source', async () => {
    const t = await library()
    await expect(
      t.client.call('annotations.update', { id: 'nope', comment: 'x' }),
    ).rejects.toMatchObject({ code: 'not_found' })
    await expect(t.client.call('sources.get', { id: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
    })
  })
})

describe('search', () => {
  it('finds Ka’nani however the apostrophe is written, and the annotation by its comment', async () => {
    const t = await library()
    const { source } = await t.client.call('sources.import', { fileName: 'a.txt', text: article })
    await highlight(t, source.id, 'e-Albania portal went down', 'State services offline')
    for (const query of ["Ka'nani", 'Ka’nani', 'Kanani', 'kanani']) {
      const { hits } = await t.client.call('search.query', { query })
      expect(
        hits.map((h) => h.kind),
        query,
      ).toContain('source')
    }
    const { hits } = await t.client.call('search.query', { query: 'state services' })
    expect(hits).toEqual([
      expect.objectContaining({
        kind: 'annotation',
        sourceId: source.id,
        title: 'Harbour Systems Fail',
      }),
    ])
  })

  it('finds a word from its first letters, as the user types', async () => {
    const t = await library()
    const { source } = await t.client.call('sources.import', { fileName: 'a.txt', text: article })
    for (const query of ['kan', 'Ka’n', 'harb', 'gate sys']) {
      const { hits } = await t.client.call('search.query', { query })
      expect(
        hits.map((h) => h.id),
        query,
      ).toEqual([source.id])
    }
    expect((await t.client.call('search.query', { query: 'gate xylophone' })).hits).toEqual([])
  })

  it('marks the matched words in the snippet', async () => {
    const t = await library()
    await t.client.call('sources.import', { fileName: 'a.txt', text: article })
    const [hit] = (await t.client.call('search.query', { query: 'kanani' })).hits
    const marked = hit?.highlights.map(([start, end]) => hit.snippet.slice(start, end))
    expect(marked).toEqual(['Ka’nani'])
  })

  it('forgets an annotation moved to the trash', async () => {
    const t = await library()
    const { source } = await t.client.call('sources.import', { fileName: 'a.txt', text: article })
    const annotation = await highlight(t, source.id, 'gate system failed', 'zebracrossing')
    expect((await t.client.call('search.query', { query: 'zebracrossing' })).hits).toHaveLength(1)
    await t.client.call('annotations.delete', { id: annotation.id })
    expect((await t.client.call('search.query', { query: 'zebracrossing' })).hits).toHaveLength(0)
  })
})

describe('briefs', () => {
  it('quotes each passage with its comment and a footnote citing the source', async () => {
    const t = await library()
    const { source } = await t.client.call('sources.import', { fileName: 'a.txt', text: article })
    await highlight(t, source.id, 'the e-Albania portal went down', 'Services <b>offline</b>')
    const brief = await t.client.call('briefs.export', { draft: { title: 'Harbour brief' } })
    expect(brief.citations).toBe(1)
    expect(brief.markdown).toMatch(/^---\ntitle: "Harbour brief"/)
    expect(brief.markdown).toContain('> the e-Albania portal went down[^1]')
    expect(brief.markdown).toContain('Services \\<b\\>offline\\</b\\>')
    expect(brief.markdown).toMatch(
      /\[\^1\]: “the e-Albania portal went down” — \*Harbour Systems Fail\*, Ada Byline, `a\.txt`, paragraph 2; sha256 `[0-9a-f]{12}`/,
    )
  })
})

describe('reopening a library', () => {
  it('finds every source and annotation again, from the saved index', async () => {
    const dir = await makeTempDir()
    try {
      const first = await Library.open(dir.path)
      const { source } = await first.importFile('a.txt', new TextEncoder().encode(article))
      await first.close()
      const again = await Library.open(dir.path)
      expect(again.indexReport.openedFrom).toBe('disk')
      expect(again.listSources().map((s) => s.id)).toEqual([source.id])
      expect((await again.searchQuery('harbour', 10)).map((h) => h.id)).toEqual([source.id])
      await again.close()
    } finally {
      await dir.remove()
    }
  })

  it('after a crash, takes over the dead process’s lock and rebuilds the stale index', async () => {
    const dir = await makeTempDir()
    try {
      const first = await Library.open(dir.path)
      await first.importFile('a.txt', new TextEncoder().encode(article))
      await first.close()
      const crashed = await runChild(crashAfterImport, [
        dir.path,
        'b.txt',
        'Second Report\n\nA quokka was seen.',
      ])
      expect(crashed.signal).toBe('SIGKILL')
      const acknowledged = crashed.stdout.trim()
      const again = await Library.open(dir.path)
      expect(again.indexReport).toMatchObject({ openedFrom: 'rebuild' })
      expect((await again.searchQuery('quokka', 10)).map((h) => h.id)).toEqual([acknowledged])
      await again.close()
    } finally {
      await dir.remove()
    }
  })

  it('refuses a second opening of a library that is in use, naming the holder', async () => {
    const dir = await makeTempDir()
    try {
      const first = await Library.open(dir.path)
      await expect(Library.open(dir.path)).rejects.toMatchObject({
        code: 'library_locked',
        message: expect.stringContaining(`process ${process.pid}`),
      })
      await first.close()
      const second = await Library.open(dir.path)
      await second.close()
    } finally {
      await dir.remove()
    }
  })

  it('rebuilds the index when its files are unreadable', async () => {
    const dir = await makeTempDir()
    try {
      const first = await Library.open(dir.path)
      await first.importFile('a.txt', new TextEncoder().encode(article))
      await first.close()
      const manifest = JSON.parse(
        await readFile(join(dir.path, 'index', 'manifest.json'), 'utf8'),
      ) as { generation: number }
      await writeFile(join(dir.path, 'index', `g${manifest.generation}-0.chunk`), '{not json')
      const again = await Library.open(dir.path)
      expect(again.indexReport.openedFrom).toBe('rebuild')
      expect(await again.searchQuery('harbour', 10)).toHaveLength(1)
      await again.close()
    } finally {
      await dir.remove()
    }
  })

  it('refuses a corrupt catalog and leaves the file untouched', async () => {
    const dir = await makeTempDir()
    try {
      const damaged = '{"schemaVersion": 1, "sources": [{"id": "x"'
      await writeFile(join(dir.path, 'casefile.json'), damaged)
      const opening = Library.open(dir.path)
      await expect(opening).rejects.toBeInstanceOf(CasefileError)
      await expect(opening).rejects.toMatchObject({
        code: 'library_corrupt',
        message: expect.stringContaining('casefile.json'),
      })
      expect(await readFile(join(dir.path, 'casefile.json'), 'utf8')).toBe(damaged)
    } finally {
      await dir.remove()
    }
  })
})

describe.skipIf(!corporaPresent)(corporaPresent ? 'the seed article' : corporaMissing, () => {
  it('imports with its author and title and is found by e-Albania', async () => {
    const t = await library()
    const { source } = await t.client.call('sources.import', {
      fileName: 'seed.txt',
      base64: (await readFile(seedArticle)).toString('base64'),
    })
    expect(source).toMatchObject({
      title: 'Iran Denies Albanian Cyberattack',
      authors: ['Alice Taylor'],
    })
    const { hits } = await t.client.call('search.query', { query: 'e-Albania' })
    expect(hits.map((h) => h.id)).toContain(source.id)
  })
})
