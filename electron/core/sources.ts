import type { ParsedInput, SearchHit } from '../../shared/api'
import type { Block, Source } from '../../shared/model'
import type { EventHub } from '../../shared/rpc'
import { makeSnippet } from '../../shared/search'
import type { CatalogStore } from './catalogStore'
import type { ChangeQueue } from './changeQueue'
import type { ContentStore } from './contentStore'
import { notFound } from './notFound'

/**
 * The sources of a library: their metadata in the catalog (`casefile.json` and its journal),
 * looked up by id and by the hash of their canonical text, and their text in the content store.
 * Every change of a source is saved through `catalog.save`, which journals the whole record.
 */
export class Sources {
  private readonly byId = new Map<string, Source>()
  private readonly byText = new Map<string, Source>()
  /** Sources by URL and by file name and title, oldest first, so no import scans the library. */
  private readonly byVersionKey = new Map<string, Source[]>()
  /** Each source's place in the catalog's order. */
  private readonly order = new Map<Source, number>()

  constructor(
    private readonly catalog: CatalogStore,
    private readonly content: ContentStore,
    private readonly queue: ChangeQueue,
    private readonly events: EventHub,
  ) {
    for (const source of catalog.data.sources) this.remember(source)
  }

  /** Every source, oldest import first (the catalog's order). */
  all(): readonly Source[] {
    return this.catalog.data.sources
  }

  /** Every source, newest import first. */
  list(): Source[] {
    return [...this.catalog.data.sources].reverse()
  }

  /** The sources of `ids` the library has, newest import first. */
  listOf(ids: readonly string[]): Source[] {
    const order = new Map(this.catalog.data.sources.map((source, i) => [source.id, i]))
    return [...new Set(ids)]
      .filter((id) => order.has(id))
      .sort((a, b) => (order.get(b) ?? 0) - (order.get(a) ?? 0))
      .map((id) => this.byId.get(id) as Source)
  }

  find(id: string): Source | undefined {
    return this.byId.get(id)
  }

  /** The source with this id; a missing one is refused as `not_found`. */
  require(id: string): Source {
    const source = this.byId.get(id)
    if (!source) throw notFound('source', id)
    return source
  }

  /** The source whose canonical text has this hash: the same text imported before. */
  withText(textSha256: string): Source | undefined {
    return this.byText.get(textSha256)
  }

  text(source: Source): Promise<string> {
    return this.content.text(source.textSha256)
  }

  /** A source's text, read at once (for search). */
  textNow(source: Source): string {
    return this.content.textNow(source.textSha256)
  }

  async get(id: string): Promise<{ source: Source; text: string; blocks: Block[] }> {
    const source = this.require(id)
    const text = await this.text(source)
    return { source, text, blocks: await this.content.blocks(source.textSha256, text) }
  }

  /**
   * Adds a newly imported source, inside the queue, and links it with the source it is a newer
   * version of: in memory at once; the returned promise is their write.
   */
  add(source: Source, previous: Source | undefined): Promise<unknown> {
    if (previous) {
      source.previousVersionId = previous.id
      previous.supersededBy = source.id
    }
    this.remember(source)
    return this.catalog.save(previous ? [previous, source] : [source])
  }

  /**
   * The source a new import is a newer version of: the latest version of a source with the same
   * URL (a saved page, a note naming its URL), or the same file name and title. Identical text
   * never gets here (it is a duplicate).
   */
  previousVersionOf(source: Source): Source | undefined {
    let latest: Source | undefined
    for (const key of versionKeys(source)) {
      const candidates = this.byVersionKey.get(key) ?? []
      for (let i = candidates.length - 1; i >= 0; i--) {
        const candidate = candidates[i]
        if (!candidate || candidate.supersededBy || candidate.kind !== source.kind) continue
        if (!latest || (this.order.get(candidate) ?? 0) > (this.order.get(latest) ?? 0))
          latest = candidate
        break
      }
    }
    return latest
  }

  /** Changes a source's reliability grade, TLP marking or tags. */
  async update(input: ParsedInput<'sources.update'>): Promise<Source> {
    const updated = await this.queue.change(async () => {
      const source = this.require(input.id)
      if (input.reliability !== undefined) source.reliability = input.reliability
      if (input.tlp !== undefined) source.tlp = input.tlp
      if (input.tags !== undefined) source.tags = input.tags
      return { result: source, saved: this.catalog.save([source]) }
    })
    this.events.emit('library.changed', { what: 'sources', id: updated.id })
    return updated
  }

  /** The source imported from these bytes, or from this URL. */
  findByReference(reference: { sha256: string | null; url: string | null }): Source | undefined {
    const sources = this.catalog.data.sources
    return (
      sources.find(
        (source) => reference.sha256 !== null && source.originalSha256 === reference.sha256,
      ) ?? sources.find((source) => reference.url !== null && source.origin.url === reference.url)
    )
  }

  /** The search hit of an indexed source, its snippet taken from its text. */
  async searchHit(id: string, query: string): Promise<SearchHit | undefined> {
    const source = this.byId.get(id)
    if (!source) return undefined
    const snippet = makeSnippet(await this.text(source), query)
    return {
      kind: 'source',
      id: source.id,
      sourceId: source.id,
      title: source.title,
      snippet: snippet.text,
      highlights: snippet.highlights,
    }
  }

  /** Waits for the catalog's writes and folds its journal into `casefile.json`. */
  close(): Promise<void> {
    return this.catalog.close()
  }

  private remember(source: Source): void {
    this.byId.set(source.id, source)
    this.byText.set(source.textSha256, source)
    this.order.set(source, this.order.size)
    for (const key of versionKeys(source)) {
      const sources = this.byVersionKey.get(key)
      if (sources) sources.push(source)
      else this.byVersionKey.set(key, [source])
    }
  }
}

/** What makes two sources versions of one another: the same URL, or file name and title. */
function versionKeys(source: Source): string[] {
  const file = `file\n${source.origin.fileName}\n${source.title}`
  return source.origin.url === null ? [file] : [`url\n${source.origin.url}`, file]
}
