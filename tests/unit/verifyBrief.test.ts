import { describe, expect, it } from 'vitest'
import { verifyBrief } from '../../electron/core/verifyBrief'
import { describeRange } from '../../shared/anchoring'
import { BriefVerificationSchema, type CitationCheck } from '../../shared/brief/verification'
import { libraryPerTest, type TestLibrary } from '../support/makeLibrary'
import { makePdf } from '../support/makePdf'

const library = libraryPerTest()

const page = (paragraphs: string[]) =>
  ['---', 'title: Harbour outage', 'url: https://news.example/harbour', '---', '', ...paragraphs]
    .join('\n\n')
    .replace('---\n\n', '---\n')

const first = [
  'The port gate system failed on Friday morning, officials said.',
  'Trucks queued for three kilometres along the coast road while operators switched to paper.',
  'A spokesman for the ministry declined to name a suspect.',
]

const quotes = {
  gate: 'The port gate system failed on Friday morning',
  trucks: 'Trucks queued for three kilometres along the coast road',
  // Across two paragraphs: the footnote writes it on one line.
  spokesman: 'switched to paper.\n\nA spokesman for the ministry',
}

async function highlight(t: TestLibrary, sourceId: string, exact: string) {
  const { text } = await t.client.call('sources.get', { id: sourceId })
  const start = text.indexOf(exact)
  expect(start, exact).toBeGreaterThanOrEqual(0)
  return t.client.call('annotations.create', {
    sourceId,
    quote: describeRange(text, start, start + exact.length),
    position: { start, end: start + exact.length },
    comment: 'Noted',
  })
}

/** A library holding the harbour report with its three passages highlighted, and its brief. */
async function exportedBrief() {
  const t = await library()
  const { source } = await t.client.call('sources.import', {
    fileName: 'harbour.md',
    text: page(first),
  })
  for (const exact of Object.values(quotes)) await highlight(t, source.id, exact)
  const { markdown } = await t.client.call('briefs.export', { draft: { title: 'Harbour brief' } })
  return { t, source, markdown }
}

/** The brief with the footnote citing `quote` changed; the quoted blockquote is left alone. */
function editFootnote(markdown: string, quote: string, edit: (line: string) => string): string {
  const flat = quote.replace(/\s+/g, ' ')
  let edited = 0
  const lines = markdown.split('\n').map((line) => {
    if (!/^\[\^\d+\]: /.test(line) || !line.includes(flat)) return line
    edited++
    return edit(line)
  })
  expect(edited).toBe(1)
  return lines.join('\n')
}

function byQuote(citations: CitationCheck[], quote: string): CitationCheck | undefined {
  return citations.find((citation) => citation.quote.includes(quote.replace(/\s+/g, ' ')))
}

describe('verifying a brief against the library', () => {
  it('finds every citation of a freshly exported brief exactly, where it says', async () => {
    const { t, source, markdown } = await exportedBrief()
    const report = BriefVerificationSchema.parse(await verifyBrief(t.library, markdown))
    expect(report.counts).toEqual({ exact: 3, fuzzy: 0, orphaned: 0, unreadable: 0 })
    expect(report.unreadable).toEqual([])
    expect(report.undefinedRefs).toEqual([])
    expect(report.unreferenced).toEqual([])
    const { text } = await t.client.call('sources.get', { id: source.id })
    for (const citation of report.citations) {
      expect(citation).toMatchObject({
        status: 'exact',
        score: 1,
        sourceId: source.id,
        citedSourceId: source.id,
        sourceTitle: 'Harbour outage',
        textSha256Prefix: source.textSha256.slice(0, 12),
        referenced: true,
      })
      expect(citation.reason).toBeUndefined()
      expect(citation.foundAt?.place).toEqual(citation.place)
      const found = text.slice(citation.foundAt?.start, citation.foundAt?.end)
      expect(found.replace(/\s+/g, ' ')).toBe(citation.quote)
    }
    expect(byQuote(report.citations, quotes.spokesman)?.quote).toBe(
      'switched to paper. A spokesman for the ministry',
    )
  })

  it('scores a slightly edited quote as fuzzy, below 1', async () => {
    const { t, markdown } = await exportedBrief()
    const edited = editFootnote(markdown, quotes.trucks, (line) =>
      line.replace('three kilometres', 'three kilometers'),
    )
    const report = await verifyBrief(t.library, edited)
    expect(report.counts).toMatchObject({ exact: 2, fuzzy: 1, orphaned: 0 })
    const fuzzy = byQuote(report.citations, 'three kilometers')
    expect(fuzzy).toMatchObject({
      status: 'fuzzy',
      reason: 'The quote differs from the source text.',
    })
    expect(fuzzy?.score).toBeGreaterThan(0.9)
    expect(fuzzy?.score).toBeLessThan(1)
  })

  it('orphans a quote that is not in its source', async () => {
    const { t, source, markdown } = await exportedBrief()
    const invented = 'Officials confirmed a ransomware gang claimed the attack overnight'
    const edited = editFootnote(markdown, quotes.gate, (line) =>
      line.replace(quotes.gate, invented),
    )
    const report = await verifyBrief(t.library, edited)
    expect(report.counts).toMatchObject({ exact: 2, fuzzy: 0, orphaned: 1 })
    expect(byQuote(report.citations, invented)).toMatchObject({
      status: 'orphaned',
      score: 0,
      sourceId: source.id,
      reason: 'The quote is not found in the source text.',
    })
  })

  it('says where a quote lies when its footnote names the wrong paragraph', async () => {
    const { t, markdown } = await exportedBrief()
    const edited = editFootnote(markdown, quotes.gate, (line) =>
      line.replace('paragraph 1;', 'paragraph 3;'),
    )
    const report = await verifyBrief(t.library, edited)
    expect(byQuote(report.citations, quotes.gate)).toMatchObject({
      status: 'exact',
      place: { paragraph: 3 },
      foundAt: { place: { paragraph: 1 } },
      reason: 'Found at paragraph 1, not paragraph 3 as cited.',
    })
  })

  it('tells apart copies of a sentence by the page and paragraph cited', async () => {
    const t = await library()
    const repeated = 'Access to the terminal was restored at noon.'
    const pdf = await makePdf(
      [
        [['Incident log, day one.'], [repeated]],
        [[repeated], ['No further outages were reported.']],
      ],
      { title: 'Terminal log' },
    )
    const { source } = await t.library.importFile('log.pdf', pdf)
    if (!source) throw new Error('the PDF was not imported')
    const { text } = await t.client.call('sources.get', { id: source.id })
    const start = text.lastIndexOf(repeated)
    await t.client.call('annotations.create', {
      sourceId: source.id,
      quote: describeRange(text, start, start + repeated.length),
      position: { start, end: start + repeated.length },
      comment: 'Second day',
    })
    const { markdown } = await t.client.call('briefs.export', { draft: { title: 'Log' } })
    expect(markdown).toContain('p. 2, paragraph 1; sha256')
    const report = await verifyBrief(t.library, markdown)
    expect(report.citations).toMatchObject([
      {
        status: 'exact',
        place: { page: 2, paragraph: 1 },
        foundAt: { start, end: start + repeated.length, place: { page: 2, paragraph: 1 } },
      },
    ])
  })

  it('follows a source re-imported with new text to its newest version', async () => {
    const { t, source, markdown } = await exportedBrief()
    const second = [
      'Updated at noon.',
      first[0] ?? '',
      'Trucks queued for three kilometers along the coastal road while operators switched to paper.',
      'The ministry has since published a timeline.',
    ]
    const { source: newer } = await t.client.call('sources.import', {
      fileName: 'harbour.md',
      text: page(second),
    })
    expect(newer.previousVersionId).toBe(source.id)
    const report = await verifyBrief(t.library, markdown)
    const ids = { sourceId: newer.id, citedSourceId: source.id }
    expect(byQuote(report.citations, quotes.gate)).toMatchObject({
      ...ids,
      status: 'exact',
      score: 1,
      reason: 'Found in a newer version of the source.',
      foundAt: { place: { paragraph: 2 } },
    })
    const trucks = byQuote(report.citations, quotes.trucks)
    expect(trucks).toMatchObject({
      ...ids,
      status: 'fuzzy',
      reason: 'Found, changed, in a newer version of the source.',
    })
    expect(trucks?.score).toBeLessThan(1)
    expect(byQuote(report.citations, quotes.spokesman)).toMatchObject({
      ...ids,
      status: 'orphaned',
      score: 0,
      reason: 'No longer in the newest version of the source (the version cited has it).',
    })
  })

  it('orphans every citation of a source the library does not hold', async () => {
    const { markdown } = await exportedBrief()
    const other = await library()
    const report = await verifyBrief(other.library, markdown)
    expect(report.counts).toEqual({ exact: 0, fuzzy: 0, orphaned: 3, unreadable: 0 })
    for (const citation of report.citations) {
      expect(citation).toMatchObject({
        status: 'orphaned',
        score: 0,
        sourceId: null,
        citedSourceId: null,
        reason: 'The source is not in the library.',
      })
    }
  })

  it('finds a citation by its source title when the text cited is not in the library', async () => {
    const { markdown } = await exportedBrief()
    const other = await library()
    const { source } = await other.client.call('sources.import', {
      fileName: 'harbour-copy.md',
      text: page(['Reposted by a blog.', ...first]),
    })
    const report = await verifyBrief(other.library, markdown)
    expect(report.counts).toMatchObject({ exact: 3, orphaned: 0 })
    expect(report.citations[0]).toMatchObject({
      sourceId: source.id,
      citedSourceId: null,
      reason: 'The text cited is not in the library; found in the source with its title.',
    })
  })

  it('checks the older footnotes, written without the origin', async () => {
    const { t, source, markdown } = await exportedBrief()
    const older = markdown.replace(/, `https:\/\/news\.example\/harbour`/g, '')
    expect(older).not.toBe(markdown)
    const report = await verifyBrief(t.library, older)
    expect(report.counts).toEqual({ exact: 3, fuzzy: 0, orphaned: 0, unreadable: 0 })
    expect(report.citations[0]?.sourceId).toBe(source.id)
  })

  it('reports the footnotes of a brief written by hand in another format, without failing', async () => {
    const { t, markdown } = await exportedBrief()
    const handWritten = [
      '# Notes on the harbour',
      '',
      'The gates failed[^smith] and trucks queued[^2]; see also[^nowhere].',
      '',
      '[^smith]: Smith, J. (2024). *Harbour outage*. News Example, p. 4.',
      '[^2]: Ibid.',
      '[^3]: Never referred to.',
      '',
    ].join('\n')
    const report = await verifyBrief(t.library, handWritten)
    expect(report.citations).toEqual([])
    expect(report.unreadable.map(({ label, referenced }) => ({ label, referenced }))).toEqual([
      { label: 'smith', referenced: true },
      { label: '2', referenced: true },
      { label: '3', referenced: false },
    ])
    expect(report.unreadable[0]?.text).toBe('Smith, J. (2024). Harbour outage. News Example, p. 4.')
    expect(report.undefinedRefs).toEqual(['nowhere'])
    expect(report.unreferenced).toEqual(['3'])
    expect(report.counts).toEqual({ exact: 0, fuzzy: 0, orphaned: 0, unreadable: 3 })

    const mixed = await verifyBrief(t.library, `${markdown}\n[^extra]: A note of my own.\n`)
    expect(mixed.counts).toEqual({ exact: 3, fuzzy: 0, orphaned: 0, unreadable: 1 })
    expect(mixed.unreferenced).toEqual(['extra'])
  })
})
