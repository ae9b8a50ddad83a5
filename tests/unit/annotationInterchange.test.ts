import { createHash, randomUUID } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { describeRange } from '../../shared/anchoring'
import { corporaDir, corporaMissing, corporaPresent } from '../support/corpora'
import { runCli } from '../support/cliTransport'
import { libraryPerTest, makeTempDir, type TestLibrary } from '../support/makeLibrary'

const report = [
  'From: Ada Byline',
  'Harbour Systems Fail',
  '',
  'The port’s gate system failed on Friday, officials said. The gate system had been replaced in May.',
  '',
  'Nasser Ka’nani said the “claims are baseless”, and the e-Albania portal went down 🚢 for the weekend.',
].join('\n')

const library = libraryPerTest()

async function highlight(
  t: TestLibrary,
  sourceId: string,
  exact: string,
  extra: { comment?: string; tags?: string[]; color?: 'green' | 'pink'; occurrence?: number } = {},
) {
  const { text } = await t.client.call('sources.get', { id: sourceId })
  let start = text.indexOf(exact)
  for (let n = 1; n < (extra.occurrence ?? 1); n++) start = text.indexOf(exact, start + 1)
  return t.client.call('annotations.create', {
    sourceId,
    quote: describeRange(text, start, start + exact.length),
    position: { start, end: start + exact.length },
    comment: extra.comment ?? '',
    tags: extra.tags ?? [],
    color: extra.color ?? 'green',
  })
}

/** What an analyst sees of an annotation, wherever it lives. */
const seen = (a: {
  target: { quote: object; position: object }
  comment: string
  tags: string[]
  color: string
}) => ({
  quote: a.target.quote,
  position: a.target.position,
  comment: a.comment,
  tags: a.tags,
  color: a.color,
})

/** A W3C annotation made by another tool on `text` (quote and position), naming its source. */
function foreignAnnotation(source: string, text: string, exact: string, comment: string) {
  const start = text.indexOf(exact)
  expect(start, `the passage “${exact}” is in the page`).toBeGreaterThanOrEqual(0)
  return {
    id: `urn:uuid:${randomUUID()}`,
    type: 'Annotation',
    motivation: 'commenting',
    created: '2024-11-05T10:00:00Z',
    body: [
      { type: 'TextualBody', purpose: 'commenting', format: 'text/plain', value: comment },
      { type: 'TextualBody', purpose: 'tagging', value: 'from-extension' },
    ],
    target: {
      source,
      selector: [
        { type: 'TextQuoteSelector', ...describeRange(text, start, start + exact.length) },
        { type: 'TextPositionSelector', start, end: start + exact.length },
      ],
    },
  }
}

describe('moving annotations from one library to another', () => {
  it('exports W3C annotations that anchor exactly on the same source elsewhere, once', async () => {
    const a = await library()
    const { source } = await a.client.call('sources.import', {
      fileName: 'harbour.txt',
      text: report,
    })
    await highlight(a, source.id, 'gate system', {
      comment: 'Which one?',
      tags: ['port'],
      occurrence: 2,
    })
    await highlight(a, source.id, 'claims are baseless', {
      comment: 'Denial.\n\nNo evidence.',
      tags: ['denial', 'ka’nani'],
      color: 'pink',
    })
    await highlight(a, source.id, 'portal went down 🚢')
    const made = (await a.client.call('annotations.list', { sourceId: source.id })).annotations

    const { document, count } = await a.client.call('annotations.export', { sourceId: source.id })
    expect(count).toBe(3)
    expect(document).toMatchObject({ type: 'AnnotationCollection', total: 3 })
    const file: unknown = JSON.parse(JSON.stringify(document))

    const b = await library()
    const copy = await b.client.call('sources.import', { fileName: 'harbour.txt', text: report })
    expect(copy.source.originalSha256).toBe(source.originalSha256)
    expect(await b.client.call('annotations.import', { document: file })).toEqual({
      imported: 3,
      exact: 3,
      fuzzy: 0,
      orphaned: 0,
      duplicates: 0,
      skipped: [],
    })
    const moved = (await b.client.call('annotations.list', { sourceId: copy.source.id }))
      .annotations
    expect(moved.map(seen)).toEqual(made.map(seen))
    expect(
      moved.every(
        (annotation) => annotation.anchor === undefined || annotation.anchor.status === 'exact',
      ),
    ).toBe(true)

    expect(await b.client.call('annotations.import', { document: file })).toMatchObject({
      imported: 0,
      duplicates: 3,
      skipped: [],
    })
    expect(await a.client.call('annotations.import', { document: file })).toMatchObject({
      imported: 0,
      duplicates: 3,
    })
    expect(
      (await b.client.call('annotations.list', { sourceId: copy.source.id })).annotations,
    ).toHaveLength(3)
    expect(
      (await a.client.call('annotations.list', { sourceId: source.id })).annotations,
    ).toHaveLength(3)
  })

  it('exports every source’s annotations when no source is named', async () => {
    const t = await library()
    const one = await t.client.call('sources.import', { fileName: 'one.txt', text: report })
    const two = await t.client.call('sources.import', {
      fileName: 'two.md',
      text: '# Two\n\nA second report.',
    })
    await highlight(t, one.source.id, 'gate system')
    await highlight(t, two.source.id, 'second report')
    const { document, count } = await t.client.call('annotations.export', {})
    expect(count).toBe(2)
    expect(document).toMatchObject({ total: 2 })
  })
})

const page = `${corporaDir}/web-pages/nytimes-2/source.html`

describe.skipIf(!corporaPresent)(
  corporaPresent ? 'annotations made by a browser extension on a saved page' : corporaMissing,
  () => {
    it('anchors the passages of the article and orphans those of the page around it', async () => {
      const bytes = await readFile(page)
      // The text a browser extension quotes: every text node of the body, scripts and menus too.
      const pageText = new JSDOM(bytes.toString('utf8')).window.document.body.textContent ?? ''
      const urn = `urn:sha256:${createHash('sha256').update(bytes).digest('hex')}`
      const article = [
        'It is hard to overestimate how complex an asset sale like this is.',
        'My favorite is simply Remain Co., the name Yahoo executives are using.',
        'Investment companies are subject to special regulation under the Investment Company Act of 1940.',
      ]
      const around = [
        'NYTimes.com no longer supports Internet Explorer 9 or earlier. Please upgrade your browser.',
        'Your profile is public. It will appear with any comments you leave on NYTimes.com',
      ]
      const document = {
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        type: 'AnnotationCollection',
        total: 5,
        first: {
          type: 'AnnotationPage',
          items: [...article, ...around].map((exact, n) =>
            foreignAnnotation(urn, pageText, exact, `note ${n}`),
          ),
        },
      }

      const t = await library()
      const { source } = await t.library.importFile('page.html', new Uint8Array(bytes))
      const { text } = await t.client.call('sources.get', { id: source.id })
      for (const exact of around)
        expect(text, 'a page passage outside the article').not.toContain(exact)

      const answer = await t.client.call('annotations.import', { document })
      expect(answer).toMatchObject({ imported: 5, orphaned: 2, duplicates: 0, skipped: [] })
      expect(answer.exact + answer.fuzzy).toBe(3)

      const { annotations } = await t.client.call('annotations.list', { sourceId: source.id })
      expect(annotations).toHaveLength(5)
      const byComment = new Map(annotations.map((annotation) => [annotation.comment, annotation]))
      article.forEach((exact, n) => {
        const annotation = byComment.get(`note ${n}`)
        expect(annotation?.anchor?.status ?? 'exact').not.toBe('orphaned')
        const { start, end } = annotation?.target.position ?? { start: 0, end: 0 }
        expect(text.slice(start, end)).toBe(exact)
        expect(annotation?.target.quote.exact).toBe(exact)
        expect(annotation?.tags).toEqual(['from-extension'])
      })
      around.forEach((exact, n) => {
        const annotation = byComment.get(`note ${article.length + n}`)
        expect(annotation?.anchor?.status, `“${exact}” is orphaned`).toBe('orphaned')
        expect(annotation?.target.quote.exact).toBe(exact)
      })
      // Nor does the brief place an orphan in the article: it is found nowhere in it.
      const { markdown } = await t.client.call('briefs.export', {})
      for (const exact of around) {
        const footnote = markdown
          .split('\n')
          .find((line) => /^\[\^\d+\]:/.test(line) && line.includes(exact))
        expect(footnote ?? '', `the brief's footnote for “${exact}”`).not.toMatch(/paragraph \d+/)
      }
    })
  },
)

describe('finding the source of an annotation', () => {
  const url = 'https://intel.example/reports/harbour'
  const markdown = `---\ntitle: Harbour report\nurl: ${url}\n---\n\n${report.split('\n').slice(3).join('\n')}\n`
  const quote = (source: string, exact: string, extra: object = {}) => ({
    type: 'Annotation',
    bodyValue: `about ${exact}`,
    target: { source, selector: { type: 'TextQuoteSelector', exact } },
    ...extra,
  })

  it('skips an annotation whose source is not in the library, naming that source', async () => {
    const t = await library()
    await t.client.call('sources.import', { fileName: 'harbour.md', text: markdown })
    const missing = `urn:sha256:${'0'.repeat(64)}`
    const answer = await t.client.call('annotations.import', {
      document: [
        quote(missing, 'gate system'),
        quote('https://elsewhere.example/page', 'gate system'),
      ],
    })
    expect(answer).toMatchObject({ imported: 0, exact: 0, orphaned: 0 })
    expect(answer.skipped).toEqual([
      { item: 0, reason: expect.stringContaining(missing) },
      { item: 1, reason: expect.stringContaining('https://elsewhere.example/page') },
    ])
  })

  it('finds a source by the URL in its front matter, and reports items it cannot read', async () => {
    const t = await library()
    const { source } = await t.client.call('sources.import', {
      fileName: 'harbour.md',
      text: markdown,
    })
    expect(source.origin.url).toBe(url)
    const answer = await t.client.call('annotations.import', {
      document: [
        quote(url, 'claims are baseless'),
        { type: 'Annotation', target: { source: url } },
      ],
    })
    expect(answer).toMatchObject({ imported: 1, exact: 1, orphaned: 0 })
    expect(answer.skipped).toEqual([
      { item: 1, reason: expect.stringMatching(/has no TextQuoteSelector/) },
    ])
    const { annotations } = await t.client.call('annotations.list', { sourceId: source.id })
    const { text } = await t.client.call('sources.get', { id: source.id })
    expect(
      annotations.map((a) => [
        text.slice(a.target.position.start, a.target.position.end),
        a.comment,
      ]),
    ).toEqual([['claims are baseless', 'about claims are baseless']])
  })

  it('imports a Hypothesis export by its URL, and counts it as duplicates the second time', async () => {
    const t = await library()
    const { source } = await t.client.call('sources.import', {
      fileName: 'harbour.md',
      text: markdown,
    })
    const hypothesis = {
      total: 1,
      rows: [
        {
          id: 'Jx3oGpqKEeiv2Sv1OBvPVw',
          created: '2018-06-20T14:02:11.473163+00:00',
          updated: '2018-06-20T14:02:11.473163+00:00',
          uri: url,
          text: 'Who said so first?',
          tags: ['denial'],
          target: [
            {
              source: url,
              selector: [
                {
                  type: 'RangeSelector',
                  startContainer: '/p[2]',
                  startOffset: 25,
                  endContainer: '/p[2]',
                  endOffset: 44,
                },
                {
                  type: 'TextQuoteSelector',
                  exact: 'claims are baseless',
                  prefix: 'said the “',
                  suffix: '”, and the',
                },
              ],
            },
          ],
        },
      ],
    }
    expect(await t.client.call('annotations.import', { document: hypothesis })).toMatchObject({
      imported: 1,
      exact: 1,
    })
    expect(await t.client.call('annotations.import', { document: hypothesis })).toMatchObject({
      imported: 0,
      duplicates: 1,
    })
    const { annotations } = await t.client.call('annotations.list', { sourceId: source.id })
    expect(annotations.map((a) => [a.target.quote.exact, a.comment, a.tags])).toEqual([
      ['claims are baseless', 'Who said so first?', ['denial']],
    ])
  })
})

describe('casefile annotations', () => {
  it('exports to a file and imports it into another library, printing the counts', async () => {
    const dir = await makeTempDir()
    try {
      const [from, to] = [`${dir.path}/from`, `${dir.path}/to`]
      const file = `${dir.path}/report.txt`
      await writeFile(file, report)
      for (const library of [from, to]) {
        expect((await runCli(['import', file, '--library', library])).code).toBe(0)
      }
      const source = JSON.parse(
        (await runCli(['call', 'sources.list', '--library', from])).stdout,
      ) as { sources: Array<{ id: string }> }
      const sourceId = source.sources[0]?.id ?? ''
      const exact = 'claims are baseless'
      const created = await runCli([
        'call',
        'annotations.create',
        JSON.stringify({
          sourceId,
          quote: { exact, prefix: 'Nasser Ka’nani said the “', suffix: '”, and the e-Albania' },
          position: { start: 0, end: exact.length },
          comment: 'Denial',
        }),
        '--library',
        from,
      ])
      expect(created.code, created.stderr).toBe(0)
      const exported = `${dir.path}/annotations.jsonld`
      const out = await runCli(['annotations', 'export', '-o', exported, '--library', from])
      expect(out.stderr).toContain('1 annotation(s)')
      const imported = await runCli(['annotations', 'import', exported, '--library', to])
      expect(imported.code).toBe(0)
      expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 1, exact: 1, orphaned: 0 })
      const again = await runCli(['annotations', 'import', exported, '--library', to])
      expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, duplicates: 1 })
    } finally {
      await dir.remove()
    }
  }, 60_000)
})
