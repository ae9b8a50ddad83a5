import { readFileSync } from 'node:fs'
import { mkdir, readFile, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { CasefileError } from '../../shared/api'
import { SearchIndex, searchConfigHash, type IndexedItem } from '../../shared/search'
import { writeFileDurably } from './durableFile'

const ManifestSchema = z.object({
  configHash: z.string(),
  /** False from the first change after a save until the next save: the index on disk is stale. */
  clean: z.boolean(),
  generation: z.number().int(),
  chunks: z.array(z.string()),
  documents: z.number().int(),
  savedAt: z.string(),
})
type Manifest = z.infer<typeof ManifestSchema>

/**
 * Marks a closed library's saved index stale (the next open rebuilds it), for a change made to
 * the library's files behind it: a note or annotation file put back from a backup. Nothing to do
 * when there is no saved index, or it is stale already.
 */
export async function markSavedIndexStale(folder: string): Promise<void> {
  const path = join(folder, 'manifest.json')
  let manifest: Manifest
  try {
    manifest = ManifestSchema.parse(JSON.parse(await readFile(path, 'utf8')))
  } catch {
    return // missing or unreadable: the next open rebuilds the index anyway
  }
  if (manifest.clean) await writeFileDurably(path, JSON.stringify({ ...manifest, clean: false }))
}

export type IndexOpenReport = {
  openedFrom: 'disk' | 'rebuild'
  reason: string | null
  /** Parts of the library that could not be read while rebuilding, each with the reason. */
  skipped: string[]
  milliseconds: number
}

/**
 * Keeps the search index of a library and its copy on disk (`index/`). The copy is derived data:
 * it is used only when its manifest says it is clean and was made with the current configuration,
 * and is otherwise rebuilt from the store. The manifest is marked dirty before the first change
 * after a save, so a crash can leave a stale index only marked as such.
 */
export class SearchService {
  private manifest: Manifest | undefined
  private persistTimer: NodeJS.Timeout | undefined
  private warmUpTimer: NodeJS.Timeout | undefined
  private exclusive: Promise<unknown> = Promise.resolve()
  private changesUnderWay = 0
  /** Counts changes begun: a save whose snapshot predates one must not mark the index clean. */
  private revision = 0
  private saving: Promise<void> | undefined
  private closed = false
  /** Set when a change failed half-way: the index is then rebuilt at the next open, never saved. */
  private untrusted = false

  private constructor(
    readonly index: SearchIndex,
    private readonly folder: string,
    readonly report: IndexOpenReport,
    manifest: Manifest | undefined,
    private readonly persistDelayMs: number,
  ) {
    this.manifest = manifest
  }

  static async open(
    folder: string,
    items: (skipped: string[]) => AsyncIterable<IndexedItem>,
    options: { persistDelayMs?: number; warmUpDelayMs?: number } = {},
  ): Promise<SearchService> {
    const started = performance.now()
    await mkdir(folder, { recursive: true })
    const delay = options.persistDelayMs ?? 5000
    let reason: string
    try {
      const manifest = ManifestSchema.parse(
        JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')),
      )
      if (manifest.configHash !== searchConfigHash) reason = 'the search configuration changed'
      else if (!manifest.clean) reason = 'the library changed after the index was saved'
      else {
        const chunks = new Map<string, string | (() => string)>()
        const reads: Array<Promise<void>> = []
        for (const [n, key] of manifest.chunks.entries()) {
          const path = join(folder, chunkName(manifest.generation, n))
          // The phrase filters are read when first needed (see SearchIndex.import); the chunks
          // stay until a newer save has written its own (and read these first).
          if (key.startsWith('casefile.pairs.')) chunks.set(key, () => readFileSync(path, 'utf8'))
          else {
            chunks.set(key, '') // keeps the manifest's order, which import relies on
            reads.push(readFile(path, 'utf8').then((data) => void chunks.set(key, data)))
          }
        }
        // Read at once: one after another, the reads waited on each other (about 450 ms of an
        // open at 10,000 sources).
        await Promise.all(reads)
        const index = SearchIndex.import(chunks)
        const report = {
          openedFrom: 'disk' as const,
          reason: null,
          skipped: [],
          milliseconds: performance.now() - started,
        }
        const service = new SearchService(index, folder, report, manifest, delay)
        service.warmUpSoon(options.warmUpDelayMs ?? 1000)
        return service
      }
    } catch (error) {
      reason = `the saved index could not be read (${error instanceof Error ? error.message : String(error)})`
    }
    // A clean manifest left from before must not vouch for the index once this one changes.
    const stale: Manifest = {
      configHash: searchConfigHash,
      clean: false,
      generation: Math.floor(Date.now() / 1000),
      chunks: [],
      documents: 0,
      savedAt: new Date().toISOString(),
    }
    await writeFileDurably(join(folder, 'manifest.json'), JSON.stringify(stale))
    const index = new SearchIndex()
    const skipped: string[] = []
    for await (const item of items(skipped)) index.add(item)
    const report = {
      openedFrom: 'rebuild' as const,
      reason,
      skipped,
      milliseconds: performance.now() - started,
    }
    const service = new SearchService(index, folder, report, stale, delay)
    // What could not be read is missing from the index: leave it stale so the next open retries.
    service.untrusted = skipped.length > 0
    service.schedulePersist()
    return service
  }

  /**
   * Reads the rest of an opened index shortly after the library opened (so the first search is
   * not kept waiting for it). Found damaged, the index is marked stale: the next open rebuilds it.
   */
  private warmUpSoon(delayMs: number): void {
    this.warmUpTimer = setTimeout(() => {
      try {
        this.index.warmUp()
      } catch {
        this.untrusted = true
        void this.change(() => Promise.resolve()).catch(() => undefined)
      }
    }, delayMs)
    this.warmUpTimer.unref()
  }

  /**
   * Runs a change of the store and its index entries: the saved index is marked stale first
   * (once per save), and no save of the index happens while the change is under way.
   */
  async change<T>(work: () => Promise<T>): Promise<T> {
    this.changesUnderWay++
    this.revision++
    try {
      // Only the first change after a save writes (the dirty mark); the rest go straight on, even
      // while a save is writing its chunks.
      if (this.manifest?.clean) {
        await this.runExclusive(async () => {
          if (!this.manifest?.clean) return
          const dirty = { ...this.manifest, clean: false }
          await writeFileDurably(join(this.folder, 'manifest.json'), JSON.stringify(dirty))
          this.manifest = dirty
        })
      }
      return await work()
    } catch (error) {
      // The index may now hold what the store does not (or the reverse): never save it as clean.
      if (!(error instanceof CasefileError) || error.code === 'io_error') this.untrusted = true
      throw error
    } finally {
      this.changesUnderWay--
      this.schedulePersist()
    }
  }

  add(item: IndexedItem): void {
    this.index.add(item)
  }

  remove(id: string): void {
    this.index.remove(id)
  }

  /** Saves the index once changes have paused, so a burst of edits costs one save. */
  schedulePersist(): void {
    clearTimeout(this.persistTimer)
    if (this.closed) return
    this.persistTimer = setTimeout(
      () => void this.persist().catch(() => undefined),
      this.persistDelayMs,
    )
    this.persistTimer.unref()
  }

  /** Writes the index to disk now (or joins the save under way). */
  persist(): Promise<void> {
    clearTimeout(this.persistTimer)
    this.saving ??= this.save().finally(() => {
      this.saving = undefined
    })
    return this.saving
  }

  /**
   * One save: the index's chunks (made a slice at a time) written as a new generation while
   * changes carry on, then the manifest, marked clean. A change made meanwhile keeps the save from
   * being clean: the save is then given up at once (it would hold the disk while the change is
   * written, for nothing) and made again once changes pause. Old chunks are removed last.
   */
  private async save(): Promise<void> {
    if (this.manifest?.clean || this.untrusted) return
    if (this.changesUnderWay > 0) return this.schedulePersist()
    const revision = this.revision
    const overtaken = () => this.revision !== revision || this.changesUnderWay > 0 || this.untrusted
    const generation = (this.manifest?.generation ?? 0) + 1
    // Made a slice at a time: changes go on meanwhile.
    const made = await this.index.exportSlowly(async () => {
      await new Promise(setImmediate)
      return !overtaken()
    })
    if (!made) return this.schedulePersist()
    const chunks = [...made]
    const names = new Set<string>()
    for (const [n, [, data]] of chunks.entries()) {
      if (overtaken()) return this.schedulePersist()
      names.add(chunkName(generation, n))
      await writeFileDurably(join(this.folder, chunkName(generation, n)), data)
    }
    const saved = await this.runExclusive(async () => {
      if (overtaken()) return false
      const manifest: Manifest = {
        configHash: searchConfigHash,
        clean: true,
        generation,
        chunks: chunks.map(([key]) => key),
        documents: this.index.size,
        savedAt: new Date().toISOString(),
      }
      await writeFileDurably(join(this.folder, 'manifest.json'), JSON.stringify(manifest))
      this.manifest = manifest
      return true
    })
    if (!saved) return this.schedulePersist()
    // Older generations, and what a save given up left of this one beyond its chunks.
    for (const name of await readdir(this.folder)) {
      if (name.endsWith('.chunk') && !names.has(name))
        await rm(join(this.folder, name), { force: true })
    }
  }

  async close(): Promise<void> {
    // Every change is done by now: a save that gave way to one is made again, clean.
    await this.persist()
    await this.persist()
    this.closed = true
    clearTimeout(this.persistTimer)
    clearTimeout(this.warmUpTimer)
  }

  /** Saving the index and marking it stale must not interleave. */
  private runExclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.exclusive.then(work)
    this.exclusive = next.catch(() => undefined)
    return next
  }
}

function chunkName(generation: number, n: number): string {
  return `g${generation}-${n}.chunk`
}
