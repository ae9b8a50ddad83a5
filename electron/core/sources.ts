import type { ParsedInput, SearchHit } from '../../shared/api'
import type { Block, Source } from '../../shared/model'
import type { EventHub } from '../../shared/rpc'
import { makeSnippet } from '../../shared/search'
import type { Catalog } from './catalog'
import type { ChangeQueue } from './changeQueue'
import type { ContentStore } from './contentStore'
import type { JsonStore } from './jsonStore'
import { notFound } from './notFound'

/**
 * The sources of a library: their metadata in the catalog (`casefile.json`), looked up by id and
 * by the hash of their canonical text, and their text in the content store.
 */
export class Sources {
  private readonly byId = new Map<string, Source>()
  private readonly byText = new Map<string, Source>()

  constructor(
    private readonly catalog: JsonStore<Catalog>,
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

  async get(id: string): Promise<{ source: Source; text: string; blocks: Block[] }> {
    const source = this.require(id)
    const text = await this.text(source)
    return { source, text, blocks: await this.content.blocks(source.textSha256, text) }
  }

  /**
   * Adds a newly imported source (and a previous version's new `supersededBy`), inside the queue:
   * in memory at once; the returned promise is its write.
   */
  add(source: Source): Promise<unknown> {
    this.remember(source)
    return this.catalog.update((data) => void data.sources.push(source))
  }

  /**
   * The source a new import is a newer version of: the latest version of a source with the same
   * URL (a saved page, a note naming its URL), or the same file name and title. Identical text
   * never gets here (it is a duplicate).
   */
  previousVersionOf(source: Source): Source | undefined {
    const sources = this.catalog.data.sources
    for (let i = sources.length - 1; i >= 0; i--) {
      const candidate = sources[i]
      if (!candidate || candidate.supersededBy || candidate.kind !== source.kind) continue
      const sameUrl = source.origin.url !== null && candidate.origin.url === source.origin.url
      const sameFile =
        candidate.origin.fileName === source.origin.fileName && candidate.title === source.title
      if (sameUrl || sameFile) return candidate
    }
    return undefined
  }

  /** Changes a source's reliability grade, TLP marking or tags. */
  async update(input: ParsedInput<'sources.update'>): Promise<Source> {
    const updated = await this.queue.change(async () => {
      const source = this.require(input.id)
      const saved = this.catalog.update(() => {
        if (input.reliability !== undefined) source.reliability = input.reliability
        if (input.tlp !== undefined) source.tlp = input.tlp
        if (input.tags !== undefined) source.tags = input.tags
      })
      return { result: source, saved }
    })
    this.events.emit('library.changed', { what: 'sources' })
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

  private remember(source: Source): void {
    this.byId.set(source.id, source)
    this.byText.set(source.textSha256, source)
  }
}
