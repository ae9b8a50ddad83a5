import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CasefileError, type MethodOutput } from '../../shared/api'
import {
  PartFileSchema,
  type DamagedPart,
  type PartFile,
  type RestorableFile,
} from '../../shared/api/safetyMethods'
import type { EventHub } from '../../shared/rpc'
import type { Annotations } from './annotations'
import { AnnotationFileSchema } from './annotationStore'
import {
  isItemFile,
  itemProblem,
  newestGoodItemCopies,
  readItemList,
  unreadableItemFiles,
  type BackupWithItems,
  type ItemFile,
} from './backupItems'
import { backupsKept, listBackups, newestGoodBackup, restoreBackup } from './backups'
import { nothingToSave, type ChangeQueue } from './changeQueue'
import { entityItemsOf } from './entityItems'
import type { EntityFile } from './entityStore'
import { annotationItem, sourceItem } from './indexedItems'
import { describeProblem, parseJsonObject, type JsonStore, type StorePart } from './jsonStore'
import type { Notes } from './notes'
import type { SearchService } from './searchService'
import type { Sources } from './sources'

/** What finding and putting back damaged files needs of the open library. */
export type RecoveryParts = {
  root: string
  libraryId: string
  /** The files the library opens without, each a part (see `JsonStore.openPart`). */
  parts: ReadonlyMap<PartFile, StorePart>
  entities: JsonStore<EntityFile>
  sources: Sources
  annotations: Annotations
  notes: Notes
  search: SearchService
  queue: ChangeQueue
  events: EventHub
}

/**
 * The damaged files of an open library (each left as it is, its part or item unavailable, the
 * rest working), and putting the newest good backup of one back without a restart.
 */
export class LibraryRecovery {
  constructor(private readonly library: RecoveryParts) {}

  /** The damaged files, each with the newest good backup holding it, and the backups kept. */
  async health(): Promise<MethodOutput<'library.health'>> {
    const { root } = this.library
    const damaged: DamagedPart[] = []
    for (const [file, store] of this.library.parts) {
      const damage = store.damage
      if (!damage) continue
      const backup = await newestGoodBackup(root, file)
      damaged.push({
        file,
        problem: damage.problem,
        unavailable: damage.unavailable,
        newestGoodBackup: backup ? { takenAt: backup.takenAt, path: backup.path } : null,
      })
    }
    const backups = await listBackups(root)
    damaged.push(...(await this.damagedItems(backups)))
    const newest = backups[0]
    return {
      damaged,
      backups: {
        count: backups.length,
        kept: backupsKept,
        newest: newest ? { takenAt: newest.manifest.takenAt, path: newest.folder } : null,
      },
    }
  }

  /**
   * Puts the newest good backup of a damaged file back (the damaged file moved aside, never
   * deleted) and reads it again, through the library's queue. A file in use is refused.
   */
  async restore(file: RestorableFile): Promise<MethodOutput<'library.restoreBackup'>> {
    if (isItemFile(file)) return this.restoreItem(file)
    const part = PartFileSchema.safeParse(file)
    const store = part.success ? this.library.parts.get(part.data) : undefined
    if (!part.success || !store?.damage) throw notDamaged(file)
    const { root, libraryId, search, events } = this.library
    return this.library.queue.change(async () => {
      const restored = await restoreBackup(root, part.data, libraryId)
      await store.reload()
      if (part.data === 'entities.json') {
        for (const item of entityItemsOf(this.library.entities.data)) search.add(item)
      }
      events.emit('library.changed', { what: partKinds[part.data] })
      return {
        result: { file, restoredFrom: restored.from, movedAside: restored.movedAside },
        saved: nothingToSave,
      }
    })
  }

  /**
   * The annotation files that do not open now, and the note files that did not at open; each with
   * the newest backup holding a good copy.
   */
  private async damagedItems(backups: BackupWithItems[]): Promise<DamagedPart[]> {
    const { root } = this.library
    const known = await readItemList(backups[0])
    const found: Omit<DamagedPart, 'newestGoodBackup'>[] = []
    for (const { file, problem } of await unreadableItemFiles(root, 'annotations', known)) {
      const title = this.library.sources.find(idOf(file))?.title
      const unavailable = title ? `the highlights of “${title}”` : 'the highlights in it'
      found.push({ file, problem, unavailable })
    }
    for (const line of this.library.notes.unreadable) {
      const [file = line, ...why] = line.split(': ')
      const problem = await jsonProblem(join(root, file), why.join(': '))
      found.push({ file, problem, unavailable: 'this note' })
    }
    const copies = await newestGoodItemCopies(
      backups,
      found.map((part) => part.file as ItemFile),
    )
    return found.map((part) => {
      const backup = copies.get(part.file as ItemFile)
      return {
        ...part,
        newestGoodBackup: backup ? { takenAt: backup.takenAt, path: backup.path } : null,
      }
    })
  }

  /** A note or annotation file put back: the note read again, or the source's items indexed. */
  private async restoreItem(file: ItemFile): Promise<MethodOutput<'library.restoreBackup'>> {
    const { root, libraryId, queue, events } = this.library
    return queue.change(async () => {
      const damaged = await readFile(join(root, file)).catch(() => undefined)
      if (!damaged || itemProblem(file, damaged) === undefined) throw notDamaged(file)
      const restored = await restoreBackup(root, file, libraryId)
      if (file.startsWith('notes/')) {
        await this.library.notes.readAgain(idOf(file))
        events.emit('library.changed', { what: 'notes', id: idOf(file) })
      } else {
        await this.reindexSource(idOf(file), damaged)
        events.emit('library.changed', { what: 'annotations' })
      }
      return {
        result: { file, restoredFrom: restored.from, movedAside: restored.movedAside },
        saved: nothingToSave,
      }
    })
  }

  /**
   * Indexes a source again once its annotation file is back: its text (left out of an index
   * rebuilt while the file was damaged) and its live annotations. What the index may hold that is
   * no longer live goes: the ids the damaged bytes still show, and those trashed in the file put
   * back. (An id lost with the damaged bytes stays until the next rebuild; search skips it, as it
   * skips any annotation that is not live.)
   */
  private async reindexSource(sourceId: string, damaged: Buffer): Promise<void> {
    const { sources, annotations, search, root } = this.library
    const source = sources.find(sourceId)
    if (!source) return
    const restored = AnnotationFileSchema.parse(
      parseJsonObject(await readFile(join(root, 'annotations', `${sourceId}.json`), 'utf8')),
    )
    const gone = new Set(idsIn(damaged.toString('utf8')))
    for (const annotation of restored.annotations) gone.add(annotation.id)
    const live = await annotations.list(sourceId)
    for (const annotation of live) gone.delete(annotation.id)
    for (const id of gone)
      if (search.index.ownerOf(`a:${id}`) === sourceId) search.remove(`a:${id}`)
    search.add(sourceItem(source, await sources.text(source)))
    for (const annotation of live) search.add(annotationItem(annotation))
  }
}

/** What each part's change is called in `library.changed`. */
const partKinds = {
  'trash.json': 'annotations',
  'entities.json': 'entities',
  'searches.json': 'searches',
  'briefs.json': 'briefs',
} as const satisfies Record<PartFile, string>

function notDamaged(file: string): CasefileError {
  return new CasefileError(
    'invalid_input',
    `${file} is not damaged: it is in use, and is not replaced by a backup.`,
  )
}

/** The id in an item file's name: `annotations/<source>.json`, `notes/<note>.json`. */
function idOf(file: string): string {
  return file.replace(/^[^/]+\//, '').replace(/\.json$/, '')
}

/** The annotation ids a (damaged) file's text still shows. */
function idsIn(text: string): string[] {
  return [...text.matchAll(/"id"\s*:\s*"([^"\\]+)"/g)].flatMap((match) => match[1] ?? [])
}

/** What is wrong with a JSON file, in words (`it is cut short…`), else what was said of it. */
async function jsonProblem(path: string, said: string): Promise<string> {
  try {
    parseJsonObject(await readFile(path, 'utf8'))
    return said
  } catch (error) {
    return describeProblem(error)
  }
}
