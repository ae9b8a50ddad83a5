import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { extname } from 'node:path'
import {
  CasefileError,
  type LibraryInfo,
  type MethodOutput,
  type ParsedInput,
  type SearchHit,
} from '../../shared/api'
import { anchorQuote, describeRange } from '../../shared/anchoring'
import { renderBriefMarkdown, type BriefItem } from '../../shared/brief'
import type { Annotation, Block, Source } from '../../shared/model'
import { EventHub } from '../../shared/rpc'
import { makeSnippet, type IndexedItem } from '../../shared/search'
import { buildCanonicalText } from '../../shared/text'
import { AnnotationStore } from './annotationStore'
import { currentSchemaVersion, openCatalog, openTrash, type Catalog, type Trash } from './catalog'
import { ContentStore, sha256 } from './contentStore'
import { decodeText, importerFor } from './importers'
import type { JsonStore } from './jsonStore'
import { libraryLayout, type LibraryLayout } from './paths'
import { SearchService } from './searchService'

export const casefileVersion = '0.1.0'

export type LibraryOptions = {
  /** How long the index waits after the last change before saving itself (default 5 s). */
  indexPersistDelayMs?: number
}

export type ImportResult = MethodOutput<'sources.import'>

/**
 * A library folder opened for use: the catalog, the annotation files, the content store and the
 * search index, with every change going through one serialized queue (one writer per file).
 */
export class Library {
  readonly events = new EventHub()
  private readonly sourcesById = new Map<string, Source>()
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false

  private constructor(
    readonly layout: LibraryLayout,
    private readonly catalog: JsonStore<Catalog>,
    private readonly trash: JsonStore<Trash>,
    private readonly content: ContentStore,
    private readonly annotations: AnnotationStore,
    private readonly search: SearchService,
  ) {
    for (const source of catalog.data.sources) this.sourcesById.set(source.id, source)
  }

  /** Opens (or creates) the library in `path`. A damaged catalog is refused and left as it is. */
  static async open(path: string, options: LibraryOptions = {}): Promise<Library> {
    const layout = libraryLayout(path)
    for (const folder of [
      layout.root,
      layout.annotations,
      layout.bodies,
      layout.originals,
      layout.index,
      layout.backups,
    ]) {
      await mkdir(folder, { recursive: true })
    }
    const catalog = await openCatalog(layout.catalog)
    const trash = await openTrash(layout.trash)
    const content = new ContentStore(layout)
    const annotations = new AnnotationStore(layout.annotations)
    const items = () => indexedItemsOf(catalog.data.sources, content, annotations)
    const searchOptions =
      options.indexPersistDelayMs === undefined
        ? {}
        : { persistDelayMs: options.indexPersistDelayMs }
    const search = await SearchService.open(layout.index, items, searchOptions)
    return new Library(layout, catalog, trash, content, annotations, search)
  }

  info(): LibraryInfo {
    return {
      path: this.layout.root,
      schemaVersion: currentSchemaVersion,
      counts: {
        sources: this.catalog.data.sources.length,
        annotations: this.search.index.count('a'),
        trash: this.trash.data.items.length,
      },
      index: { documents: this.search.index.size, openedFrom: this.search.report.openedFrom },
    }
  }

  get indexReport() {
    return this.search.report
  }

  /** Imports one file's bytes; identical canonical text already present answers `duplicate`. */
  async importFile(fileName: string, bytes: Uint8Array): Promise<ImportResult> {
    const importer = importerFor(fileName)
    const { text: raw, charset } = decodeText(bytes, fileName)
    const document = importer.parse(raw, fileName)
    const { text, blocks } = buildCanonicalText(document.blocks)
    if (text === '')
      throw new CasefileError(
        'bad_file',
        `${fileName} has no text to import (only a title or white space).`,
      )
    const textSha256 = sha256(text)
    return this.serialize(async () => {
      const existing = this.catalog.data.sources.find((source) => source.textSha256 === textSha256)
      if (existing) return { status: 'duplicate' as const, source: existing }
      const source: Source = {
        id: randomUUID(),
        title: document.title,
        authors: document.authors,
        publishedAt: document.publishedAt,
        origin: { fileName: fileName.split(/[\\/]/).pop() ?? fileName, url: document.url },
        kind: document.kind,
        language: null,
        charset,
        originalSha256: await this.content.putOriginal(bytes, extname(fileName)),
        textSha256: await this.content.putText(text, blocks),
        textLength: text.length,
        importer: { name: importer.name, version: importer.version },
        importedAt: new Date().toISOString(),
        tags: [],
        tlp: 'CLEAR',
        reliability: null,
      }
      await this.search.change(async () => {
        this.sourcesById.set(source.id, source)
        this.search.add(sourceItem(source, text))
        await this.catalog.update((data) => {
          data.sources.push(source)
        })
      })
      this.events.emit('library.changed', { what: 'sources' })
      return { status: 'imported' as const, source }
    })
  }

  listSources(): Source[] {
    return [...this.catalog.data.sources].reverse()
  }

  async getSource(id: string): Promise<{ source: Source; text: string; blocks: Block[] }> {
    const source = this.source(id)
    const text = await this.content.text(source.textSha256)
    return { source, text, blocks: await this.content.blocks(source.textSha256, text) }
  }

  async createAnnotation(input: ParsedInput<'annotations.create'>): Promise<Annotation> {
    const source = this.source(input.sourceId)
    const text = await this.content.text(source.textSha256)
    const anchor = anchorQuote(text, input.quote, input.position)
    if (anchor.status === 'orphaned') {
      throw new CasefileError(
        'invalid_input',
        `The passage “${clip(input.quote.exact)}” does not occur in “${source.title}”.`,
      )
    }
    const now = new Date().toISOString()
    const annotation: Annotation = {
      id: randomUUID(),
      sourceId: source.id,
      target: {
        textSha256: source.textSha256,
        quote: describeRange(text, anchor.start, anchor.end),
        position: { start: anchor.start, end: anchor.end },
      },
      comment: input.comment,
      tags: input.tags,
      color: input.color,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    }
    await this.serialize(() =>
      this.search.change(async () => {
        this.search.add(annotationItem(annotation))
        await this.annotations.add(annotation)
      }),
    )
    this.events.emit('library.changed', { what: 'annotations' })
    return annotation
  }

  async listAnnotations(sourceId: string): Promise<Annotation[]> {
    this.source(sourceId)
    const all = await this.annotations.all(sourceId)
    return all
      .filter((a) => a.deletedAt === null)
      .sort((a, b) => a.target.position.start - b.target.position.start)
  }

  async updateAnnotation(input: ParsedInput<'annotations.update'>): Promise<Annotation> {
    const sourceId = this.sourceOfAnnotation(input.id)
    const updated = await this.serialize(() =>
      this.search.change(async () => {
        const annotation = await this.annotations.change(sourceId, input.id, (a) => {
          if (input.comment !== undefined) a.comment = input.comment
          if (input.tags !== undefined) a.tags = input.tags
          if (input.color !== undefined) a.color = input.color
          a.updatedAt = new Date().toISOString()
        })
        if (annotation) this.search.add(annotationItem(annotation))
        return annotation
      }),
    )
    if (!updated) throw notFound('annotation', input.id)
    this.events.emit('library.changed', { what: 'annotations' })
    return updated
  }

  /** Moves an annotation to the trash: it stays in its file, marked deleted, and is listed in trash.json. */
  async deleteAnnotation(id: string): Promise<Annotation> {
    const sourceId = this.sourceOfAnnotation(id)
    const deleted = await this.serialize(() =>
      this.search.change(async () => {
        const deletedAt = new Date().toISOString()
        const annotation = await this.annotations.change(sourceId, id, (a) => {
          a.deletedAt = deletedAt
        })
        if (!annotation) return undefined
        this.search.remove(`a:${id}`)
        await this.trash.update((data) => {
          data.items.push({ kind: 'annotation', id, sourceId, deletedAt })
        })
        return annotation
      }),
    )
    if (!deleted) throw notFound('annotation', id)
    this.events.emit('library.changed', { what: 'annotations' })
    return deleted
  }

  async searchQuery(query: string, limit: number): Promise<SearchHit[]> {
    const hits: SearchHit[] = []
    for (const hit of this.search.index.search(query, limit)) {
      const source = this.sourcesById.get(hit.sourceId)
      if (!source) continue
      if (hit.id.startsWith('s:')) {
        const text = await this.content.text(source.textSha256)
        const snippet = makeSnippet(text, query)
        hits.push({
          kind: 'source',
          id: source.id,
          sourceId: source.id,
          title: source.title,
          snippet: snippet.text,
          highlights: snippet.highlights,
        })
      } else {
        const id = hit.id.slice(2)
        const annotation = (await this.annotations.all(source.id)).find((a) => a.id === id)
        if (!annotation) continue
        const snippet = makeSnippet(annotationText(annotation), query)
        hits.push({
          kind: 'annotation',
          id,
          sourceId: source.id,
          title: source.title,
          snippet: snippet.text,
          highlights: snippet.highlights,
        })
      }
    }
    return hits
  }

  async exportBrief(input: ParsedInput<'briefs.export'>): Promise<MethodOutput<'briefs.export'>> {
    const sources = input.sourceIds
      ? input.sourceIds.map((id) => this.source(id))
      : this.catalog.data.sources
    const items: BriefItem[] = []
    for (const source of sources) {
      const annotations = await this.listAnnotations(source.id)
      if (annotations.length === 0) continue
      const { blocks } = await this.getSource(source.id)
      const blockOf = (offset: number) =>
        Math.max(
          0,
          blocks.findIndex((block) => block.end >= offset),
        )
      items.push({ source, annotations, blockOf })
    }
    const generatedAt = new Date().toISOString()
    const markdown = renderBriefMarkdown({
      title: input.title,
      generatedAt,
      generator: `Casefile ${casefileVersion}`,
      items,
    })
    const slug =
      input.title
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .replace(/^-|-$/g, '') || 'brief'
    const annotations = items.reduce((sum, item) => sum + item.annotations.length, 0)
    return { fileName: `${slug}-${generatedAt.slice(0, 10)}.md`, markdown, annotations }
  }

  /** Waits for every queued change, saves the index, and refuses further use. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.queue.catch(() => undefined)
    await this.search.close()
  }

  private source(id: string): Source {
    const source = this.sourcesById.get(id)
    if (!source) throw notFound('source', id)
    return source
  }

  private sourceOfAnnotation(id: string): string {
    const sourceId = this.search.index.ownerOf(`a:${id}`)
    if (sourceId === undefined) throw notFound('annotation', id)
    return sourceId
  }

  /** The one queue every change of the library goes through. */
  private serialize<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed)
      return Promise.reject(new CasefileError('io_error', 'The library has been closed.'))
    const next = this.queue.then(work, work)
    this.queue = next.catch(() => undefined)
    return next
  }
}

function notFound(kind: string, id: string): CasefileError {
  return new CasefileError('not_found', `There is no ${kind} with id ${id} in this library.`)
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

function annotationText(annotation: Annotation): string {
  return [annotation.target.quote.exact, annotation.comment, annotation.tags.join(' ')]
    .filter((part) => part !== '')
    .join('\n')
}

function sourceItem(source: Source, text: string): IndexedItem {
  return {
    id: `s:${source.id}`,
    sourceId: source.id,
    title: [source.title, ...source.authors].join('\n'),
    body: text,
  }
}

function annotationItem(annotation: Annotation): IndexedItem {
  return {
    id: `a:${annotation.id}`,
    sourceId: annotation.sourceId,
    title: '',
    body: annotationText(annotation),
  }
}

async function* indexedItemsOf(
  sources: readonly Source[],
  content: ContentStore,
  annotations: AnnotationStore,
) {
  for (const source of sources) {
    yield sourceItem(source, await content.text(source.textSha256))
    for (const annotation of await annotations.all(source.id)) {
      if (annotation.deletedAt === null) yield annotationItem(annotation)
    }
  }
}
