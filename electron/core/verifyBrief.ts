import search from 'approx-string-match'
import { anchorQuote } from '../../shared/anchoring'
import type { Place } from '../../shared/brief/briefData'
import { formatPlace, readBriefCitations, type CitedPassage } from '../../shared/brief/citation'
import type { BriefVerification, CitationCheck } from '../../shared/brief/verification'
import type { Block, Source } from '../../shared/model'
import { placeOf } from './briefGather'
import type { Library } from './library'

/** Fewer hex digits than this could name a source by chance: the source is then sought by title. */
const minHashPrefix = 8
/** A fuzzy match is not verbatim: its score stays below an exact match's 1. */
const maxFuzzyScore = 0.99
/** Edits counted when scoring a fuzzy match; anchoring accepts at most 256 on a long quote. */
const maxCountedErrors = 1024
/** Sources sharing a cited title that are tried, at most. */
const maxTitleMatches = 20

/** What a citation's check found, before the footnote's own fields are added. */
type Verdict = Pick<CitationCheck, 'status' | 'score' | 'sourceId' | 'citedSourceId'> & {
  foundAt?: NonNullable<CitationCheck['foundAt']>
  reason?: string
}

/**
 * Checks an exported brief against the library: each footnote citation's source is found (by the
 * sha256 prefix of its text, else by its exact title), followed to its newest version, and its
 * quote re-anchored there: exact (white space aside, which the footnote collapses), fuzzy with the
 * likeness of the passage found, or orphaned with the reason. Footnotes that are not citations,
 * footnotes never referred to and references to no footnote are reported too.
 */
export async function verifyBrief(library: Library, markdown: string): Promise<BriefVerification> {
  const { footnotes, undefinedReferences } = readBriefCitations(markdown)
  const texts = new SourceTexts(library)
  const citations: CitationCheck[] = []
  const unreadable: BriefVerification['unreadable'] = []
  for (const note of footnotes) {
    const common = { n: note.n, label: note.label, referenced: note.references > 0 }
    if (!note.readable) {
      unreadable.push({ ...common, text: note.text, problem: note.problem })
      continue
    }
    const { quote, sourceTitle, textSha256Prefix, place } = note.citation
    const verdict = await check(texts, note.citation)
    citations.push({ ...common, quote, sourceTitle, textSha256Prefix, place, ...verdict })
  }
  const count = (status: CitationCheck['status']) =>
    citations.filter((citation) => citation.status === status).length
  return {
    citations,
    unreadable,
    undefinedRefs: undefinedReferences,
    unreferenced: footnotes.filter((note) => note.references === 0).map((note) => note.label),
    counts: {
      exact: count('exact'),
      fuzzy: count('fuzzy'),
      orphaned: count('orphaned'),
      unreadable: unreadable.length,
    },
  }
}

async function check(texts: SourceTexts, cited: CitedPassage): Promise<Verdict> {
  const version = texts.withHash(cited.textSha256Prefix)
  if (!version) return checkByTitle(texts, cited)
  const newest = texts.newest(version)
  const found = await texts.locate(newest, cited)
  const ids = { sourceId: newest.id, citedSourceId: version.id }
  if (newest === version) {
    const reason =
      found.status === 'fuzzy'
        ? 'The quote differs from the source text.'
        : found.status === 'orphaned'
          ? 'The quote is not found in the source text.'
          : movedReason(found, cited.place)
    return withReason({ ...found, ...ids }, reason)
  }
  if (found.status !== 'orphaned') {
    const reason =
      found.status === 'exact'
        ? 'Found in a newer version of the source.'
        : 'Found, changed, in a newer version of the source.'
    return withReason({ ...found, ...ids }, reason)
  }
  const before = await texts.locate(version, cited)
  return withReason(
    { ...found, ...ids },
    before.status === 'exact'
      ? 'No longer in the newest version of the source (the version cited has it).'
      : 'The quote is not found in the source text, nor in its newest version.',
  )
}

/** The footnote's hash names no source of the library: the newest source with its title, if any. */
async function checkByTitle(texts: SourceTexts, cited: CitedPassage): Promise<Verdict> {
  const candidates = texts.titled(cited.sourceTitle).slice(0, maxTitleMatches)
  if (candidates.length === 0) {
    return {
      status: 'orphaned',
      score: 0,
      sourceId: null,
      citedSourceId: null,
      reason: 'The source is not in the library.',
    }
  }
  let best: (Located & { source: Source }) | undefined
  for (const source of candidates) {
    const found = await texts.locate(source, cited)
    if (!best || found.score > best.score) best = { ...found, source }
    if (found.status === 'exact') break
  }
  const { source, ...found } = best as Located & { source: Source }
  const reason =
    found.status === 'orphaned'
      ? 'The text cited is not in the library, and the source with its title does not have the quote.'
      : 'The text cited is not in the library; found in the source with its title.'
  return withReason({ ...found, sourceId: source.id, citedSourceId: null }, reason)
}

function movedReason(found: Located, cited: CitedPassage['place']): string | undefined {
  const at = found.foundAt?.place
  if (!at || formatPlace(at) === formatPlace(cited)) return undefined
  return `Found at ${formatPlace(at)}, not ${formatPlace(cited)} as cited.`
}

function withReason<T extends object>(
  verdict: T,
  reason: string | undefined,
): T & { reason?: string } {
  return reason === undefined ? verdict : { ...verdict, reason }
}

type Located = Pick<Verdict, 'status' | 'score' | 'foundAt'>

/** A text with each run of white space made one space, and where each character came from. */
type Collapsed = { text: string; origins: Int32Array }
type SourceText = { text: string; blocks: Block[]; collapsed: Collapsed }

/** The library's sources, looked up by hash and title, and their texts read once each. */
class SourceTexts {
  private readonly byId: Map<string, Source>
  private readonly byHashStart = new Map<string, Source[]>()
  private readonly read = new Map<string, Promise<SourceText>>()

  constructor(private readonly library: Library) {
    const sources = library.listSources()
    this.byId = new Map(sources.map((source) => [source.id, source]))
    for (const source of sources) {
      const key = source.textSha256.slice(0, minHashPrefix)
      const sharing = this.byHashStart.get(key)
      if (sharing) sharing.push(source)
      else this.byHashStart.set(key, [source])
    }
  }

  withHash(prefix: string): Source | undefined {
    if (prefix.length < minHashPrefix) return undefined
    const sources = this.byHashStart.get(prefix.slice(0, minHashPrefix)) ?? []
    return sources.find((source) => source.textSha256.startsWith(prefix))
  }

  /** The newest version of every source with this title, once each, newest import first. */
  titled(title: string): Source[] {
    const wanted = oneLine(title)
    const found = new Set<Source>()
    for (const source of this.byId.values())
      if (oneLine(source.title) === wanted) found.add(this.newest(source))
    return [...found]
  }

  newest(source: Source): Source {
    const seen = new Set<Source>()
    let current = source
    while (current.supersededBy !== undefined && !seen.has(current)) {
      seen.add(current)
      const next = this.byId.get(current.supersededBy)
      if (!next) break
      current = next
    }
    return current
  }

  /** Where the quote lies in the source's text, the place it was cited at breaking ties. */
  async locate(source: Source, cited: CitedPassage): Promise<Located> {
    const { text, blocks, collapsed } = await this.textOf(source)
    const quote = oneLine(cited.quote.normalize('NFC'))
    if (quote === '') return { status: 'orphaned', score: 0 }
    const hint = offsetOf(blocks, cited.place)
    const at = nearestOccurrence(collapsed, quote, hint)
    if (at !== undefined) {
      const start = collapsed.origins[at] ?? 0
      const end = (collapsed.origins[at + quote.length - 1] ?? text.length - 1) + 1
      return { status: 'exact', score: 1, foundAt: { start, end, place: placeOf(blocks, start) } }
    }
    const position = hint === undefined ? undefined : { start: hint, end: hint + quote.length }
    const anchor = anchorQuote(text, { exact: quote, prefix: '', suffix: '' }, position)
    if (anchor.status === 'orphaned') return { status: 'orphaned', score: 0 }
    const { start, end } = anchor
    const score = Math.min(maxFuzzyScore, likeness(oneLine(text.slice(start, end)), quote))
    return { status: 'fuzzy', score, foundAt: { start, end, place: placeOf(blocks, start) } }
  }

  private textOf(source: Source): Promise<SourceText> {
    let read = this.read.get(source.id)
    if (!read) {
      read = this.library.getSource(source.id).then(({ text, blocks }) => ({
        text,
        blocks,
        collapsed: collapseWhiteSpace(text),
      }))
      this.read.set(source.id, read)
    }
    return read
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function collapseWhiteSpace(text: string): Collapsed {
  const origins = new Int32Array(text.length + 1)
  const parts: string[] = []
  let length = 0
  let at = 0
  for (const run of text.matchAll(/\s+/g)) {
    parts.push(text.slice(at, run.index), ' ')
    for (let i = at; i < run.index; i++) origins[length++] = i
    origins[length++] = run.index
    at = run.index + run[0].length
  }
  parts.push(text.slice(at))
  for (let i = at; i < text.length; i++) origins[length++] = i
  origins[length] = text.length
  return { text: parts.join(''), origins: origins.slice(0, length + 1) }
}

/** The occurrence of `quote` in the collapsed text nearest the original offset `hint`. */
function nearestOccurrence(
  collapsed: Collapsed,
  quote: string,
  hint: number | undefined,
): number | undefined {
  let nearest: number | undefined
  let distance = Infinity
  for (
    let at = collapsed.text.indexOf(quote);
    at >= 0;
    at = collapsed.text.indexOf(quote, at + 1)
  ) {
    if (hint === undefined) return at
    const away = Math.abs((collapsed.origins[at] ?? 0) - hint)
    if (away >= distance) break
    nearest = at
    distance = away
  }
  return nearest
}

/**
 * 1 − the edit distance between the quote and the passage found, over the quote's length. At
 * most `maxCountedErrors` are counted (the search costs O(errors / 32 × length)): a long quote
 * with more scores as if it had that many.
 */
function likeness(found: string, quote: string): number {
  const budget = Math.min(quote.length, maxCountedErrors)
  const errors = search(found, quote, budget)[0]?.errors ?? budget
  return Math.max(0, 1 - errors / quote.length)
}

/** The offset where a cited place begins (the inverse of `placeOf`); undefined if it is not in the text. */
function offsetOf(blocks: readonly Block[], place: Place): number | undefined {
  const first =
    place.page === undefined ? 0 : blocks.findIndex((block) => block.page === place.page)
  if (first < 0) return undefined
  return blocks[first + place.paragraph - 1]?.start
}
