import { readFileSync } from 'node:fs'
import { Low, type Adapter } from 'lowdb'
import { z } from 'zod'
import { CasefileError, describeZodError } from '../../shared/api'
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
    return parseJsonObject(raw) as T
  }

  async write(data: T): Promise<void> {
    await writeFileDurably(this.path, JSON.stringify(data))
  }
}

/** The JSON object a file holds, or an error saying in words what is wrong with it. */
export function parseJsonObject(raw: string): object {
  if (raw.trim() === '') throw new Error('it is empty')
  let data: unknown
  try {
    data = JSON.parse(raw)
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new Error(
      isCutShort(raw, why)
        ? 'it is cut short: the JSON ends before it is complete'
        : `it is not valid JSON (${why})`,
    )
  }
  // lowdb would treat null, false or 0 as "no data yet" and overwrite the file with defaults.
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error('it does not hold a JSON object')
  }
  return data
}

/** Whether JSON failed only for want of its end: a file truncated by a crash or a full disk. */
function isCutShort(raw: string, why: string): boolean {
  if (/end of JSON input|Unterminated string/i.test(why)) return true
  const at = /at position (\d+)/.exec(why)
  return at !== null && Number(at[1]) >= raw.trimEnd().length
}

/** "what is wrong" in words, for any error reading or validating a file. */
export function describeProblem(error: unknown): string {
  if (error instanceof z.ZodError)
    return `it does not hold what Casefile expects (${describeZodError(error)})`
  return error instanceof Error ? error.message : String(error)
}

/** A file that cannot be read: which, what is wrong, and what cannot be used until it is restored. */
export type PartDamage = { path: string; problem: string; unavailable: string }

/** What the library asks of a part it can open without: is it damaged, and read it again. */
export type StorePart = { readonly damage: PartDamage | undefined; reload(): Promise<void> }

/**
 * One lowdb file with exactly one writer. Changes apply to memory at once; writes are serialized
 * and coalesced (`CoalescedWrites`), and each `update` resolves only once a write containing it is
 * durable.
 *
 * A store opened as a *part* of the library (`openPart`) whose file does not parse or validate is
 * kept, damaged: reading its data or changing it is refused with the error naming the file, and
 * the file is never written, until `reload` finds it good (after a backup was put back).
 */
export class JsonStore<T> {
  private readonly writes: CoalescedWrites
  private changes = 0
  private damaged: { error: CasefileError; damage: PartDamage } | undefined

  private constructor(
    private readonly db: Low<T>,
    readonly path: string,
    private readonly validate: (data: unknown) => T,
  ) {
    this.writes = new CoalescedWrites(path, () => db.write())
  }

  /** Opens a store, refusing (and leaving untouched) a file that does not parse or validate. */
  static async open<T>(
    path: string,
    fallback: T,
    validate: (data: unknown) => T,
  ): Promise<JsonStore<T>> {
    const store = new JsonStore(new Low<T>(new DurableJsonFile<T>(path), fallback), path, validate)
    const problem = await store.read()
    if (problem !== undefined) throw unreadable(path, problem.why, problem.error)
    return store
  }

  /**
   * Opens a part of the library that the rest can do without: a damaged file does not refuse the
   * open but gives a damaged store, whose every use says `unavailable` cannot be used (see above).
   */
  static async openPart<T>(
    path: string,
    fallback: T,
    validate: (data: unknown) => T,
    unavailable: string,
  ): Promise<JsonStore<T>> {
    const store = new JsonStore(new Low<T>(new DurableJsonFile<T>(path), fallback), path, validate)
    const problem = await store.read()
    if (problem !== undefined) {
      const error = new CasefileError(
        'library_corrupt',
        `${path} cannot be read (${problem.why}). It has been left untouched; ${unavailable} ` +
          'cannot be used until it is restored from a backup.',
        { cause: problem.error },
      )
      store.damaged = { error, damage: { path, problem: problem.why, unavailable } }
    }
    return store
  }

  /** What is wrong with the file, when it could not be read; undefined when it is in use. */
  get damage(): PartDamage | undefined {
    return this.damaged?.damage
  }

  /** Throws the refusal that names the file, if it is damaged. */
  requireReadable(): void {
    if (this.damaged) throw this.damaged.error
  }

  get data(): T {
    this.requireReadable()
    return this.db.data
  }

  /**
   * Counts the changes applied to `data` and the times it was read from the file: what is worked
   * out from the data (a lookup by id) is good while this stays the same.
   */
  get revision(): number {
    return this.changes
  }

  /** Applies a change in memory now; resolves when it is on disk (fail-stop, see `CoalescedWrites`). */
  update(change: (data: T) => void): Promise<void> {
    if (this.damaged) return Promise.reject(this.damaged.error)
    const failed = this.writes.failed
    if (failed) return Promise.reject(failed)
    try {
      change(this.db.data)
    } finally {
      this.changes++ // after the change: what a change works out during it is not kept
    }
    return this.writes.flush()
  }

  /** Resolves when everything changed so far is on disk. */
  flush(): Promise<void> {
    if (this.damaged) return Promise.resolve()
    return this.writes.flush()
  }

  /**
   * Reads a damaged store's file again (once a good copy was put back): in use again if it now
   * parses and validates, else refused with what is wrong now. A store in use is left as it is.
   */
  async reload(): Promise<void> {
    if (!this.damaged) return
    const problem = await this.read()
    if (problem !== undefined) throw unreadable(this.path, problem.why, problem.error)
    this.damaged = undefined
  }

  private async read(): Promise<{ why: string; error: unknown } | undefined> {
    try {
      await this.db.read()
      this.db.data = this.validate(this.db.data)
      this.changes++
      return undefined
    } catch (error) {
      return { why: describeProblem(error), error }
    }
  }
}

function unreadable(path: string, why: string, cause: unknown): CasefileError {
  return new CasefileError(
    'library_corrupt',
    `${path} cannot be read (${why}). It has been left untouched.`,
    {
      cause,
    },
  )
}
