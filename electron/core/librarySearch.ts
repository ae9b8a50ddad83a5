import type { SearchHit } from '../../shared/api'
import type {
  Actor,
  Annotation,
  CaseEvent,
  Note,
  SearchFilters,
  SearchKind,
  Source,
  Tlp,
} from '../../shared/model'
import {
  isEmptyQuery,
  makeSnippet,
  parseQuery,
  checksText,
  foldedMatches,
  foldText,
  type FoldedText,
  type IndexHit,
  type ParsedQuery,
  type SearchIndex,
  type SnippetHints,
} from '../../shared/search'
import { annotationText } from './indexedItems'

/**
 * What search reads of the library: each kind's live items, by id, at once. What is kept in files
 * is read synchronously: a query reads a few dozen small files, and each read through the thread
 * pool cost more than the read itself (and more again when the reads queued behind each other).
 */
export type SearchedLibrary = {
  index: SearchIndex
  source(id: string): Source | undefined
  sourceText(source: Source): string
  /** A source's text folded as search compares it (`foldWithMap`). */
  foldedSourceText(source: Source): FoldedText
  /** A live annotation, or undefined (also when its file cannot be read). */
  annotation(sourceId: string, id: string): Annotation | undefined
  /** A live note, or undefined (also when its file cannot be read). */
  note(id: string): Omit<Note, 'doc'> | undefined
  actor(id: string): Actor | undefined
  event(id: string): CaseEvent | undefined
  /** An actor's other names, when the query is one of its names. */
  otherNames(query: string): string[]
}

/** One candidate, read: what the filters look at, its full text, and how to show it. */
type Item = {
  kind: SearchKind
  id: string
  sourceId: string
  title: string
  /**
   * A source's record: its text is read from the store only for a candidate that passed the
   * filters. Other kinds carry their texts: `shown` (what a snippet is cut from) and `checked`
   * (everything indexed, folded only when a check needs it); a source's are ''. Plain data, no
   * closures, every field written in this order by every kind: one candidate of hundreds costs
   * nothing to describe.
   */
  source: Source | undefined
  shown: string
  checked: string
  tags: string[]
  tlp: Tlp
  /** The span of dates the date filters compare, as [first day, last day], or none. */
  dates: [string, string] | undefined
  date: string | undefined
  actorIds: readonly string[]
  eventIds: readonly string[]
}

const kindOfPrefix: Record<string, SearchKind> = {
  s: 'source',
  a: 'annotation',
  n: 'note',
  ac: 'actor',
  ev: 'event',
}
/** How many candidates the index is asked for when the results will be narrowed afterwards. */
const maxCandidates = 2000
/** How many items mentioning an actor's names an actor filter may stand for. */
const maxMentioning = 5000

/**
 * Runs a query: the index finds candidates (only as many as will be shown, unless filters,
 * phrases or exclusions narrow them afterwards: then a bounded pool of them), each candidate is
 * read once, checked, and turned into a hit. Exact indicator hits first, then title hits, then
 * the index's order. Cost grows with the candidates, never with the library.
 */
export function searchLibrary(
  library: SearchedLibrary,
  query: string,
  limit: number,
  filters: SearchFilters = {},
): SearchHit[] {
  const parsed = parseQuery(query)
  if (isEmptyQuery(parsed)) return []
  const narrowed =
    hasFilters(filters) ||
    parsed.phrases.length > 0 ||
    parsed.excluded.length > 0 ||
    parsed.excludedIndicators.length > 0
  const pool = narrowed ? Math.min(maxCandidates, limit * 20 + 100) : limit
  const mentioning = filters.actorIds?.length ? mentionsOf(library, filters.actorIds) : undefined
  const options = filters.typo ? { typo: true } : {}
  // A query that is an actor's name also finds what uses its other names.
  const plain = parsed.phrases.length === 0 && parsed.excluded.length === 0
  const wordings: Array<[ParsedQuery, IndexHit[]]> = [
    [parsed, library.index.search(parsed, pool, options)],
  ]
  if (plain && parsed.indicators.length === 0)
    for (const name of library.otherNames(query)) {
      const other = parseQuery(name)
      wordings.push([other, library.index.search(other, pool, options)])
    }
  const ranked = wordings
    .flatMap(([wording, hits]) => hits.map((hit) => ({ wording, hit })))
    .map(({ wording, hit }, order) => ({ wording, hit, order, rank: rankOf(hit) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
  // Each candidate is looked at in turn until there are enough hits: first what memory tells (an
  // annotation's facets, a source's record, an actor, an event, whether an item holds a phrase's
  // words side by side), and only what may still match is read from disk. Each kind's checked
  // text (see `foldedOf`) has its index entry's words (title, then body) in the same order, so
  // the index's record of neighbouring words speaks for every kind; a test holds each kind to
  // this.
  const fits = new Map(
    wordings.map(([wording]) => [wording, library.index.phraseFilter(wording.phrases)]),
  )
  // A snippet also marks the words of the text a query word was found by (`comitee`: `committee`).
  const spellings = new Map(
    wordings.map(([wording]) => [
      wording,
      wording.words.flatMap((word) => library.index.spellings(word, filters.typo === true)),
    ]),
  )
  const seen = new Set<string>()
  const hits: SearchHit[] = []
  for (const { wording, hit } of ranked) {
    if (hits.length >= limit) break
    if (seen.has(hit.id)) continue
    seen.add(hit.id)
    const kind = kindOfPrefix[hit.id.slice(0, hit.id.indexOf(':'))]
    if (kind === undefined || (filters.kinds?.length && !filters.kinds.includes(kind))) continue
    if (ruledOut(library, hit, filters, mentioning) || fits.get(wording)?.(hit.id) === false)
      continue
    const known = inMemory(library, hit)
    if (known === undefined || (known && !passes(known, hit.id, filters, mentioning))) continue
    const item = known ?? fromFiles(library, hit)
    if (!item || (!known && !passes(item, hit.id, filters, mentioning))) continue
    const indicator = hit.indicator === true
    const checks = checksText(wording, indicator)
    // A source's text folded whole for the check is what its snippet is cut from, too.
    const whole = checks && item.source ? library.foldedSourceText(item.source) : undefined
    if (checks && !foldedMatches(wording, foldedOf(item, whole), indicator)) continue
    const hints = { folded: whole, spellings: spellings.get(wording) ?? [] }
    hits.push(toHit(item, textOf(library, item), wording, hit, hints))
  }
  return hits
}

function rankOf(hit: IndexHit): number {
  if (hit.indicator) return 0
  return hit.fields.includes('title') ? 1 : 2
}

function hasFilters(filters: SearchFilters): boolean {
  return (
    !!filters.kinds?.length ||
    !!filters.tags?.length ||
    !!filters.actorIds?.length ||
    !!filters.eventIds?.length ||
    !!filters.tlp?.length ||
    filters.from !== undefined ||
    filters.to !== undefined
  )
}

/** The index ids of what mentions any name of the actors (their names as phrases). */
function mentionsOf(library: SearchedLibrary, actorIds: readonly string[]): Set<string> {
  const ids = new Set<string>()
  for (const actorId of actorIds) {
    const actor = library.actor(actorId)
    if (!actor) continue
    for (const name of [actor.name, ...actor.aliases]) {
      const phrase = parseQuery(`"${name.replace(/["“”]/g, ' ')}" `)
      for (const hit of library.index.search(phrase, maxMentioning)) ids.add(hit.id)
    }
  }
  return ids
}

function passes(
  item: Item,
  indexId: string,
  filters: SearchFilters,
  mentioning: ReadonlySet<string> | undefined,
): boolean {
  if (filters.tlp?.length && !filters.tlp.includes(item.tlp)) return false
  if (filters.tags?.length) {
    const tags = new Set(item.tags.map((tag) => tag.toLowerCase()))
    if (!filters.tags.some((tag) => tags.has(tag.toLowerCase()))) return false
  }
  if (filters.actorIds?.length) {
    const linked = filters.actorIds.some(
      (id) => item.actorIds.includes(id) || (item.kind === 'actor' && item.id === id),
    )
    if (!linked && !mentioning?.has(indexId)) return false
  }
  if (filters.eventIds?.length) {
    const linked = filters.eventIds.some(
      (id) => item.eventIds.includes(id) || (item.kind === 'event' && item.id === id),
    )
    if (!linked) return false
  }
  if (filters.from !== undefined || filters.to !== undefined) {
    if (!item.dates) return false
    if (filters.from !== undefined && item.dates[1] < firstDay(filters.from)) return false
    if (filters.to !== undefined && item.dates[0] > lastDay(filters.to)) return false
  }
  return true
}

/**
 * Whether what the index knows of a candidate (an annotation's facets) already fails the filters,
 * so it need not be read. Only ever a quicker "no": what passes is read and checked in full.
 */
function ruledOut(
  library: SearchedLibrary,
  hit: IndexHit,
  filters: SearchFilters,
  mentioning: ReadonlySet<string> | undefined,
): boolean {
  if (!hit.id.startsWith('a:')) return false
  const facets = library.index.facetsIn(hit.id)
  if (facets === undefined) return false
  const any = (prefix: string, values: readonly string[] | undefined) =>
    !values?.length || values.some((value) => facets.includes(`${prefix}${value}`))
  if (
    !any(
      'tag:',
      filters.tags?.map((tag) => tag.toLowerCase()),
    )
  )
    return true
  if (!any('actor:', filters.actorIds) && !mentioning?.has(hit.id)) return true
  if (!any('event:', filters.eventIds)) return true
  if (filters.tlp?.length) {
    const own = facets.find((facet) => facet.startsWith('tlp:'))?.slice(4)
    const tlp = own ?? library.source(hit.sourceId)?.tlp
    if (tlp !== undefined && !filters.tlp.includes(tlp as Tlp)) return true
  }
  return false
}

/** `2024` → `2024-01-01`, `2024-03` → `2024-03-01`; a day or a timestamp → its day. */
export function firstDay(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-01-01`
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-01`
  return date.slice(0, 10)
}

/** `2024` → `2024-12-31`, `2024-03` → `2024-03-31` (a bound, compared as text). */
export function lastDay(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-12-31`
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-31`
  return date.slice(0, 10)
}

function span(start: string, end = start): [string, string] {
  return [firstDay(start), lastDay(end)]
}

function parts(hit: IndexHit): [string, string] {
  const colon = hit.id.indexOf(':')
  return [hit.id.slice(0, colon), hit.id.slice(colon + 1)]
}

/**
 * What a kind kept in memory links to: nothing (the filters read actors' and events' own ids).
 * Written out in each item, never spread: on Node 20 an object spread and then added to cost
 * 3–20 µs per candidate (a fresh hidden class each time), a third of a filtered search.
 */
const noLinks: readonly string[] = []

/**
 * A candidate kept in memory (a source's record, an actor, an event), if it is still live;
 * null for one kept in files (an annotation, a note): `fromFiles` reads those.
 */
function inMemory(library: SearchedLibrary, hit: IndexHit): Item | undefined | null {
  const [prefix, id] = parts(hit)
  if (prefix === 's') {
    const source = library.source(id)
    if (!source) return undefined
    const date = source.publishedAt ?? source.importedAt
    return {
      kind: 'source',
      id,
      sourceId: id,
      title: source.title,
      source,
      shown: '',
      checked: '',
      tags: source.tags,
      tlp: source.tlp,
      dates: /^\d{4}/.test(date) ? span(date) : undefined,
      date,
      actorIds: noLinks,
      eventIds: noLinks,
    }
  }
  if (prefix === 'ac') {
    const actor = library.actor(id)
    if (!actor) return undefined
    const names = [actor.name, ...actor.aliases].join(', ')
    const shown = [names, actor.description].filter((part) => part !== '').join(' — ')
    return {
      kind: 'actor',
      id,
      sourceId: id,
      title: actor.name,
      source: undefined,
      shown,
      checked: `${shown}\n${actor.tags.join(' ')}`,
      tags: actor.tags,
      tlp: actor.tlp,
      dates: undefined,
      date: undefined,
      actorIds: noLinks,
      eventIds: noLinks,
    }
  }
  if (prefix === 'ev') {
    const event = library.event(id)
    if (!event) return undefined
    const shown = [event.place, event.description].filter((part) => part !== '').join(' — ')
    return {
      kind: 'event',
      id,
      sourceId: id,
      title: event.title,
      source: undefined,
      shown,
      checked: `${event.title}\n${shown}\n${event.tags.join(' ')}`,
      tags: event.tags,
      tlp: event.tlp,
      dates: span(event.occurred.start, event.occurred.end),
      date: event.occurred.start,
      actorIds: noLinks,
      eventIds: noLinks,
    }
  }
  return null
}

/** Reads a candidate kept in files (an annotation, a note), if it is still live. */
function fromFiles(library: SearchedLibrary, hit: IndexHit): Item | undefined {
  const [prefix, id] = parts(hit)
  if (prefix === 'a') {
    const source = library.source(hit.sourceId)
    const annotation = source && library.annotation(source.id, id)
    if (!source || !annotation) return undefined
    const text = annotationText(annotation)
    return {
      kind: 'annotation',
      id,
      sourceId: source.id,
      title: source.title,
      source: undefined,
      shown: text,
      checked: text,
      tags: annotation.tags,
      tlp: annotation.tlp ?? source.tlp,
      dates: span(annotation.createdAt),
      date: annotation.createdAt,
      actorIds: annotation.actorIds ?? [],
      eventIds: annotation.eventIds ?? [],
    }
  }
  if (prefix === 'n') {
    const note = library.note(id)
    if (!note) return undefined
    return {
      kind: 'note',
      id,
      sourceId: id,
      title: note.title,
      source: undefined,
      shown: note.text,
      checked: `${note.title}\n${note.text}`,
      tags: note.tags,
      tlp: note.tlp,
      dates: span(note.updatedAt),
      date: note.updatedAt,
      actorIds: note.actorIds,
      eventIds: note.eventIds,
    }
  }
  return undefined
}

/** The text a candidate's snippet is cut from. */
function textOf(library: SearchedLibrary, item: Item): string {
  return item.source ? library.sourceText(item.source) : item.shown
}

/**
 * Everything a candidate is found by, folded (for the checks the index cannot make): a source's
 * title and authors before its text folded whole.
 */
function foldedOf(item: Item, whole: FoldedText | undefined): string {
  const { source } = item
  if (!source || !whole) return foldText(item.checked)
  const head = foldText([source.title, ...source.authors].join('\n'))
  return `${head}\n${whole.folded}`
}

function toHit(
  item: Item,
  shown: string,
  wording: ParsedQuery,
  hit: IndexHit,
  hints: SnippetHints,
): SearchHit {
  const snippet = makeSnippet(shown, wording, undefined, hints)
  const found: SearchHit = {
    kind: item.kind,
    id: item.id,
    sourceId: item.sourceId,
    title: item.title,
    snippet: snippet.text,
    highlights: snippet.highlights,
    tags: item.tags,
    tlp: item.tlp,
    matched: hit.indicator ? 'indicator' : hit.fields.includes('title') ? 'title' : 'text',
  }
  if (item.date !== undefined) found.date = item.date
  return found
}
