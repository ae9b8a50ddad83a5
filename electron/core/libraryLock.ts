import { randomUUID } from 'node:crypto'
import { open, readFile, rm } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { CasefileError } from '../../shared/api'

type LockOwner = { pid: number; host: string; token: string; since: string }

/**
 * One process at a time per library: the desktop app, web mode and the CLI all keep the catalog
 * in memory and rewrite it whole, so a second writer would silently undo the first one's work.
 * The lock is a file created exclusively; a lock whose process is gone (on this host) is stale
 * and taken over.
 */
export class LibraryLock {
  private constructor(
    private readonly path: string,
    private readonly token: string,
  ) {}

  static async acquire(root: string): Promise<LibraryLock> {
    const path = join(root, '.lock')
    const owner: LockOwner = {
      pid: process.pid,
      host: hostname(),
      token: randomUUID(),
      since: new Date().toISOString(),
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const file = await open(path, 'wx')
        try {
          await file.writeFile(JSON.stringify(owner))
          await file.sync()
        } finally {
          await file.close()
        }
        return new LibraryLock(path, owner.token)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
        const holder = await readOwner(path)
        if (holder && isAlive(holder)) {
          throw new CasefileError(
            'library_locked',
            `The library at ${root} is already open in another Casefile (process ${holder.pid} on ${holder.host}, since ${holder.since}). Close it there first.`,
          )
        }
        await rm(path, { force: true }) // stale: its process is gone
      }
    }
    throw new CasefileError('library_locked', `The library at ${root} could not be locked.`)
  }

  /** Releases the lock if it is still ours. */
  /**
   * Gives the library up. A lock file that cannot be removed (a read-only disk) is left: it names
   * this process, which is gone once it exits, so the next opening takes it over as stale.
   */
  async release(): Promise<void> {
    const holder = await readOwner(this.path)
    if (holder?.token === this.token) await rm(this.path, { force: true }).catch(() => undefined)
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockOwner
  } catch {
    return undefined // unreadable or half-written: treated as stale
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true // another machine's process cannot be checked: respect it
  try {
    process.kill(owner.pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
