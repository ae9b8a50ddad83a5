import { readFileSync } from 'node:fs'
import { Low, type Adapter } from 'lowdb'
import { CasefileError } from '../../shared/api'
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
 * and coalesced, so many changes made while a write is under way go to disk in the next single
 * write, and each `update` resolves only once a write containing it is durable.
 */
export class JsonStore<T> {
  private writing: Promise<void> | undefined
  private pending: Promise<void> | undefined
  private failure: CasefileError | undefined

  private constructor(
    private readonly db: Low<T>,
    readonly path: string,
  ) {}

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

  /**
   * Applies a change in memory now; resolves when it is on disk. After a failed write the store
   * refuses every further change (fail-stop): memory may then hold what the disk does not, and
   * writing more on top of that could make a later, successful write persist a change whose
   * caller was told it failed.
   */
  update(change: (data: T) => void): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    change(this.db.data)
    return this.flush()
  }

  /** Resolves when everything changed so far is on disk. */
  flush(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    if (this.pending) return this.pending
    if (!this.writing) return this.startWrite()
    this.pending = this.writing.then(() => this.startWrite())
    return this.pending
  }

  private startWrite(): Promise<void> {
    this.pending = undefined
    if (this.failure) return Promise.reject(this.failure)
    const write = this.db
      .write()
      .catch((error: unknown) => {
        const why = error instanceof Error ? error.message : String(error)
        this.failure = new CasefileError('io_error', `${this.path} could not be saved (${why}).`, {
          cause: error,
        })
        throw this.failure
      })
      .finally(() => {
        if (this.writing === write) this.writing = undefined
      })
    this.writing = write
    return write
  }
}
