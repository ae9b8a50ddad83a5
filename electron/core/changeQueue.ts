import { CasefileError, toApiError } from '../../shared/api'
import type { SearchService } from './searchService'

/** A change made in memory, and the promise of its writes reaching the disk. */
export type Staged<T> = { result: T; saved: Promise<unknown> }

export const nothingToSave: Promise<unknown> = Promise.resolve()

/**
 * The one serialized queue every change of a library goes through: each change is checked and
 * applied in memory in turn, its writes start, and the queue moves on while the disk catches up,
 * so back-to-back changes share a write. A caller hears back only once its change is durable.
 */
export class ChangeQueue {
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false
  private failure: CasefileError | undefined
  /** The writes started by changes and not yet durable. */
  private readonly writing = new Set<Promise<unknown>>()

  constructor(private readonly search: SearchService) {}

  /**
   * Runs one change: `apply` runs in the queue, checks, changes memory and starts its writes;
   * the queue moves on, and this resolves once the writes are durable. After a failed write the
   * library accepts no more changes (memory may hold what the disk does not).
   */
  async change<T>(apply: () => Promise<Staged<T>>): Promise<T> {
    return this.search.change(async () => {
      const { result, saved } = await this.serialize(() => {
        if (this.failure) throw this.failure
        return apply()
      })
      this.writing.add(saved)
      try {
        await saved
      } catch (error) {
        this.failure = new CasefileError(
          'io_error',
          `${toApiError(error).message} To keep the library consistent, no more changes are accepted: restart Casefile once the disk problem is solved. Every change reported as saved is on disk.`,
        )
        throw this.failure
      } finally {
        this.writing.delete(saved)
      }
      return result
    })
  }

  /**
   * Runs `work` while the library takes no change: after every earlier change is on disk, before
   * any later one starts. For reading the library's files as one moment (an archive).
   */
  quiet<T>(work: () => Promise<T>): Promise<T> {
    return this.serialize(async () => {
      if (this.failure) throw this.failure
      await Promise.allSettled([...this.writing])
      return work()
    })
  }

  /** Refuses new changes and waits for the queued ones (failed or not). */
  async close(): Promise<void> {
    this.closed = true
    await this.queue.catch(() => undefined)
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed)
      return Promise.reject(new CasefileError('io_error', 'The library has been closed.'))
    const next = this.queue.then(work, work)
    this.queue = next.catch(() => undefined)
    return next
  }
}
