import FlexSearch from 'flexsearch'
import { foldForSearch, foldText } from './foldForSearch'
import { indicatorKeys, isHash } from './indicators'
import { intersect, type Field, type WordLists } from './intersect'
import { parseQuery, type ParsedQuery } from './parseQuery'
import { filterFromText, filterToText, mayHoldPairs, pairFilter, phrasePairs } from './phrasePairs'
import { typoVariants } from './typoVariants'

/**
 * What the index knows of an item: an id with its kind as prefix (`s:` source, `a:` annotation,
 * `ac:` actor, `ev:` event, `n:` note), the source it belongs to (an actor, event or note: its
 * own id), and two searchable fields.
 */
export type IndexedItem = {
  id: string
  sourceId: string
  title: string
  body: string
  /**
   * What filters look at, when it is known without reading the item (an annotation's `tag:…`
   * lower-cased, `actor:ID`, `event:ID`, its own `tlp:…`): a candidate they rule out is not read.
   */
  facets?: readonly string[]
}
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
const wordsKey = 'casefile.words'
const facetsKey = 'casefile.facets'
const pairsKey = 'casefile.pairs'
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
  'flexsearch-0.8.212/strict/normalize+fold+cjk-pairs/vocabulary/indicators/numbers/facets/slices/pairs/v9'

/** The FlexSearch index over every searchable item of a library; pure, so it runs anywhere. */
export class SearchIndex {
  /** Every indexed id and the source it belongs to. */
  private readonly owners = new Map<string, string>()
  /**
   * FlexSearch holds small numbers, not our ids: an id such as `a:<uuid>` stands in the index once
   * for every word of its item, so numbers make the index (measured at 2,000 sources) 7× smaller
   * on disk, 4× smaller in memory, 4× quicker to save and several times quicker to search.
   */
  private readonly numberOf = new Map<string, number>()
  private readonly idOf = new Map<number, string>()
  private nextNumber = 1
  /**
   * The words each small item (all but sources) was indexed under, per field (`title words\nbody
   * words`). FlexSearch removes an item by scanning every word of the index (measured: 24 ms at
   * 2,000 sources, growing with the library), and a note is indexed again at every autosave; with
   * its words known, only those are visited.
   */
  private readonly wordsOf = new Map<number, string>()
  /**
   * Parts of an opened index parsed only when first needed (a change; an indicator query), or by
   * `warmUp` once the library is open, so that opening answers the first search sooner.
   */
  private unread: {
    words?: string[]
    indicators?: string[]
    facets?: string[]
    pairs?: Array<string | (() => string)>
  } = {}
  /** Which neighbouring words each item holds (`phrasePairs`), so phrases skip what lacks them. */
  private readonly pairsOf = new Map<number, Uint32Array>()
  /** Each item's facets, one per line. */
  private readonly facetsOf = new Map<number, string>()
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
  private readonly document = new Document<{ id: number; title: string; body: string }>({
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
    let number = this.numberOf.get(item.id)
    if (number !== undefined) this.removeNumber(number)
    else {
      number = this.nextNumber++
      this.numberOf.set(item.id, number)
      this.idOf.set(number, item.id)
    }
    this.collecting = true
    try {
      this.document.add({ id: number, title: item.title, body: item.body })
    } finally {
      this.collecting = false
    }
    this.readWords() // before adding to what they fill
    this.readFacets()
    this.readPairs()
    this.pairsOf.set(number, pairFilter(`${foldText(item.title)}\n${foldText(item.body)}`))
    if (!item.id.startsWith('s:'))
      this.wordsOf.set(number, `${this.words(item.title)}\n${this.words(item.body)}`)
    if (item.facets) this.facetsOf.set(number, item.facets.join('\n'))
    else this.facetsOf.delete(number)
    this.owners.set(item.id, item.sourceId)
    this.setIndicators(item.id, indicatorKeys(`${item.title}\n${item.body}`))
  }

  remove(id: string): void {
    const number = this.numberOf.get(id)
    if (!this.owners.delete(id) || number === undefined) return
    this.removeNumber(number)
    this.readFacets()
    this.facetsOf.delete(number)
    this.readPairs()
    this.pairsOf.delete(number)
    this.numberOf.delete(id)
    this.idOf.delete(number)
    this.setIndicators(id, [])
  }

  private words(text: string): string {
    return [...new Set(this.encoder.encode(text))].join(' ')
  }

  /**
   * Takes an item out of FlexSearch: for a small item, out of the lists of its own words only
   * (leaving the lists as FlexSearch's own `remove` would: an emptied score slot empty, a word with
   * no slot left deleted); a source, by FlexSearch's scan.
   */
  private removeNumber(number: number): void {
    this.readWords()
    const words = this.wordsOf.get(number)
    if (words === undefined) {
      this.document.remove(number)
      return
    }
    this.wordsOf.delete(number)
    const fields = this.document as unknown as {
      index: Map<string, { map: Map<string, Array<number[] | undefined>> }>
      reg: Set<number>
    }
    for (const [field, line] of [
      ['title', words.slice(0, words.indexOf('\n'))],
      ['body', words.slice(words.indexOf('\n') + 1)],
    ] as const) {
      const map = fields.index.get(field)?.map
      if (!map) throw new Error(`FlexSearch has no "${field}" index: its internals changed.`)
      for (const word of line.split(' ')) {
        const slots = map.get(word)
        if (!slots) continue
        let left = 0
        for (let slot = 0; slot < slots.length; slot++) {
          const ids = slots[slot]
          if (!ids?.length) continue
          const at = ids.indexOf(number)
          if (at < 0) left++
          else if (ids.length > 1) {
            ids.splice(at, 1)
            left++
          } else slots[slot] = undefined // as FlexSearch leaves it: an empty slot
        }
        if (left === 0) map.delete(word)
      }
    }
    fields.reg.delete(number)
  }

  /** An item's facets, if it was indexed with them (none known: undefined). */
  facetsIn(id: string): readonly string[] | undefined {
    const number = this.numberOf.get(id)
    if (number === undefined) return undefined
    this.readFacets()
    const line = this.facetsOf.get(number)
    return line === undefined ? undefined : line === '' ? [] : line.split('\n')
  }

  /**
   * Whether an item may hold every phrase: false only when it surely lacks a pair of neighbouring
   * words of one (its folded title and body, as `findPhrase` reads them). Unknown: true.
   */
  mayHoldPhrases(id: string, phrases: ReadonlyArray<readonly string[]>): boolean {
    return this.phraseFilter(phrases)(id)
  }

  /** `mayHoldPhrases` for many items: the phrases' pairs are worked out once. */
  phraseFilter(phrases: ReadonlyArray<readonly string[]>): (id: string) => boolean {
    const told = phrases.map(phrasePairs).filter((pairs) => pairs !== undefined)
    if (told.length === 0) return () => true
    this.readPairs()
    return (id) => {
      const number = this.numberOf.get(id)
      const filter = number === undefined ? undefined : this.pairsOf.get(number)
      return !filter || told.every((pairs) => mayHoldPairs(filter, pairs))
    }
  }

  /** The indicators an item holds (canonical values). */
  indicatorsIn(id: string): readonly string[] {
    this.readIndicators()
    return this.indicatorsOf.get(id) ?? []
  }

  private setIndicators(id: string, keys: readonly string[]): void {
    this.readIndicators()
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
    if (parsed.indicators.length + parsed.hashPrefixes.length + parsed.excludedIndicators.length)
      this.readIndicators()
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

  /**
   * What a query word (folded) is found by besides itself, as the index writes words (a letter
   * written twice written once: `commitee` is found as `comite`, and so is `committee`), with
   * typo mode the indexed words one edit away too; a snippet marks the words it finds so.
   */
  spellings(word: string, typo: boolean): string[] {
    const own = this.encode(word)
    const spellings = own !== word && !own.includes(' ') ? [own] : []
    return typo ? [...spellings, ...this.misspelt(word).slice(1)] : spellings
  }

  /** The word, then its near misses (`typoVariants`). */
  private misspelt(word: string): string[] {
    return typoVariants(
      word,
      (term) => this.vocabulary.has(term),
      (text) => this.encode(text),
    )
  }

  private wordSearch(parsed: ParsedQuery, limit: number, options: IndexSearchOptions): IndexHit[] {
    const words = parsed.words
    if (words.length === 0) return []
    const last = words.length - 1
    // Each word slot: the word itself first, then what it may also stand for.
    const misspelt = (word: string) => (options.typo ? this.misspelt(word) : [word])
    // The word being typed stands for the words it begins, then (typo mode) for its near misses.
    const slots = words.map((word, i) =>
      i === last && parsed.lastIsPrefix
        ? [...new Set([...this.completions(word), ...misspelt(word).slice(1)])]
        : misspelt(word),
    )
    const intersected = this.intersected(slots, limit)
    if (intersected) return intersected
    const found = new Map<string, Set<string>>()
    for (const wording of wordings(slots, maxWordings)) {
      const results = this.document.search(wording.join(' '), { limit, merge: true }) as Array<{
        id: string | number
        field?: string[]
      }>
      for (const result of results) {
        const id = this.idOf.get(Number(result.id))
        if (id === undefined) continue
        const fields = found.get(id) ?? new Set<string>()
        for (const field of result.field ?? []) fields.add(field)
        found.set(id, fields)
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

  /**
   * The query's words looked up in FlexSearch's lists directly (`intersect`), when each of its
   * spellings is one indexed word; otherwise (a CJK run indexed as pairs, a word the encoder
   * splits) undefined, and FlexSearch is asked. A word may be found in the title or the body:
   * FlexSearch's own search wants every word in the same field.
   */
  private intersected(
    slots: ReadonlyArray<readonly string[]>,
    limit: number,
  ): IndexHit[] | undefined {
    const terms: string[][] = []
    for (const slot of slots) {
      // The word as the user wrote it comes first; the rest are indexed words already.
      const [word = '', ...indexed] = slot
      const own = this.encoder.encode(word)
      if (own.length !== 1 || own[0] === undefined) return undefined
      terms.push([...new Set([own[0], ...indexed])])
    }
    const hits: IndexHit[] = []
    for (const { number, inTitle } of intersect(this.fields(), terms, this.nextNumber, limit)) {
      const id = this.idOf.get(number)
      if (id === undefined) continue
      hits.push({ id, sourceId: this.owners.get(id) ?? '', fields: [inTitle ? 'title' : 'body'] })
    }
    return hits
  }

  /** FlexSearch's word lists of each field (see `intersect`). */
  private fields(): Field[] {
    const document = this.document as unknown as { index: Map<string, { map: WordLists }> }
    return ['title', 'body'].map((name) => {
      const lists = document.index.get(name)?.map
      if (!lists) throw new Error(`FlexSearch has no "${name}" index: its internals changed.`)
      return { name, lists }
    })
  }

  private encode(text: string): string {
    return this.encoder.encode(text).join(' ')
  }

  /** The word itself, then indexed words that begin with it, shortest first. */
  private completions(word: string): string[] {
    const encoded = this.encoder.encode(word).join('')
    if (encoded === '') return []
    const sorted = this.sorted()
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

  private sorted(): string[] {
    return (this.sortedVocabulary ??= [...this.vocabulary].sort())
  }

  private learn(terms: readonly string[]): void {
    for (const term of terms) {
      if (this.vocabulary.has(term)) continue
      this.vocabulary.add(term)
      this.sortedVocabulary = undefined
    }
  }

  /** Reads what `import` left unread; throws if the indicators are damaged. */
  warmUp(): void {
    this.readWords()
    this.readFacets()
    this.readIndicators()
    this.readPairs()
  }

  /**
   * Reads the phrase filters (their chunks are read from disk only now, if the caller deferred
   * them). They are only a shortcut: any that cannot be read leave their items without one, and
   * such an item is read and checked for a phrase, as every item once was.
   */
  private readPairs(): void {
    const pairs = this.unread.pairs
    if (pairs === undefined) return
    delete this.unread.pairs
    try {
      const texts = pairs.map((part) => (typeof part === 'string' ? part : part()))
      for (const [number, text] of parseChunks<[number, string]>(pairsKey, texts))
        this.pairsOf.set(number, filterFromText(text))
    } catch {
      // Left without filters: see above.
    }
  }

  private readFacets(): void {
    const facets = this.unread.facets
    if (facets === undefined) return
    const parsed = parseChunks<[number, string]>(facetsKey, facets) // throws each time
    delete this.unread.facets
    for (const [number, line] of parsed) this.facetsOf.set(number, line)
  }

  private readWords(): void {
    const words = this.unread.words
    if (words === undefined) return
    delete this.unread.words
    let parsed: Array<[number, string]> = []
    try {
      parsed = parseChunks<[number, string]>(wordsKey, words)
    } catch {
      // Only a shortcut for removals: without it FlexSearch's own (slower) removal is used.
    }
    for (const [number, line] of parsed) this.wordsOf.set(number, line)
  }

  private readIndicators(): void {
    const indicators = this.unread.indicators
    if (indicators === undefined) return
    const parsed = parseChunks<[string, string[]]>(indicatorsKey, indicators) // throws each time
    delete this.unread.indicators
    for (const [id, keys] of parsed) this.setIndicators(id, keys)
  }

  /** The index as named string chunks, to be written to disk. */
  export(): Map<string, string> {
    return new Map(this.chunks())
  }

  /**
   * The same chunks, made a slice at a time with `pause()` between slices, so that saving a large
   * index never holds the thread for long (a save made at once took seconds at 10,000 sources,
   * and a change arriving meanwhile waited for all of it). Changes made during the pauses leave
   * the chunks a mix of before and after: the caller must not call such a save clean, and may
   * give it up, by answering false from `pause()` (then there are no chunks: undefined).
   */
  async exportSlowly(pause: () => Promise<boolean>): Promise<Map<string, string> | undefined> {
    const chunks = new Map<string, string>()
    for (const [key, data] of this.chunks()) {
      chunks.set(key, data)
      if (!(await pause())) return undefined
    }
    return chunks
  }

  /**
   * Chunks made one at a time as they are asked for: FlexSearch's registry and the words of each
   * field in slices (the keys FlexSearch's own `export` writes, which its `import` reads), then
   * what this class adds, in slices too.
   */
  private *chunks(): Generator<[string, string]> {
    this.warmUp()
    const document = this.document as unknown as {
      index: Map<string, { map: Map<string, Array<number[] | undefined>> }>
      reg: Set<number>
    }
    yield ['1.reg', JSON.stringify([...document.reg])]
    for (const field of ['title', 'body']) {
      const map = document.index.get(field)?.map
      if (!map) throw new Error(`FlexSearch has no "${field}" index: its internals changed.`)
      let slice: Array<[string, Array<number[] | undefined>]> = []
      let postings = 0
      let n = 0
      for (const entry of map) {
        slice.push(entry)
        for (const ids of entry[1]) postings += ids?.length ?? 0
        if (postings >= postingsPerSlice || slice.length >= entriesPerSlice) {
          yield [`${field}.${++n}.map`, JSON.stringify(slice)]
          slice = []
          postings = 0
        }
      }
      if (slice.length > 0) yield [`${field}.${++n}.map`, JSON.stringify(slice)]
    }
    // Each list is read a slice at a time too (copying a list of 60,000 entries whole held the
    // thread for 35–50 ms: a change made then waited as long).
    yield* sliced(
      ownersKey,
      mapped(this.owners, ([id, owner]) => [id, owner, this.numberOf.get(id)]),
    )
    // An item's words fill a line: fewer of them to a slice.
    yield* sliced(wordsKey, this.wordsOf, entriesPerSlice / 4)
    yield* sliced(facetsKey, this.facetsOf)
    yield* sliced(indicatorsKey, this.indicatorsOf)
    // Written as text a slice at a time: all at once held the thread for half a second.
    yield* sliced(
      pairsKey,
      mapped(this.pairsOf, ([number, filter]) => [number, filterToText(filter)]),
      pairsPerSlice,
    )
    // Sorted once here rather than at the first prefix search after every open.
    yield* sliced(vocabularyKey, this.sorted())
  }

  /**
   * Replaces the contents with a previous export made with the same configuration. A chunk may be
   * given as a function that reads it: the phrase filters (a quarter of the index at 10,000
   * sources) are then read only when first needed, not while the library opens.
   */
  static import(chunks: ReadonlyMap<string, string | (() => string)>): SearchIndex {
    const index = new SearchIndex()
    const own = new Map<string, string[]>()
    let pairs: Array<string | (() => string)> | undefined
    for (const [key, data] of chunks) {
      if (key.startsWith(`${pairsKey}.`)) (pairs ??= []).push(data)
      else {
        const text = typeof data === 'string' ? data : data()
        if (!key.startsWith('casefile.')) index.document.import(key, text)
        else {
          const name = key.replace(/\.\d+$/, '')
          own.set(name, [...(own.get(name) ?? []), text])
        }
      }
    }
    const [owners, vocabulary, indicators, words, facets] = [
      ownersKey,
      vocabularyKey,
      indicatorsKey,
      wordsKey,
      facetsKey,
    ].map((key) => own.get(key))
    if (!owners || !vocabulary || !indicators || !words || !facets || !pairs)
      throw new Error('The index export is incomplete.')
    index.unread = { words, indicators, facets, pairs }
    for (const data of owners)
      for (const [id, sourceId, number] of JSON.parse(data) as Array<[string, string, number]>) {
        index.owners.set(id, sourceId)
        index.numberOf.set(id, number)
        index.idOf.set(number, id)
        index.nextNumber = Math.max(index.nextNumber, number + 1)
      }
    const terms = vocabulary.flatMap((data) => JSON.parse(data) as string[])
    for (const term of terms) index.vocabulary.add(term)
    index.sortedVocabulary = terms
    return index
  }
}

/** How much of FlexSearch's words one chunk holds: each is made without a pause. */
const postingsPerSlice = 150_000
const entriesPerSlice = 10_000
/** Items whose phrase filters one chunk holds (a source's is about 2 KB, as 3 KB of text). */
const pairsPerSlice = 500

/**
 * A list as chunks `key.1`, `key.2`… of at most `size` entries (always one), read as each chunk
 * is made. A change during a save may show in a later chunk; such a save is never marked clean
 * (see SearchService), so its chunks are never read.
 */
function* sliced(
  key: string,
  entries: Iterable<unknown>,
  size = entriesPerSlice,
): Generator<[string, string]> {
  let n = 0
  let slice: unknown[] = []
  for (const entry of entries) {
    slice.push(entry)
    if (slice.length >= size) {
      yield [`${key}.${++n}`, JSON.stringify(slice)]
      slice = []
    }
  }
  if (slice.length > 0 || n === 0) yield [`${key}.${++n}`, JSON.stringify(slice)]
}

function* mapped<T, U>(entries: Iterable<T>, map: (entry: T) => U): Generator<U> {
  for (const entry of entries) yield map(entry)
}

function parseChunks<T>(key: string, data: readonly string[]): T[] {
  return data.flatMap((part) => {
    try {
      return JSON.parse(part) as T[]
    } catch (error) {
      throw new Error(`The saved search index is damaged (${key}: ${String(error)}).`)
    }
  })
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
