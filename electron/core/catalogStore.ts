import { stat } from 'node:fs/promises'
import type { Source } from '../../shared/model'
import type { Catalog } from './catalog'
import { CatalogJournal, journalLine } from './catalogJournal'
import { CoalescedWrites } from './coalescedWrites'
import { JsonStore } from './jsonStore'

/** The journal is folded into the snapshot once it is larger than the snapshot and than this. */
const minimumCompactionBytes = 1 << 20

/**
 * The catalog: a lowdb snapshot (`casefile.json`) and the journal of the sources saved since
 * (`casefile.journal`). Rewriting the whole catalog for each group of imports made import slow
 * down as the library grew (several MB per write at 10,000 sources); a group now appends its
 * changed source records, whole, to the journal and fsyncs that, one write and one fsync for
 * any number of sources. Opening reads the snapshot, then upserts the journal's records on top.
 *
 * Compaction (snapshot rewritten durably, then the journal emptied) runs when the journal has
 * grown past the snapshot's size (at least 1 MB), so its cost stays in proportion to what was
 * appended and a reopen after a crash parses at most about twice the catalog; and on close. A
 * crash between the two steps is harmless: replaying records the snapshot already holds changes
 * nothing, because a group is always appended before any compaction that follows it.
 */
export class CatalogStore {
  /** Sources saved in memory and not yet in a write: the next group. */
  private readonly changed = new Set<Source>()
  private readonly positions = new Map<string, number>()
  private readonly writes: CoalescedWrites

  private constructor(
    private readonly snapshot: JsonStore<Catalog>,
    private readonly journal: CatalogJournal,
    private snapshotBytes: number,
  ) {
    for (const [at, source] of snapshot.data.sources.entries()) this.positions.set(source.id, at)
    this.writes = new CoalescedWrites(journal.path, () => {
      // The records are serialized now: changes made during the write go to the next group.
      const line = this.changed.size > 0 ? journalLine([...this.changed]) : undefined
      this.changed.clear()
      return this.commit(line)
    })
  }

  /** Opens the snapshot and its journal; either one damaged is refused and left untouched. */
  static async open(
    path: string,
    journalPath: string,
    fallback: Catalog,
    validate: (data: unknown) => Catalog,
  ): Promise<CatalogStore> {
    const snapshot = await JsonStore.open(path, fallback, validate)
    const { journal, groups } = await CatalogJournal.open(journalPath)
    const store = new CatalogStore(snapshot, journal, await sizeOf(path))
    for (const group of groups) for (const source of group) store.put(source)
    return store
  }

  get data(): Catalog {
    return this.snapshot.data
  }

  /**
   * Saves sources: new ones are added (in this order), known ones were changed in memory by the
   * caller. Resolves once a write holding them as they are now is durable. Fail-stop, as
   * `JsonStore.update`: after a failed write every further save is refused.
   */
  save(sources: readonly Source[]): Promise<void> {
    const failed = this.writes.failed
    if (failed) return Promise.reject(failed)
    for (const source of sources) {
      this.put(source)
      this.changed.add(source)
    }
    return this.writes.flush()
  }

  /** Waits for the writes under way, then folds the journal into the snapshot. */
  async close(): Promise<void> {
    try {
      await this.writes.flush()
      if (this.journal.bytes > 0) await this.compact()
    } catch {
      // Nothing is lost: every save that was acknowledged is in the journal, read at next open.
    }
  }

  private put(source: Source): void {
    const at = this.positions.get(source.id)
    if (at !== undefined) {
      this.data.sources[at] = source
      return
    }
    this.positions.set(source.id, this.data.sources.length)
    this.data.sources.push(source)
  }

  private async commit(line: string | undefined): Promise<void> {
    if (line !== undefined) await this.journal.append(line)
    if (this.journal.bytes > Math.max(minimumCompactionBytes, this.snapshotBytes))
      await this.compact()
  }

  /**
   * The snapshot rewritten whole (with everything in memory), then the journal emptied. Only ever
   * after the journal holds every group acknowledged so far, so a crash in between replays
   * records no older than what was acknowledged.
   */
  private async compact(): Promise<void> {
    await this.snapshot.flush()
    this.snapshotBytes = await sizeOf(this.snapshot.path)
    await this.journal.clear()
  }
}

async function sizeOf(path: string): Promise<number> {
  return stat(path).then(
    (info) => info.size,
    () => 0,
  )
}
