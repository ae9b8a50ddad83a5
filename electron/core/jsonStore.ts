import { readFileSync } from 'node:fs'
import { Low, type Adapter } from 'lowdb'
import { CasefileError } from '../../shared/api'
import { CoalescedWrites } from './coalescedWrites'
import { writeFileDurably } from './durableFile'

/** lowdb's adapter, written durably (lowdb's own steno writer does not fsync). */
class DurableJsonFile<T> implements Adapter<T> {
  constructor(private readonly path: string) {}

  async read(): Promise<T | null> {
    let raw: string
    try {
      // At once: these files are small (an annotation file), or read once (the catalog), and search
      // opens many of them per query, where reads through the thread pool cost more than the read.
      raw = readFileSync(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    const data: unknown = JSON.parse(raw)
    // lowdb would treat null, false or 0 as "no data yet" and overwrite the file with defaults.
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new Error('it does not hold a JSON object')
    }
    return data as T
  }

  async write(data: T): Promise<void> {
    await writeFileDurably(this.path, JSON.stringify(data))
  }
}

/**
 * One lowdb file with exactly one writer. Changes apply to memory at once; writes are serialized
 * and coalesced (`CoalescedWrites`), and each `update` resolves only once a write containing it is
 * durable.
 */
export class JsonStore<T> {
  private readonly writes: CoalescedWrites

  private constructor(
    private readonly db: Low<T>,
    readonly path: string,
  ) {
    this.writes = new CoalescedWrites(path, () => db.write())
  }

  /** Opens a store, refusing (and leaving untouched) a file that does not parse or validate. */
  static async open<T>(
    path: string,
    fallback: T,
    validate: (data: unknown) => T,
  ): Promise<JsonStore<T>> {
    const db = new Low<T>(new DurableJsonFile<T>(path), fallback)
    try {
      await db.read()
      db.data = validate(db.data)
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error)
      throw new CasefileError(
        'library_corrupt',
        `${path} cannot be read (${why}). It has been left untouched.`,
        {
          cause: error,
        },
      )
    }
    return new JsonStore(db, path)
  }

  get data(): T {
    return this.db.data
  }

  /** Applies a change in memory now; resolves when it is on disk (fail-stop, see `CoalescedWrites`). */
  update(change: (data: T) => void): Promise<void> {
    const failed = this.writes.failed
    if (failed) return Promise.reject(failed)
    change(this.db.data)
    return this.writes.flush()
  }

  /** Resolves when everything changed so far is on disk. */
  flush(): Promise<void> {
    return this.writes.flush()
  }
}
