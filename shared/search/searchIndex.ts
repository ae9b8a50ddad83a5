import FlexSearch from 'flexsearch'
import { foldForSearch, queryTerms } from './foldForSearch'

/**
 * What the index knows of an item: an id with its kind as prefix (`s:` source, `a:` annotation,
 * `ac:` actor, `ev:` event, `n:` note), the source it belongs to (an actor, event or note: its
 * own id), and two searchable fields.
 */
export type IndexedItem = { id: string; sourceId: string; title: string; body: string }
export type IndexHit = { id: string; sourceId: string; fields: string[] }

const { Document, Encoder, Charset } = FlexSearch
const ownersKey = 'casefile.owners'
const vocabularyKey = 'casefile.vocabulary'
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
export const searchConfigHash = 'flexsearch-0.8.212/strict/normalize+apostrophes/vocabulary/v3'

/** The FlexSearch index over every searchable item of a library; pure, so it runs anywhere. */
export class SearchIndex {
  /** Every indexed id and the source it belongs to. */
  private readonly owners = new Map<string, string>()
  /** Every word ever indexed, as the encoder wrote it (words of removed items may linger). */
  private readonly vocabulary = new Set<string>()
  private sortedVocabulary: string[] | undefined
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
  }

  remove(id: string): void {
    if (!this.owners.delete(id)) return
    this.document.remove(id)
  }

  /**
   * Ids that match every word of the query, the last word also as the start of a longer word
   * (so results come as the user types), title matches first.
   */
  search(query: string, limit: number): IndexHit[] {
    const terms = queryTerms(query)
    const last = terms.pop()
    if (last === undefined) return []
    const found = new Map<string, Set<string>>()
    for (const word of this.completions(last)) {
      const results = this.document.search([...terms, word].join(' '), {
        limit,
        merge: true,
      }) as Array<{
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

  /** The word itself, then indexed words that begin with it, shortest first. */
  private completions(word: string): string[] {
    const encoded = this.encoder.encode(word).join('')
    if (encoded === '') return []
    const sorted = (this.sortedVocabulary ??= [...this.vocabulary].sort())
    let low = 0
    let high = sorted.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((sorted[middle] as string) < encoded) low = middle + 1
      else high = middle
    }
    const completions: string[] = []
    for (let i = low; i < sorted.length && (sorted[i] as string).startsWith(encoded); i++)
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
    return chunks
  }

  /** Replaces the contents with a previous export made with the same configuration. */
  static import(chunks: ReadonlyMap<string, string>): SearchIndex {
    const index = new SearchIndex()
    for (const [key, data] of chunks) {
      if (key !== ownersKey && key !== vocabularyKey) index.document.import(key, data)
    }
    const owners = chunks.get(ownersKey)
    const vocabulary = chunks.get(vocabularyKey)
    if (owners === undefined || vocabulary === undefined)
      throw new Error('The index export is incomplete.')
    for (const [id, sourceId] of JSON.parse(owners) as Array<[string, string]>)
      index.owners.set(id, sourceId)
    for (const term of JSON.parse(vocabulary) as string[]) index.vocabulary.add(term)
    return index
  }
}
