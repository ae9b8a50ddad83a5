import type { CasefileError } from '../../shared/api'
import { savingFailed } from './durableFile'

/**
 * The writes of one file: serialized, and coalesced (everything asked for while a write is under
 * way goes into the next single write, and each `flush` resolves once a write begun after it is
 * durable). Fail-stop: after a failed write every further one is refused, since memory may then
 * hold what the disk does not, and writing more on top could make a later, successful write
 * persist a change whose caller was told it failed.
 */
export class CoalescedWrites {
  private writing: Promise<void> | undefined
  private pending: Promise<void> | undefined
  private failure: CasefileError | undefined

  /** `write` takes what is to be written at the moment it is called, then writes it. */
  constructor(
    private readonly path: string,
    private readonly write: () => Promise<void>,
  ) {}

  /** The refusal every change gets once a write has failed, if one has. */
  get failed(): CasefileError | undefined {
    return this.failure
  }

  flush(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    if (this.pending) return this.pending
    if (!this.writing) return this.start()
    this.pending = this.writing.then(() => this.start())
    return this.pending
  }

  private start(): Promise<void> {
    this.pending = undefined
    if (this.failure) return Promise.reject(this.failure)
    const write = this.write()
      .catch((error: unknown) => {
        this.failure = savingFailed(this.path, error)
        throw this.failure
      })
      .finally(() => {
        if (this.writing === write) this.writing = undefined
      })
    this.writing = write
    return write
  }
}
