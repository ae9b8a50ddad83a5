import FlexSearch from 'flexsearch'
import { foldForSearch } from './foldForSearch'

/**
 * What the index knows of an item: an id with its kind as prefix (`s:` source, `a:` annotation),
 * the source it belongs to, and two searchable fields.
 */
export type IndexedItem = { id: string; sourceId: string; title: string; body: string }
export type IndexHit = { id: string; sourceId: string; fields: string[] }

const { Document, Charset } = FlexSearch
const ownersKey = 'casefile.owners'

/**
 * The one place the index is configured. An exported index can only be imported with the same
 * configuration, so the persisted manifest stores `searchConfigHash` and a change here forces a
 * rebuild: bump the version whenever the options below change.
 */
export const searchConfigHash = 'flexsearch-0.8.212/forward/normalize+apostrophes/v1'

function createDocument() {
  return new Document<{ id: string; title: string; body: string }>({
    tokenize: 'forward',
    encoder: { ...Charset.Normalize, prepare: foldForSearch },
    document: { id: 'id', index: ['title', 'body'] },
  })
}

/** The FlexSearch index over every searchable item of a library; pure, so it runs anywhere. */
export class SearchIndex {
  private document = createDocument()
  /** Every indexed id and the source it belongs to. */
  private readonly owners = new Map<string, string>()

  get size(): number {
    return this.owners.size
  }

  /** How many items of a kind (`s`, `a`) are indexed. */
  count(kind: string): number {
    let count = 0
    for (const id of this.owners.keys()) if (id.startsWith(`${kind}:`)) count++
    return count
  }

  ownerOf(id: string): string | undefined {
    return this.owners.get(id)
  }

  add(item: IndexedItem): void {
    if (this.owners.has(item.id)) this.document.remove(item.id)
    this.document.add({ id: item.id, title: item.title, body: item.body })
    this.owners.set(item.id, item.sourceId)
  }

  remove(id: string): void {
    if (!this.owners.delete(id)) return
    this.document.remove(id)
  }

  /** Ids that match every word of the query (the last as a prefix), title matches first. */
  search(query: string, limit: number): IndexHit[] {
    if (query.trim() === '') return []
    const results = this.document.search(query, { limit, merge: true }) as Array<{
      id: string | number
      field?: string[]
    }>
    const hits = results.map((result) => {
      const id = String(result.id)
      return { id, sourceId: this.owners.get(id) ?? '', fields: result.field ?? [] }
    })
    return hits.sort(
      (a, b) => Number(b.fields.includes('title')) - Number(a.fields.includes('title')),
    )
  }

  /** The index as named string chunks, to be written to disk. */
  export(): Map<string, string> {
    const chunks = new Map<string, string>()
    this.document.export((key: string, data: string) => {
      chunks.set(key, data)
    })
    chunks.set(ownersKey, JSON.stringify([...this.owners]))
    return chunks
  }

  /** Replaces the contents with a previous export made with the same configuration. */
  static import(chunks: ReadonlyMap<string, string>): SearchIndex {
    const index = new SearchIndex()
    for (const [key, data] of chunks) {
      if (key !== ownersKey) index.document.import(key, data)
    }
    const owners = chunks.get(ownersKey)
    if (owners === undefined) throw new Error('The index export has no list of items.')
    for (const [id, sourceId] of JSON.parse(owners) as Array<[string, string]>)
      index.owners.set(id, sourceId)
    return index
  }
}
