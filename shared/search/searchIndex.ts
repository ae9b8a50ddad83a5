import FlexSearch from 'flexsearch'
import { foldForSearch } from './foldForSearch'
import { indicatorKeys, isHash } from './indicators'
import { parseQuery, type ParsedQuery } from './parseQuery'
import { typoVariants } from './typoVariants'

/**
 * What the index knows of an item: an id with its kind as prefix (`s:` source, `a:` annotation,
 * `ac:` actor, `ev:` event, `n:` note), the source it belongs to (an actor, event or note: its
 * own id), and two searchable fields.
 */
export type IndexedItem = { id: string; sourceId: string; title: string; body: string }
/** A match: its fields (`title`, `body`), and whether it was found by an exact indicator. */
export type IndexHit = { id: string; sourceId: string; fields: string[]; indicator?: boolean }
export type IndexSearchOptions = {
  /** Words of 5 or more letters also match indexed words one edit away (`typo: true`). */
  typo?: boolean
}

const { Document, Encoder, Charset } = FlexSearch
const ownersKey = 'casefile.owners'
const vocabularyKey = 'casefile.vocabulary'
const indicatorsKey = 'casefile.indicators'
/** How many query wordings (prefix completions times typo variants) one search may try. */
const maxWordings = 24
/** How many hashes a prefix may stand for. */
const maxHashCompletions = 50
/** How many indexed words a last, unfinished query word may stand for. */
const prefixExpansions = 16

/**
 * The one place the index is configured. An exported index can only be imported with the same
 * configuration, so the persisted manifest stores `searchConfigHash` and a change here forces a
 * rebuild: bump the version whenever the options below change.
 *
 * Whole words are indexed (`strict`): FlexSearch's `forward` tokenizer indexes every prefix,
 * which at 10,000 sources needs hundreds of MB and exports a map too large for JSON.stringify
 * (V8 aborts). Prefix search for the word being typed comes from a vocabulary instead.
 */
export const searchConfigHash =
  'flexsearch-0.8.212/strict/normalize+fold+cjk-pairs/vocabulary/indicators/v4'

/** The FlexSearch index over every searchable item of a library; pure, so it runs anywhere. */
export class SearchIndex {
  /** Every indexed id and the source it belongs to. */
  private readonly owners = new Map<string, string>()
  /** Every word ever indexed, as the encoder wrote it (words of removed items may linger). */
  private readonly vocabulary = new Set<string>()
  private sortedVocabulary: string[] | undefined
  /** The indicators of each item (canonical values), and the items holding each indicator. */
  private readonly indicatorsOf = new Map<string, string[]>()
  private readonly holders = new Map<string, Set<string>>()
  private sortedHashes: string[] | undefined
  private collecting = false
  private readonly encoder = new Encoder({
    ...Charset.Normalize,
    prepare: foldForSearch,
    finalize: (terms: string[]) => {
      if (this.collecting) this.learn(terms)
      return terms
    },
  })
  private readonly document = new Document<{ id: string; title: string; body: string }>({
    tokenize: 'strict',
    encoder: this.encoder,
    document: { id: 'id', index: ['title', 'body'] },
  })

  get size(): number {
    return this.owners.size
  }

  /** How many items of a kind (`s`, `a`) are indexed. */
  count(kind: string): number {
    let count = 0
    for (const id of this.owners.keys()) if (id.startsWith(`${kind}:`)) count++
    return count
  }

  /** The sources that own at least one item of a kind (`a`: the sources with live annotations). */
  ownersOf(kind: string): Set<string> {
    const sources = new Set<string>()
    for (const [id, sourceId] of this.owners) if (id.startsWith(`${kind}:`)) sources.add(sourceId)
    return sources
  }

  ownerOf(id: string): string | undefined {
    return this.owners.get(id)
  }

  add(item: IndexedItem): void {
    if (this.owners.has(item.id)) this.document.remove(item.id)
    this.collecting = true
    try {
      this.document.add({ id: item.id, title: item.title, body: item.body })
    } finally {
      this.collecting = false
    }
    this.owners.set(item.id, item.sourceId)
    this.setIndicators(item.id, indicatorKeys(`${item.title}\n${item.body}`))
  }

  remove(id: string): void {
    if (!this.owners.delete(id)) return
    this.document.remove(id)
    this.setIndicators(id, [])
  }

  /** The indicators an item holds (canonical values). */
  indicatorsIn(id: string): readonly string[] {
    return this.indicatorsOf.get(id) ?? []
  }

  private setIndicators(id: string, keys: readonly string[]): void {
    for (const key of this.indicatorsOf.get(id) ?? []) {
      const ids = this.holders.get(key)
      ids?.delete(id)
      if (ids?.size === 0) {
        this.holders.delete(key)
        if (isHash(key)) this.sortedHashes = undefined
      }
    }
    if (keys.length === 0) {
      this.indicatorsOf.delete(id)
      return
    }
    this.indicatorsOf.set(id, [...keys])
    for (const key of keys) {
      let ids = this.holders.get(key)
      if (!ids) {
        this.holders.set(key, (ids = new Set()))
        if (isHash(key)) this.sortedHashes = undefined
      }
      ids.add(id)
    }
  }

  /**
   * Ids that match the query. An indicator in it (a hash, or its start; an address; a domain; a
   * CVE id) is looked up exactly, and only the items holding it answer (their other words are
   * left to the caller to check). Otherwise every word must match, the last one also as the
   * start of a longer word (so results come as the user types); title matches come first.
   */
  search(query: string | ParsedQuery, limit: number, options: IndexSearchOptions = {}): IndexHit[] {
    const parsed = typeof query === 'string' ? parseQuery(query) : query
    const exact = this.indicatorMatches(parsed)
    const hits =
      exact !== undefined
        ? [...exact].slice(0, limit).map((id) => ({
            id,
            sourceId: this.owners.get(id) ?? '',
            fields: [] as string[],
            indicator: true,
          }))
        : this.wordSearch(parsed, limit, options)
    if (parsed.excludedIndicators.length === 0) return hits
    return hits.filter(
      (hit) => !parsed.excludedIndicators.some((key) => this.holders.get(key)?.has(hit.id)),
    )
  }

  /** The items holding every indicator (and a hash begun by every prefix) of the query. */
  private indicatorMatches(parsed: ParsedQuery): Set<string> | undefined {
    const sets: Array<ReadonlySet<string>> = parsed.indicators.map(
      (key) => this.holders.get(key) ?? new Set<string>(),
    )
    for (const prefix of parsed.hashPrefixes) {
      const ids = new Set<string>()
      for (const hash of this.hashesStartingWith(prefix))
        for (const id of this.holders.get(hash) ?? []) ids.add(id)
      sets.push(ids)
    }
    if (sets.length === 0) return undefined
    sets.sort((a, b) => a.size - b.size)
    const [smallest, ...rest] = sets
    return new Set([...(smallest ?? [])].filter((id) => rest.every((set) => set.has(id))))
  }

  private hashesStartingWith(prefix: string): string[] {
    const sorted = (this.sortedHashes ??= [...this.holders.keys()].filter(isHash).sort())
    const found: string[] = []
    for (let i = lowerBound(sorted, prefix); i < sorted.length; i++) {
      const hash = sorted[i] as string
      if (!hash.startsWith(prefix) || found.length >= maxHashCompletions) break
      found.push(hash)
    }
    return found
  }

  private wordSearch(parsed: ParsedQuery, limit: number, options: IndexSearchOptions): IndexHit[] {
    const words = parsed.words
    if (words.length === 0) return []
    const last = words.length - 1
    // Each word slot: the word itself first, then what it may also stand for.
    const slots = words.map((word, i) =>
      i === last && parsed.lastIsPrefix
        ? this.completions(word)
        : options.typo
          ? typoVariants(
              word,
              (term) => this.vocabulary.has(term),
              (text) => this.encode(text),
            )
          : [word],
    )
    const found = new Map<string, Set<string>>()
    for (const wording of wordings(slots, maxWordings)) {
      const results = this.document.search(wording.join(' '), { limit, merge: true }) as Array<{
        id: string | number
        field?: string[]
      }>
      for (const result of results) {
        const fields = found.get(String(result.id)) ?? new Set<string>()
        for (const field of result.field ?? []) fields.add(field)
        found.set(String(result.id), fields)
      }
      if (found.size >= limit) break
    }
    const hits = [...found]
      .slice(0, limit)
      .map(([id, fields]) => ({ id, sourceId: this.owners.get(id) ?? '', fields: [...fields] }))
    return hits.sort(
      (a, b) => Number(b.fields.includes('title')) - Number(a.fields.includes('title')),
    )
  }

  private encode(text: string): string {
    return this.encoder.encode(text).join(' ')
  }

  /** The word itself, then indexed words that begin with it, shortest first. */
  private completions(word: string): string[] {
    const encoded = this.encoder.encode(word).join('')
    if (encoded === '') return []
    const sorted = (this.sortedVocabulary ??= [...this.vocabulary].sort())
    const completions: string[] = []
    for (
      let i = lowerBound(sorted, encoded);
      i < sorted.length && (sorted[i] as string).startsWith(encoded);
      i++
    )
      completions.push(sorted[i] as string)
    completions.sort((a, b) => a.length - b.length)
    return [word, ...completions.filter((term) => term !== encoded).slice(0, prefixExpansions)]
  }

  private learn(terms: readonly string[]): void {
    for (const term of terms) {
      if (this.vocabulary.has(term)) continue
      this.vocabulary.add(term)
      this.sortedVocabulary = undefined
    }
  }

  /** The index as named string chunks, to be written to disk. */
  export(): Map<string, string> {
    const chunks = new Map<string, string>()
    this.document.export((key: string, data: string) => {
      chunks.set(key, data)
    })
    chunks.set(ownersKey, JSON.stringify([...this.owners]))
    chunks.set(vocabularyKey, JSON.stringify([...this.vocabulary]))
    chunks.set(indicatorsKey, JSON.stringify([...this.indicatorsOf]))
    return chunks
  }

  /** Replaces the contents with a previous export made with the same configuration. */
  static import(chunks: ReadonlyMap<string, string>): SearchIndex {
    const index = new SearchIndex()
    for (const [key, data] of chunks) {
      if (!key.startsWith('casefile.')) index.document.import(key, data)
    }
    const owners = chunks.get(ownersKey)
    const vocabulary = chunks.get(vocabularyKey)
    const indicators = chunks.get(indicatorsKey)
    if (owners === undefined || vocabulary === undefined || indicators === undefined)
      throw new Error('The index export is incomplete.')
    for (const [id, keys] of JSON.parse(indicators) as Array<[string, string[]]>)
      index.setIndicators(id, keys)
    for (const [id, sourceId] of JSON.parse(owners) as Array<[string, string]>)
      index.owners.set(id, sourceId)
    for (const term of JSON.parse(vocabulary) as string[]) index.vocabulary.add(term)
    return index
  }
}

/** The first place in a sorted list where `value` could be inserted. */
function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((sorted[middle] as string) < value) low = middle + 1
    else high = middle
  }
  return low
}

/** The wordings a query may stand for, one word from each slot, the first choices first. */
function* wordings(slots: ReadonlyArray<readonly string[]>, max: number): Generator<string[]> {
  const at = slots.map(() => 0)
  for (let n = 0; n < max; n++) {
    yield slots.map((slot, i) => slot[at[i] ?? 0] ?? '')
    let i = slots.length - 1
    for (; i >= 0; i--) {
      at[i] = (at[i] ?? 0) + 1
      if ((at[i] ?? 0) < (slots[i]?.length ?? 0)) break
      at[i] = 0
    }
    if (i < 0) return
  }
}
