import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { extname } from 'node:path'
import {
  CasefileError,
  maxImportBytes,
  toApiError,
  type LibraryInfo,
  type MethodOutput,
  type ParsedInput,
  type SearchHit,
} from '../../shared/api'
import { anchorQuote, describeRange, reanchor } from '../../shared/anchoring'
import type {
  Annotation,
  AnnotationTarget,
  Block,
  Source,
  TextPositionSelector,
  TextQuoteSelector,
} from '../../shared/model'
import { EventHub } from '../../shared/rpc'
import { makeSnippet } from '../../shared/search'
import { buildCanonicalText } from '../../shared/text'
import { findMentions } from '../../shared/text/mentions'
import { AnnotationStore } from './annotationStore'
import { currentSchemaVersion, openCatalog, openTrash, type Catalog, type Trash } from './catalog'
import { ContentStore, sha256 } from './contentStore'
import { Entities, entityItemsOf, type AnnotationFileRef } from './entities'
import { openEntityStore } from './entityStore'
import { detectLanguage, importerFor } from './importers'
import { annotationItem, annotationText, indexedItemsOf, sourceItem } from './indexedItems'
import type { JsonStore } from './jsonStore'
import { LibraryLock } from './libraryLock'
import { libraryLayout, type LibraryLayout } from './paths'
import { SearchService, type IndexOpenReport } from './searchService'

export type LibraryOptions = {
  /** How long the index waits after the last change before saving itself (default 5 s). */
  indexPersistDelayMs?: number
}

export type ImportResult = MethodOutput<'sources.import'>

/** An annotation in the trash or in need of repair, with the title of its source. */
export type TrashEntry = { annotation: Annotation; sourceTitle: string }
export type HealthEntry = TrashEntry

/** A change made in memory, and the promise of its writes reaching the disk. */
type Staged<T> = { result: T; saved: Promise<unknown> }

const nothingToSave = Promise.resolve()

/**
 * A library folder opened for use: the catalog, the annotation files, the content store and the
 * search index. One process holds it at a time (a lock file), and every change goes through one
 * serialized queue: each change is checked and applied in memory in turn, its writes start, and
 * the queue moves on while the disk catches up, so back-to-back changes share a write. A caller
 * hears back only once its change is durable.
 */
export class Library {
  readonly events = new EventHub()
  /** Actors, events and relations (`entities.json`), changed through this library's queue. */
  readonly entities: Entities
  private readonly sourcesById = new Map<string, Source>()
  private readonly sourcesByText = new Map<string, Source>()
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false
  private failure: CasefileError | undefined

  private constructor(
    readonly layout: LibraryLayout,
    private readonly lock: LibraryLock,
    private readonly catalog: JsonStore<Catalog>,
    private readonly trash: JsonStore<Trash>,
    private readonly content: ContentStore,
    private readonly annotations: AnnotationStore,
    private readonly search: SearchService,
    entityStore: ConstructorParameters<typeof Entities>[0],
  ) {
    for (const source of catalog.data.sources) this.remember(source)
    this.entities = new Entities(entityStore, {
      change: async (apply) => {
        const result = await this.change(apply)
        this.events.emit('library.changed', { what: 'entities' })
        return result
      },
      search,
      trash,
      annotationFiles: () => this.annotationFiles(),
      isLiveAnnotation: (id) => search.index.ownerOf(`a:${id}`) !== undefined,
    })
  }

  /** Opens (or creates) the library in `path`. A damaged catalog is refused and left as it is. */
  static async open(path: string, options: LibraryOptions = {}): Promise<Library> {
    const layout = libraryLayout(path)
    await mkdir(layout.root, { recursive: true })
    const lock = await LibraryLock.acquire(layout.root)
    try {
      for (const folder of [layout.annotations, layout.bodies, layout.originals, layout.index]) {
        await mkdir(folder, { recursive: true })
      }
      const catalog = await openCatalog(layout.catalog)
      const trash = await openTrash(layout.trash)
      const content = new ContentStore(layout)
      const annotations = new AnnotationStore(layout.annotations)
      const entities = await openEntityStore(layout.root)
      const search = await SearchService.open(
        layout.index,
        async function* (skipped) {
          yield* indexedItemsOf(catalog.data.sources, content, annotations, skipped)
          yield* entityItemsOf(entities.data)
        },
        options.indexPersistDelayMs === undefined
          ? {}
          : { persistDelayMs: options.indexPersistDelayMs },
      )
      return new Library(layout, lock, catalog, trash, content, annotations, search, entities)
    } catch (error) {
      await lock.release()
      throw error
    }
  }

  info(): LibraryInfo {
    return {
      path: this.layout.root,
      schemaVersion: currentSchemaVersion,
      counts: {
        sources: this.catalog.data.sources.length,
        annotations: this.search.index.count('a'),
        actors: this.search.index.count('ac'),
        events: this.search.index.count('ev'),
        trash: this.trash.data.items.length,
      },
      index: { documents: this.search.index.size, openedFrom: this.search.report.openedFrom },
    }
  }

  get indexReport(): IndexOpenReport {
    return this.search.report
  }

  /** Imports one file's bytes; identical canonical text already present answers `duplicate`. */
  async importFile(path: string, bytes: Uint8Array): Promise<ImportResult> {
    const fileName = cleanFileName(path)
    const importer = importerFor(fileName)
    if (bytes.length > maxImportBytes) throw tooLarge(fileName, bytes.length)
    const document = await importer.parse(bytes, fileName)
    const { text, blocks } = buildCanonicalText(document.blocks)
    if (text === '') {
      throw new CasefileError(
        'bad_file',
        `${fileName} has no text to import (only a title or white space).`,
      )
    }
    const textSha256 = sha256(text)
    const languageFrom = document.language ? 'declared' : 'detected'
    const language = document.language ?? detectLanguage(text)
    const known = this.sourcesByText.get(textSha256)
    if (known) return { status: 'duplicate', source: known }
    // Content-addressed and idempotent: written before the queue, so imports overlap their I/O.
    const originalSha256 = await this.content.putOriginal(bytes, extname(fileName))
    await this.content.putText(text, blocks)
    const imported = await this.change(async (): Promise<Staged<ImportResult>> => {
      const existing = this.sourcesByText.get(textSha256)
      if (existing)
        return { result: { status: 'duplicate', source: existing }, saved: nothingToSave }
      const source: Source = {
        id: randomUUID(),
        title: document.title,
        authors: document.authors,
        publishedAt: document.publishedAt,
        origin: { fileName, url: document.url },
        kind: document.kind,
        language,
        charset: document.charset,
        originalSha256,
        textSha256,
        textLength: text.length,
        importer: { name: importer.name, version: importer.version },
        importedAt: new Date().toISOString(),
        tags: document.tags ?? [],
        tlp: 'CLEAR',
        reliability: null,
        details: language ? { ...document.details, languageFrom } : document.details,
      }
      const previous = this.previousVersionOf(source)
      const carried = previous ? await this.carryAnnotations(previous, source, text) : undefined
      if (previous) {
        source.previousVersionId = previous.id
        previous.supersededBy = source.id
      }
      this.remember(source)
      this.search.add(sourceItem(source, text))
      for (const annotation of carried?.annotations ?? [])
        this.search.add(annotationItem(annotation))
      return {
        result: { status: 'imported', source },
        saved: Promise.all([
          this.catalog.update((data) => void data.sources.push(source)),
          carried?.saved,
        ]),
      }
    })
    if (imported.status === 'imported') this.events.emit('library.changed', { what: 'sources' })
    return imported
  }

  /**
   * The source a new import is a newer version of: the latest version of a source with the same
   * URL (a saved page, a note naming its URL), or the same file name and title. Identical text
   * never gets here (it is a duplicate).
   */
  private previousVersionOf(source: Source): Source | undefined {
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

  /**
   * Moves the live annotations of a source's previous version onto the new one, each anchored
   * again on the new text: exact, fuzzy (with its score) or orphaned (kept, attached nowhere).
   * Runs inside the queue; the caller adds the annotations to the index.
   */
  private async carryAnnotations(
    previous: Source,
    next: Source,
    text: string,
  ): Promise<{ annotations: Annotation[]; saved: Promise<unknown> } | undefined> {
    const from = await this.annotations.file(previous.id)
    const live = from.data.annotations.filter((annotation) => annotation.deletedAt === null)
    if (live.length === 0) return undefined
    const to = await this.annotations.file(next.id)
    const now = new Date().toISOString()
    const moved = live.map((annotation): Annotation => {
      const { quote, position } = annotation.target
      const found = reanchor(text, next.textSha256, quote, position, now)
      const carried: Annotation = { ...annotation, sourceId: next.id, updatedAt: now }
      delete carried.anchor
      // An orphan keeps the target it had on the text it was made on.
      if (found.status !== 'orphaned') carried.target = found.target
      if (found.anchor) carried.anchor = found.anchor
      return carried
    })
    const movedIds = new Set(moved.map((annotation) => annotation.id))
    for (const annotation of live) this.search.remove(`a:${annotation.id}`)
    // The new version's file first: a crash between the writes leaves a copy, never a loss.
    const saved = to
      .update((data) => void data.annotations.push(...moved))
      .then(() =>
        from.update((data) => {
          data.annotations = data.annotations.filter((annotation) => !movedIds.has(annotation.id))
        }),
      )
    return { annotations: moved, saved }
  }

  /** Every source, newest import first. */
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
    const target = await this.exactTarget(source, input.quote, input.position)
    const now = new Date().toISOString()
    const annotation: Annotation = {
      id: randomUUID(),
      sourceId: source.id,
      target,
      comment: input.comment,
      tags: input.tags,
      color: input.color,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    }
    const file = await this.annotations.file(source.id)
    await this.change(async () => {
      this.search.add(annotationItem(annotation))
      return {
        result: annotation,
        saved: file.update((data) => void data.annotations.push(annotation)),
      }
    })
    this.events.emit('library.changed', { what: 'annotations' })
    return annotation
  }

  /** The live annotations of a source, in text order. */
  async listAnnotations(sourceId: string): Promise<Annotation[]> {
    this.source(sourceId)
    const all = await this.annotations.all(sourceId)
    // Orphans last: their positions belong to a text this source no longer has.
    const place = (annotation: Annotation) =>
      annotation.anchor?.status === 'orphaned' ? Infinity : annotation.target.position.start
    return all
      .filter((annotation) => annotation.deletedAt === null)
      .sort((a, b) => place(a) - place(b))
  }

  async updateAnnotation(input: ParsedInput<'annotations.update'>): Promise<Annotation> {
    return this.editAnnotation(
      this.sourceOfAnnotation(input.id),
      input.id,
      'live',
      (annotation) => {
        if (input.comment !== undefined) annotation.comment = input.comment
        if (input.tags !== undefined) annotation.tags = input.tags
        if (input.color !== undefined) annotation.color = input.color
        if (input.credibility !== undefined) annotation.credibility = input.credibility
        if (input.tlp !== undefined) annotation.tlp = input.tlp
      },
    )
  }

  /** Moves an annotation to the trash: it stays in its file, marked deleted, and is listed in trash.json. */
  async deleteAnnotation(id: string): Promise<Annotation> {
    const sourceId = this.sourceOfAnnotation(id)
    const file = await this.annotations.file(sourceId)
    const deleted = await this.change(async () => {
      const annotation = liveAnnotation(file.data.annotations, id)
      const deletedAt = new Date().toISOString()
      const saved = Promise.all([
        file.update(() => void (annotation.deletedAt = deletedAt)),
        this.trash.update(
          (data) => void data.items.push({ kind: 'annotation', id, sourceId, deletedAt }),
        ),
      ])
      this.search.remove(`a:${id}`)
      return { result: annotation, saved }
    })
    this.events.emit('library.changed', { what: 'annotations' })
    return deleted
  }

  /** Takes an annotation out of the trash: live again, searchable again, where it was. */
  async restoreAnnotation(id: string): Promise<Annotation> {
    const item = this.trash.data.items.find(
      (entry) => entry.kind === 'annotation' && entry.id === id,
    )
    if (item?.kind !== 'annotation') throw notFound('annotation in the trash', id)
    this.source(item.sourceId)
    return this.editAnnotation(
      item.sourceId,
      id,
      'trashed',
      (annotation) => void (annotation.deletedAt = null),
      () =>
        this.trash.update((data) => {
          data.items = data.items.filter((entry) => entry.id !== id)
        }),
    )
  }

  /** What the trash holds, most recently deleted first, with each item's source title. */
  async listTrash(): Promise<TrashEntry[]> {
    const entries: TrashEntry[] = []
    for (const item of [...this.trash.data.items].reverse()) {
      if (item.kind !== 'annotation') continue
      const source = this.sourcesById.get(item.sourceId)
      if (!source) continue
      const annotation = (await this.annotations.all(source.id)).find(
        (candidate) => candidate.id === item.id && candidate.deletedAt !== null,
      )
      if (annotation) entries.push({ annotation, sourceTitle: source.title })
    }
    return entries
  }

  /**
   * Re-selects the passage of a fuzzy or orphaned annotation: the new selection must be exact on
   * the source's text, and the annotation is exact again, with its comment and tags kept.
   */
  async repairAnnotation(input: ParsedInput<'annotations.repair'>): Promise<Annotation> {
    const sourceId = this.sourceOfAnnotation(input.id)
    const target = await this.exactTarget(this.source(sourceId), input.quote, input.position)
    return this.editAnnotation(sourceId, input.id, 'live', (annotation) => {
      annotation.target = target
      delete annotation.anchor
    })
  }

  /**
   * The target of a passage chosen on a source's text as it is now: only the passage itself will
   * do (a new or re-selected highlight is never approximate).
   */
  private async exactTarget(
    source: Source,
    quote: TextQuoteSelector,
    position: TextPositionSelector,
  ): Promise<AnnotationTarget> {
    const text = await this.content.text(source.textSha256)
    const anchor = anchorQuote(text, quote, position)
    if (anchor.status !== 'exact') {
      throw new CasefileError(
        'invalid_input',
        `The passage “${clip(quote.exact)}” does not occur in “${source.title}”.`,
      )
    }
    return {
      textSha256: source.textSha256,
      quote: describeRange(text, anchor.start, anchor.end),
      position: { start: anchor.start, end: anchor.end },
    }
  }

  /**
   * One change to one annotation, live or in the trash: `edit` changes it in memory and in its
   * file (with `alsoSave`'s writes beside), and the index takes it again.
   */
  private async editAnnotation(
    sourceId: string,
    id: string,
    from: 'live' | 'trashed',
    edit: (annotation: Annotation) => void,
    alsoSave?: () => Promise<unknown>,
  ): Promise<Annotation> {
    const file = await this.annotations.file(sourceId)
    const edited = await this.change(async () => {
      const annotation = file.data.annotations.find(
        (candidate) => candidate.id === id && (candidate.deletedAt === null) === (from === 'live'),
      )
      if (!annotation)
        throw notFound(from === 'live' ? 'annotation' : 'annotation in the trash', id)
      const saved = Promise.all([
        file.update(() => {
          edit(annotation)
          annotation.updatedAt = new Date().toISOString()
        }),
        alsoSave?.(),
      ])
      this.search.add(annotationItem(annotation))
      return { result: annotation, saved }
    })
    this.events.emit('library.changed', { what: 'annotations' })
    return edited
  }

  /** Every live annotation whose anchor is fuzzy or orphaned, worst first: what needs a look. */
  async anchorHealth(): Promise<HealthEntry[]> {
    const entries: HealthEntry[] = []
    const annotated = this.search.index.ownersOf('a')
    for (const source of this.catalog.data.sources) {
      if (!annotated.has(source.id)) continue
      for (const annotation of await this.annotations.all(source.id)) {
        if (
          annotation.deletedAt === null &&
          annotation.anchor &&
          annotation.anchor.status !== 'exact'
        )
          entries.push({ annotation, sourceTitle: source.title })
      }
    }
    return entries.sort(
      (a, b) => (a.annotation.anchor?.score ?? 1) - (b.annotation.anchor?.score ?? 1),
    )
  }

  /**
   * Adds annotations made elsewhere (or carried over from another text) to one source, as they
   * are: their targets already anchored on this source's text, or orphaned. One write for all.
   */
  async addAnnotations(sourceId: string, annotations: readonly Annotation[]): Promise<void> {
    if (annotations.length === 0) return
    this.source(sourceId)
    const file = await this.annotations.file(sourceId)
    await this.change(async () => {
      // Orphans too: their quote and comment are still the analyst's words, worth finding.
      for (const annotation of annotations) this.search.add(annotationItem(annotation))
      return {
        result: undefined,
        saved: file.update((data) => void data.annotations.push(...annotations)),
      }
    })
    this.events.emit('library.changed', { what: 'annotations' })
  }

  /** Whether an annotation with this id is anywhere in the library (live or in the trash). */
  hasAnnotation(id: string): boolean {
    return (
      this.search.index.ownerOf(`a:${id}`) !== undefined ||
      this.trash.data.items.some((item) => item.kind === 'annotation' && item.id === id)
    )
  }

  /** The source imported from these bytes, or from this URL. */
  findSource(reference: { sha256: string | null; url: string | null }): Source | undefined {
    const sources = this.catalog.data.sources
    return (
      sources.find(
        (source) => reference.sha256 !== null && source.originalSha256 === reference.sha256,
      ) ?? sources.find((source) => reference.url !== null && source.origin.url === reference.url)
    )
  }

  /** Sets the actors and/or events a passage is linked to (each list given replaces the old). */
  async linkAnnotation(input: ParsedInput<'annotations.link'>): Promise<Annotation> {
    return this.editAnnotation(
      this.sourceOfAnnotation(input.id),
      input.id,
      'live',
      (annotation) => {
        // Checked inside the queue, so an actor trashed meanwhile cannot be linked.
        this.entities.requireLive(input.actorIds ?? [], input.eventIds ?? [])
        if (input.actorIds !== undefined) annotation.actorIds = [...new Set(input.actorIds)]
        if (input.eventIds !== undefined) annotation.eventIds = [...new Set(input.eventIds)]
      },
    )
  }

  /** Changes a source's reliability grade, TLP marking or tags. */
  async updateSource(input: ParsedInput<'sources.update'>): Promise<Source> {
    const updated = await this.change(async () => {
      const source = this.source(input.id)
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

  /** The known actors named in a source's canonical text, with their offsets there. */
  async findMentions(sourceId: string): Promise<MethodOutput<'mentions.find'>> {
    const source = this.source(sourceId)
    const text = await this.content.text(source.textSha256)
    const { targets, names } = this.entities.mentionTargets()
    return {
      mentions: findMentions(text, targets).map((mention) => ({
        actorId: mention.id,
        name: names.get(mention.id) ?? mention.term,
        term: mention.term,
        start: mention.start,
        end: mention.end,
      })),
    }
  }

  /** The annotation files that may hold links: sources with live or trashed annotations. */
  private async annotationFiles(): Promise<AnnotationFileRef[]> {
    const sourceIds = this.search.index.ownersOf('a')
    for (const item of this.trash.data.items)
      if (item.kind === 'annotation') sourceIds.add(item.sourceId)
    const files: AnnotationFileRef[] = []
    for (const source of this.catalog.data.sources) {
      if (sourceIds.has(source.id))
        files.push({ sourceTitle: source.title, file: await this.annotations.file(source.id) })
    }
    return files
  }

  async searchQuery(query: string, limit: number): Promise<SearchHit[]> {
    const hits: SearchHit[] = []
    for (const hit of this.search.index.search(query, limit)) {
      if (hit.id.startsWith('ac:') || hit.id.startsWith('ev:')) {
        const entityHit = this.entities.searchHit(hit.id, query)
        if (entityHit) hits.push(entityHit)
        continue
      }
      const source = this.sourcesById.get(hit.sourceId)
      if (!source) continue
      let text: string
      let id = source.id
      if (hit.id.startsWith('s:')) {
        text = await this.content.text(source.textSha256)
      } else {
        id = hit.id.slice(2)
        const annotation = (await this.annotations.all(source.id)).find(
          (a) => a.id === id && a.deletedAt === null,
        )
        if (!annotation) continue
        text = annotationText(annotation)
      }
      const snippet = makeSnippet(text, query)
      hits.push({
        kind: hit.id.startsWith('s:') ? 'source' : 'annotation',
        id,
        sourceId: source.id,
        title: source.title,
        snippet: snippet.text,
        highlights: snippet.highlights,
      })
    }
    return hits
  }

  /** Waits for every queued change, saves the index, and releases the library. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.queue.catch(() => undefined)
    try {
      await this.search.close()
    } finally {
      await this.lock.release()
    }
  }

  /**
   * Runs one change: `apply` runs in the queue, checks, changes memory and starts its writes;
   * the queue moves on, and this resolves once the writes are durable. After a failed write the
   * library accepts no more changes (memory may hold what the disk does not).
   */
  private async change<T>(apply: () => Promise<Staged<T>>): Promise<T> {
    return this.search.change(async () => {
      const { result, saved } = await this.serialize(() => {
        if (this.failure) throw this.failure
        return apply()
      })
      try {
        await saved
      } catch (error) {
        this.failure = new CasefileError(
          'io_error',
          `${toApiError(error).message} To keep the library consistent, no more changes are accepted: restart Casefile once the disk problem is solved. Every change reported as saved is on disk.`,
        )
        throw this.failure
      }
      return result
    })
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed)
      return Promise.reject(new CasefileError('io_error', 'The library has been closed.'))
    const next = this.queue.then(work, work)
    this.queue = next.catch(() => undefined)
    return next
  }

  private remember(source: Source): void {
    this.sourcesById.set(source.id, source)
    this.sourcesByText.set(source.textSha256, source)
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
}

function liveAnnotation(annotations: Annotation[], id: string): Annotation {
  const annotation = annotations.find(
    (candidate) => candidate.id === id && candidate.deletedAt === null,
  )
  if (!annotation) throw notFound('annotation', id)
  return annotation
}

/** The refusal of a file over the import limit, naming the file, its size and the limit. */
export function tooLarge(fileName: string, bytes: number): CasefileError {
  const megabytes = (size: number) => `${Math.round(size / 1048576)} MB`
  return new CasefileError(
    'bad_file',
    `${fileName} is ${megabytes(bytes)}; files over ${megabytes(maxImportBytes)} cannot be imported.`,
  )
}

function notFound(kind: string, id: string): CasefileError {
  return new CasefileError('not_found', `There is no ${kind} with id ${id} in this library.`)
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

/** The file's own name, without folders or control characters (which could drive a terminal). */
function cleanFileName(path: string): string {
  const name = (path.split(/[\\/]/).pop() ?? path)
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .trim()
  return name === '' ? 'unnamed' : name
}
