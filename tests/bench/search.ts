import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import MiniSearch from 'minisearch'
import { AnnotationStore } from '../../electron/core/annotationStore'
import { ContentStore } from '../../electron/core/contentStore'
import { annotationItem, annotationText, sourceItem } from '../../electron/core/indexedItems'
import type { LibraryLayout } from '../../electron/core/paths'
import type { Annotation, Source } from '../../shared/model'
import {
  foldForSearch,
  makeSnippet,
  parseQuery,
  SearchIndex,
  textMatches,
  type IndexedItem,
} from '../../shared/search'
import type { Query, QueryClass } from './queries'
import { memory, progress, round, summarize, type Summary } from './stats'

/**
 * The search measurement and its baseline: MiniSearch over the same items (sources and live
 * annotations, the same title/body fields), every term required, the last one as a prefix too,
 * 20 results, and snippets made by the same `makeSnippet` from texts read the same way (a
 * ContentStore and an AnnotationStore of the library, fresh, so no cache starts warm). What
 * MiniSearch has no syntax for is done as the core does it: a phrase is its words, each result's
 * text then checked; an exclusion is `AND_NOT`; a filter is MiniSearch's `filter` on the kind and
 * the annotation's tags; typo mode is `fuzzy` (one edit, words of 5 or more letters). Each engine
 * is timed in its own process, so neither pays for the other's heap.
 */

export async function collectItems(
  sources: readonly Source[],
  layout: LibraryLayout,
): Promise<IndexedItem[]> {
  const annotations = new AnnotationStore(layout.annotations)
  const items: IndexedItem[] = []
  for (const source of sources) {
    items.push(
      sourceItem(source, await readFile(join(layout.bodies, `${source.textSha256}.txt`), 'utf8')),
    )
    for (const a of await annotations.all(source.id))
      if (a.deletedAt === null) items.push(annotationItem(a))
  }
  return items
}

/** The core's FlexSearch index built from items already in memory: the pure indexing cost. */
export function timeFlexBuild(items: readonly IndexedItem[]): {
  ms: number
  heapMb: number
  index: SearchIndex
} {
  const before = memory().heapMb
  const started = performance.now()
  const index = new SearchIndex()
  for (const item of items) index.add(item)
  const ms = performance.now() - started
  const heapMb = memory().heapMb - before
  if (index.size !== items.length) throw new Error('the FlexSearch index lost items')
  return { ms: round(ms, 0), heapMb: round(heapMb, 1), index }
}

/** An index alone (ids of the first 20 matches: no store reads, no snippets), after a warm-up. */
export function timeIndexOnly(
  search: (query: string) => number,
  queries: readonly Query[],
  warmup: readonly Query[],
): Summary {
  for (const { text } of warmup) search(text)
  const samples: number[] = []
  for (const { text } of queries) {
    const started = performance.now()
    search(text)
    samples.push(performance.now() - started)
  }
  return summarize(samples)
}

/** `makeSnippet` alone on source texts: each query against a few random source bodies. */
export function timeSnippets(items: readonly IndexedItem[], queries: readonly Query[]): Summary {
  const bodies = items.filter((item) => item.id.startsWith('s:')).map((item) => item.body)
  const samples: number[] = []
  for (const [i, { text }] of queries.entries()) {
    for (let k = 0; k < 4; k++) {
      const body = bodies[(i * 7919 + k * 104729) % bodies.length] ?? ''
      const started = performance.now()
      makeSnippet(body, text)
      samples.push(performance.now() - started)
    }
  }
  return summarize(samples)
}

const fold = (term: string) => term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() || null

export type Baseline = {
  search(query: Query, limit: number): Promise<Answer>
  /** The index alone: ids of the first `limit` matches, no snippets. */
  raw(query: string, limit: number): number
  buildMs: number
  heapMb: number
}

export async function buildMiniSearch(
  sources: readonly Source[],
  layout: LibraryLayout,
  items: readonly IndexedItem[],
): Promise<Baseline> {
  const before = memory().heapMb
  const started = performance.now()
  const mini = new MiniSearch<IndexedItem>({
    fields: ['title', 'body'],
    idField: 'id',
    tokenize: (text) => foldForSearch(text).split(/[^\p{L}\p{N}]+/u),
    processTerm: fold,
    // As the core: every word required, the last one also as the start of a longer word.
    searchOptions: { prefix: (_term, i, terms) => i === terms.length - 1, combineWith: 'AND' },
  })
  const owners = new Map<string, string>()
  for (const item of items) {
    mini.add(item)
    owners.set(item.id, item.sourceId)
  }
  const buildMs = round(performance.now() - started, 0)
  const heapMb = round(memory().heapMb - before, 1)

  const sourcesById = new Map(sources.map((source) => [source.id, source]))
  const tagsOf = new Map<string, string[]>()
  const reader = new AnnotationStore(layout.annotations)
  for (const source of sources)
    for (const a of await reader.all(source.id)) tagsOf.set(`a:${a.id}`, a.tags)
  const content = new ContentStore(layout)
  const annotations = new AnnotationStore(layout.annotations)
  const textOf = async (id: string, source: Source): Promise<string | undefined> => {
    if (id.startsWith('s:')) return content.text(source.textSha256)
    const annotation = (await annotations.all(source.id)).find(
      (a: Annotation) => a.id === id.slice(2) && a.deletedAt === null,
    )
    return annotation && annotationText(annotation)
  }
  return {
    buildMs,
    heapMb,
    raw: (query, limit) => (query.trim() === '' ? 0 : mini.search(query).slice(0, limit).length),
    // The same steps as Library.searchQuery, with MiniSearch in place of the FlexSearch index.
    async search(query, limit) {
      const parsed = parseQuery(query.text)
      if (parsed.words.length === 0) return { hits: 0, sourceHits: 0 }
      const filters = query.filters ?? {}
      const positive = parsed.words.join(' ')
      const results = mini.search(
        parsed.excluded.length > 0
          ? { combineWith: 'AND_NOT', queries: [positive, parsed.excluded.join(' ')] }
          : positive,
        {
          ...(filters.typo ? { fuzzy: (term: string) => (term.length >= 5 ? 1 : false) } : {}),
          ...(filters.kinds || filters.tags
            ? {
                filter: (result: { id: unknown }) => {
                  const id = String(result.id)
                  const kind = id.startsWith('s:') ? 'source' : 'annotation'
                  if (filters.kinds && !filters.kinds.includes(kind)) return false
                  const tags = tagsOf.get(id) ?? []
                  return !filters.tags || filters.tags.some((tag) => tags.includes(tag))
                },
              }
            : {}),
        },
      )
      let count = 0
      let sourceHits = 0
      for (const result of results) {
        if (count >= limit) break
        const id = String(result.id)
        const source = sourcesById.get(owners.get(id) ?? '')
        const text = source && (await textOf(id, source))
        if (text === undefined) continue
        if (parsed.phrases.length > 0 && !textMatches(parsed, text)) continue
        makeSnippet(text, parsed)
        if (id.startsWith('s:')) sourceHits++
        count++
      }
      return { hits: count, sourceHits }
    },
  }
}

/** One timed query: how many hits, and how many of them were sources (≈5 KB snippets, not annotations). */
export type QuerySample = {
  ms: number
  hits: number
  sourceHits: number
  kind: QueryClass
  text: string
}
export type Answer = { hits: number; sourceHits: number }
export type QueryTimes = { cold: QuerySample[]; warm: number[] }

/** Each query once after a warm-up (the figure), then all of them again (warm caches). */
export async function timeQueries(
  run: (query: Query) => Promise<Answer>,
  queries: readonly Query[],
  warmup: readonly Query[],
  label: string,
): Promise<QueryTimes> {
  for (const query of warmup) await run(query)
  const cold: QuerySample[] = []
  for (const [i, query] of queries.entries()) {
    const started = performance.now()
    const answer = await run(query)
    cold.push({ ms: performance.now() - started, ...answer, kind: query.kind, text: query.text })
    if ((i + 1) % 50 === 0) progress(`${label}: ${i + 1}/${queries.length} queries`)
  }
  const warm: number[] = []
  for (const query of queries) {
    const started = performance.now()
    await run(query)
    warm.push(performance.now() - started)
  }
  return { cold, warm }
}

export type EngineFigures = {
  overall: Summary
  warm: Summary
  byClass: Partial<Record<QueryClass, Summary>>
  zeroHits: number
  meanHits: number
  /** Of all hits, the share that were sources (the rest: annotations, whose snippets are short). */
  sourceShare: number
  /** Queries answered with more than the 20 hits asked for. */
  overLimit: number
  /** The five slowest queries: "text" (class) ms. */
  slowest: string
}

export function engineFigures({ cold, warm }: QueryTimes): EngineFigures {
  const byClass: Partial<Record<QueryClass, Summary>> = {}
  for (const kind of new Set(cold.map((s) => s.kind)))
    byClass[kind] = summarize(cold.filter((s) => s.kind === kind).map((s) => s.ms))
  const slowest = [...cold]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5)
    .map((s) => `"${s.text}" (${s.kind}, ${s.hits} hits) ${round(s.ms, 1)} ms`)
  return {
    overall: summarize(cold.map((s) => s.ms)),
    warm: summarize(warm),
    byClass,
    zeroHits: cold.filter((s) => s.hits === 0).length,
    overLimit: cold.filter((s) => s.hits > 20).length,
    sourceShare: round(
      cold.reduce((sum, s) => sum + s.sourceHits, 0) /
        Math.max(
          1,
          cold.reduce((sum, s) => sum + s.hits, 0),
        ),
      2,
    ),
    meanHits: round(cold.reduce((sum, s) => sum + s.hits, 0) / Math.max(1, cold.length), 1),
    slowest: slowest.join('; '),
  }
}
