import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { extname } from 'node:path'
import { removeTemporaryFiles } from './durableFile'
import {
  CasefileError,
  maxImportBytes,
  type LibraryInfo,
  type LinkedAnnotation,
  type MethodOutput,
  type ParsedInput,
  type SearchHit,
  type TrashEntry,
} from '../../shared/api'
import type { Annotation, Block, SearchFilters, Source } from '../../shared/model'
import { EventHub } from '../../shared/rpc'
import { buildCanonicalText } from '../../shared/text'
import { findMentions } from '../../shared/text/mentions'
import type { PartFile, RestorableFile } from '../../shared/api/safetyMethods'
import { AnnotationStore } from './annotationStore'
import {
  backupGapMs,
  backupOffer,
  takeBackup,
  type BackupReason,
  type TakeBackupOptions,
} from './backups'
import { Briefs, openBriefStore } from './briefs'
import { Annotations } from './annotations'
import { currentSchemaVersion, openCatalog, openTrash, type Trash } from './catalog'
import type { CatalogStore } from './catalogStore'
import { ChangeQueue, nothingToSave, type Staged } from './changeQueue'
import { ContentStore, sha256 } from './contentStore'
import { Entities } from './entities'
import { entityItemsOf } from './entityItems'
import { openEntityStore, type EntityFile } from './entityStore'
import { boundedDocument, detectLanguage, importerFor } from './importers'
import { annotationItem, indexedItemsOf, sourceItem } from './indexedItems'
import type { JsonStore, StorePart } from './jsonStore'
import { LibraryLock } from './libraryLock'
import { searchLibrary, type SearchedLibrary } from './librarySearch'
import { noteItemsOf } from './noteItems'
import { Notes } from './notes'
import { NoteStore, type NoteHead } from './noteStore'
import { LibraryRecovery } from './libraryRecovery'
import { libraryLayout, type LibraryLayout } from './paths'
import { openSavedSearchStore, SavedSearches } from './savedSearches'
import { SearchService, type IndexOpenReport } from './searchService'
import { Sources } from './sources'

export type LibraryOptions = {
  /** How long the index waits after the last change before saving itself (default 5 s). */
  indexPersistDelayMs?: number
  /** The least time between backups taken at open and on close (default `backupGapMs`, 1 h). */
  backupGapMs?: number
  /** How long after opening the records are backed up (default 5 s; see `backUpSoon`). */
  openBackupDelayMs?: number
}

export type ImportResult = MethodOutput<'sources.import'>

export type { TrashEntry }
/** An annotation in need of repair, with the title of its source. */
export type HealthEntry = LinkedAnnotation

/** What `Library.open` reads before there is a library to hold it. */
type OpenedStores = {
  catalog: CatalogStore
  trash: JsonStore<Trash>
  content: ContentStore
  annotations: AnnotationStore
  entities: JsonStore<EntityFile>
  notes: NoteStore
  noteHeads: NoteHead[]
  unreadableNotes: string[]
  search: SearchService
  savedSearches: Awaited<ReturnType<typeof openSavedSearchStore>>
  briefs: Awaited<ReturnType<typeof openBriefStore>>
}

/**
 * A library folder opened for use: the catalog, the annotation files, the content store, the
 * case model and the search index. One process holds it at a time (a lock file), and every
 * change goes through one serialized queue (see `ChangeQueue`); a caller hears back only once its
 * change is durable. The sources, annotations and case model each keep their own module; this
 * class opens them together and answers what spans them (import, trash, search).
 */
export class Library {
  readonly events = new EventHub()
  /** Actors, events and relations (`entities.json`), changed through this library's queue. */
  readonly entities: Entities
  /** The analyst's notes (`notes/<id>.json`), changed through this library's queue. */
  readonly notes: Notes
  /** The analyst's saved searches (`searches.json`). */
  readonly savedSearches: SavedSearches
  /** The briefs the analyst composed (`briefs.json`). */
  readonly briefs: Briefs
  private readonly queue: ChangeQueue
  private readonly sources: Sources
  private readonly annotations: Annotations
  private readonly trash: JsonStore<Trash>
  private readonly content: ContentStore
  private readonly search: SearchService
  private readonly libraryId: string
  /** The damaged files, and putting their backups back (`library.health`, `restoreBackup`). */
  private readonly recovery: LibraryRecovery
  private closed = false
  /** The last `mentions.find` answer, with the source text and actors it was found from. */
  private lastMentions: { key: string; found: MethodOutput<'mentions.find'> } | undefined
  private openBackup: NodeJS.Timeout | undefined
  /** The backup taken after open, while it runs (close waits for it before taking its own). */
  private openBackupRun: Promise<void> = Promise.resolve()

  private constructor(
    readonly layout: LibraryLayout,
    private readonly lock: LibraryLock,
    stores: OpenedStores,
    private readonly options: LibraryOptions,
  ) {
    const { trash, content, search } = stores
    this.trash = trash
    this.content = content
    this.search = search
    this.libraryId = stores.catalog.data.libraryId
    this.queue = new ChangeQueue(search)
    this.sources = new Sources(stores.catalog, content, this.queue, this.events)
    this.entities = new Entities(stores.entities, {
      change: async (apply) => {
        const result = await this.queue.change(apply)
        this.events.emit('library.changed', { what: 'entities' })
        return result
      },
      search,
      trash,
      annotationFiles: () => this.annotations.files(),
      isLiveAnnotation: (id) => this.annotations.isLive(id),
      notesMentioning: (kind, id) => this.notes.mentioning(kind, id),
    })
    this.annotations = new Annotations({
      store: stores.annotations,
      sources: this.sources,
      trash,
      search,
      queue: this.queue,
      events: this.events,
      entities: this.entities,
    })
    this.savedSearches = new SavedSearches(stores.savedSearches, this.queue, this.events)
    this.briefs = new Briefs(stores.briefs, this.queue, this.events)
    this.notes = new Notes({
      store: stores.notes,
      heads: stores.noteHeads,
      unreadable: stores.unreadableNotes,
      trash,
      search,
      queue: this.queue,
      events: this.events,
    })
    this.recovery = new LibraryRecovery({
      root: layout.root,
      libraryId: this.libraryId,
      // The files the library opens without (each a part: see `JsonStore.openPart`).
      parts: new Map<PartFile, StorePart>([
        ['trash.json', trash],
        ['entities.json', stores.entities],
        ['searches.json', stores.savedSearches],
        ['briefs.json', stores.briefs],
      ]),
      entities: stores.entities,
      sources: this.sources,
      annotations: this.annotations,
      notes: this.notes,
      search,
      queue: this.queue,
      events: this.events,
    })
  }

  /**
   * Opens (or creates) the library in `path`. A damaged catalog is refused and left as it is,
   * the refusal saying where its newest good backup is; an older catalog is migrated after a
   * backup; any other damaged file leaves its part unavailable (see `health`). A backup is taken
   * once open (see `backUp`).
   */
  static async open(path: string, options: LibraryOptions = {}): Promise<Library> {
    const layout = libraryLayout(path)
    await mkdir(layout.root, { recursive: true })
    const lock = await LibraryLock.acquire(layout.root)
    try {
      const folders = [
        layout.annotations,
        layout.notes,
        layout.bodies,
        layout.originals,
        layout.index,
      ]
      for (const folder of folders) {
        await mkdir(folder, { recursive: true })
      }
      // A write cut short by a crash leaves its temporary file; with the lock held, none is live.
      // Best effort: a read-only disk keeps them, harmlessly (they are never read as data).
      for (const folder of [layout.root, ...folders])
        await removeTemporaryFiles(folder).catch(() => 0)
      const catalog = await openCatalog(layout.catalog, {
        beforeMigration: async () => {
          await takeBackup(layout.root, { reason: 'migration', libraryId: null })
        },
      }).catch(async (error: unknown) => {
        throw await withBackupOffer(layout, error)
      })
      const trash = await openTrash(layout.trash)
      const content = new ContentStore(layout)
      const annotations = new AnnotationStore(layout.annotations)
      const entities = await openEntityStore(layout.root)
      const savedSearches = await openSavedSearchStore(layout.root)
      const briefs = await openBriefStore(layout.root)
      const notes = new NoteStore(layout.notes)
      // A note file that cannot be read is left as it is; the rest of the library opens.
      const unreadableNotes: string[] = []
      // Read while the search index is read (1,000 notes: about 230 ms of the open).
      const readingHeads = notes.heads(unreadableNotes)
      readingHeads.catch(() => undefined) // awaited below; not an unhandled rejection meanwhile
      const search = await SearchService.open(
        layout.index,
        async function* (skipped) {
          yield* indexedItemsOf(catalog.data.sources, content, annotations, skipped)
          // Left out while damaged: the index then stays stale, rebuilt once the file is restored.
          if (entities.damage) skipped.push(`entities.json: ${entities.damage.problem}`)
          else yield* entityItemsOf(entities.data)
          yield* noteItemsOf(await readingHeads, notes, skipped)
        },
        options.indexPersistDelayMs === undefined
          ? {}
          : { persistDelayMs: options.indexPersistDelayMs },
      )
      const noteHeads = await readingHeads
      const stores = {
        catalog,
        trash,
        content,
        annotations,
        entities,
        notes,
        noteHeads,
        unreadableNotes,
        search,
        savedSearches,
        briefs,
      }
      const library = new Library(layout, lock, stores, options)
      library.backUpSoon()
      return library
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
        sources: this.sources.all().length,
        annotations: this.search.index.count('a'),
        actors: this.search.index.count('ac'),
        events: this.search.index.count('ev'),
        notes: this.notes.count,
        // Every item trash.json lists: annotations, actors, events, relations and notes.
        trash: this.trash.damage ? 0 : this.trash.data.items.length,
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
    const document = boundedDocument(await importer.parse(bytes, fileName))
    const { text, blocks } = buildCanonicalText(document.blocks)
    if (text === '') {
      throw new CasefileError(
        'bad_file',
        `${fileName} has no text to import (only a title or white space).`,
      )
    }
    const textSha256 = sha256(text)
    const known = this.sources.withText(textSha256)
    if (known) return { status: 'duplicate', source: known }
    const languageFrom = document.language ? 'declared' : 'detected'
    const language = document.language ?? detectLanguage(text)
    // Content-addressed and idempotent: written (durably) before the queue, so imports overlap
    // their I/O, and before the catalog record that points at them.
    const [originalSha256] = await Promise.all([
      this.content.putOriginal(bytes, extname(fileName)),
      this.content.putText(text, blocks),
    ])
    const imported = await this.queue.change(async (): Promise<Staged<ImportResult>> => {
      const existing = this.sources.withText(textSha256)
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
      const previous = this.sources.previousVersionOf(source)
      const carried = previous ? await this.annotations.carry(previous, source, text) : undefined
      const added = this.sources.add(source, previous)
      this.search.add(sourceItem(source, text))
      for (const annotation of carried?.annotations ?? [])
        this.search.add(annotationItem(annotation))
      return {
        result: { status: 'imported', source },
        saved: Promise.all([added, carried?.saved]),
      }
    })
    // The one source that came in; a new version also changes its previous one: re-read them all.
    if (imported.status === 'imported')
      this.events.emit(
        'library.changed',
        imported.source.previousVersionId === undefined
          ? { what: 'sources', id: imported.source.id }
          : { what: 'sources' },
      )
    return imported
  }

  /** Every source, newest import first; with `ids`, only those, in the same order. */
  listSources(ids?: readonly string[]): Source[] {
    return ids === undefined ? this.sources.list() : this.sources.listOf(ids)
  }

  async getSource(id: string): Promise<{ source: Source; text: string; blocks: Block[] }> {
    return this.sources.get(id)
  }

  /** Changes a source's reliability grade, TLP marking or tags. */
  async updateSource(input: ParsedInput<'sources.update'>): Promise<Source> {
    return this.sources.update(input)
  }

  /** The source imported from these bytes, or from this URL. */
  findSource(reference: { sha256: string | null; url: string | null }): Source | undefined {
    return this.sources.findByReference(reference)
  }

  async createAnnotation(input: ParsedInput<'annotations.create'>): Promise<Annotation> {
    return this.annotations.create(input)
  }

  /** The live annotations of a source, in text order. */
  async listAnnotations(sourceId: string): Promise<Annotation[]> {
    return this.annotations.list(sourceId)
  }

  async updateAnnotation(input: ParsedInput<'annotations.update'>): Promise<Annotation> {
    return this.annotations.update(input)
  }

  /** Sets the actors and/or events a passage is linked to (each list given replaces the old). */
  async linkAnnotation(input: ParsedInput<'annotations.link'>): Promise<Annotation> {
    return this.annotations.link(input)
  }

  /** Moves an annotation to the trash: it stays in its file, marked deleted, and is listed in trash.json. */
  async deleteAnnotation(id: string): Promise<Annotation> {
    this.trash.requireReadable()
    return this.annotations.delete(id)
  }

  /** Takes an annotation out of the trash: live again, searchable again, where it was. */
  async restoreAnnotation(id: string): Promise<Annotation> {
    this.trash.requireReadable()
    return this.annotations.restore(id)
  }

  /** Re-selects the passage of a fuzzy or orphaned annotation (see `Annotations.repair`). */
  async repairAnnotation(input: ParsedInput<'annotations.repair'>): Promise<Annotation> {
    return this.annotations.repair(input)
  }

  /** Every live annotation whose anchor is fuzzy or orphaned, worst first: what needs a look. */
  async anchorHealth(): Promise<HealthEntry[]> {
    return this.annotations.health()
  }

  /** Adds annotations made elsewhere to one source, anchored on its text or orphaned. */
  async addAnnotations(sourceId: string, annotations: readonly Annotation[]): Promise<void> {
    return this.annotations.add(sourceId, annotations)
  }

  /** An annotation, live or in the trash, with its source title (what a citation shows). */
  async getAnnotation(id: string): Promise<LinkedAnnotation> {
    return this.annotations.get(id)
  }

  /** Whether an annotation with this id is anywhere in the library (live or in the trash). */
  hasAnnotation(id: string): boolean {
    return this.annotations.has(id)
  }

  /**
   * What the trash holds, most recently deleted first: annotations with their source title,
   * actors, events and relations with the names they are known by, and notes as summaries.
   */
  async listTrash(): Promise<TrashEntry[]> {
    const entries: TrashEntry[] = []
    for (const item of [...this.trash.data.items].reverse()) {
      const entry =
        item.kind === 'annotation'
          ? await this.annotations.trashEntry(item)
          : item.kind === 'note'
            ? this.notes.trashEntry(item)
            : this.entities.trashEntry(item)
      if (entry) entries.push(entry)
    }
    return entries
  }

  /** The known actors named in a source's canonical text, with their offsets there. */
  async findMentions(sourceId: string): Promise<MethodOutput<'mentions.find'>> {
    const source = this.sources.require(sourceId)
    const text = await this.sources.text(source)
    // The reader asks again whenever the library changes: the last answer holds while neither the
    // text nor the actors have changed (a text of megabytes takes a second to go through).
    const key = `${source.textSha256} ${this.entities.revision}`
    if (this.lastMentions?.key === key) return this.lastMentions.found
    const { targets, names } = this.entities.mentionTargets()
    const found = {
      mentions: findMentions(text, targets).map((mention) => ({
        actorId: mention.id,
        name: names.get(mention.id) ?? mention.term,
        term: mention.term,
        start: mention.start,
        end: mention.end,
      })),
    }
    this.lastMentions = { key, found }
    return found
  }

  /**
   * What matches the query (see `search.query`), narrowed by the filters; when the query is an
   * actor's name or alias, then also what matches the actor's other names (each hit's snippet
   * marks the name it was found by).
   */
  async searchQuery(
    query: string,
    limit: number,
    filters: SearchFilters = {},
  ): Promise<SearchHit[]> {
    return searchLibrary(this.searched, query, limit, filters)
  }

  /** What search reads of the library, each kind from where it is kept. */
  private get searched(): SearchedLibrary {
    return {
      index: this.search.index,
      source: (id) => this.sources.find(id),
      sourceText: (source) => this.sources.textNow(source),
      foldedSourceText: (source) => this.content.folded(source.textSha256),
      annotation: (sourceId, id) => this.annotations.live(sourceId, id),
      note: (id) => this.notes.live(id),
      actor: (id) => this.entities.liveActor(id),
      event: (id) => this.entities.liveEvent(id),
      otherNames: (query) => this.entities.otherNames(query),
    }
  }

  /** Runs `work` while the library takes no change, every earlier change on disk (see `ChangeQueue.quiet`). */
  quiet<T>(work: () => Promise<T>): Promise<T> {
    return this.queue.quiet(work)
  }

  /**
   * The files that could not be read (each left untouched, its part or item unavailable), with
   * the newest good backup of each, and the backups kept.
   */
  async health(): Promise<MethodOutput<'library.health'>> {
    return this.recovery.health()
  }

  /**
   * Puts the newest good backup of a damaged part, note or annotation file back (the damaged file
   * moved aside, never deleted) and reads it again, so it works without reopening the library.
   */
  async restoreBackup(file: RestorableFile): Promise<MethodOutput<'library.restoreBackup'>> {
    return this.recovery.restore(file)
  }

  /**
   * Backs up the library's records, notes and annotations (see `takeBackup`): at open and on
   * close, when the newest backup is older than `backupGapMs` and something changed since. A
   * backup that cannot be written does not keep the library from opening or closing.
   */
  private async backUp(reason: BackupReason, quiet?: TakeBackupOptions['quiet']): Promise<void> {
    const gapMs = this.options.backupGapMs ?? backupGapMs
    try {
      await takeBackup(this.layout.root, { reason, libraryId: this.libraryId, gapMs, quiet })
    } catch {
      // `library.health` lists the backups there are; the next open or close tries again.
    }
  }

  /**
   * The backup taken at open, a few seconds after it: reading and checking the records (megabytes
   * at 10,000 sources) would delay the first answers. The records are read while the library
   * takes no change, so the catalog and its journal are copied as one moment; the notes and
   * annotations need no such moment (see `backUpItems`), and changes go on meanwhile.
   */
  private backUpSoon(): void {
    this.openBackup = setTimeout(() => {
      this.openBackupRun = this.backUp('open', (work) => this.queue.quiet(work))
    }, this.options.openBackupDelayMs ?? 5_000)
    this.openBackup.unref()
  }

  /** Waits for every queued change, saves the index, and releases the library. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    clearTimeout(this.openBackup)
    await this.queue.close()
    try {
      await this.sources.close()
      await this.search.close()
      await this.openBackupRun
      await this.backUp('close')
    } finally {
      await this.lock.release()
    }
  }
}

/** A refusal to open the catalog, ending with where its newest good backup is. */
async function withBackupOffer(layout: LibraryLayout, error: unknown): Promise<unknown> {
  if (!(error instanceof CasefileError) || error.code !== 'library_corrupt') return error
  const file = error.message.startsWith(layout.catalog) ? 'casefile.json' : 'casefile.journal'
  const offer = await backupOffer(layout.root, file)
  return new CasefileError('library_corrupt', `${error.message}${offer}`, { cause: error })
}

/** The refusal of a file over the import limit, naming the file, its size and the limit. */
export function tooLarge(fileName: string, bytes: number): CasefileError {
  const megabytes = (size: number) => `${Math.round(size / 1048576)} MB`
  return new CasefileError(
    'bad_file',
    `${fileName} is ${megabytes(bytes)}; files over ${megabytes(maxImportBytes)} cannot be imported.`,
  )
}

/** The file's own name, without folders or control characters (which could drive a terminal). */
function cleanFileName(path: string): string {
  const name = (path.split(/[\\/]/).pop() ?? path)
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .trim()
  return name === '' ? 'unnamed' : name
}
