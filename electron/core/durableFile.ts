import { open, readdir, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { CasefileError } from '../../shared/api'

/** What the errors a write can meet mean, in words an analyst can act on. */
const reasons: Partial<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EIO: 'the disk reported an input/output error',
  EFBIG: 'the file is larger than the disk allows',
  EISDIR: 'a folder is where the file should be',
  ENOTDIR: 'a file is where a folder should be',
  ENOENT: 'its folder is missing',
  EMFILE: 'too many files are open',
}

/** The `io_error` of a write that failed, naming the file and the reason in words. */
export function savingFailed(path: string, error: unknown): CasefileError {
  if (error instanceof CasefileError) return error
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const words = code === undefined ? undefined : reasons[code]
  const why =
    words !== undefined && code !== undefined
      ? `${words}; ${code}`
      : error instanceof Error
        ? error.message
        : String(error)
  return new CasefileError('io_error', `${path} could not be saved (${why}).`, { cause: error })
}

/**
 * Writes a file so that after this resolves it survives a crash or power cut: the bytes go to a
 * temporary file that is fsynced, renamed over the target (atomic on one file system), and the
 * folder is fsynced so the rename itself is durable. A reader sees the old or the new file, never
 * half of one.
 */
export async function writeFileDurably(path: string, data: string | Uint8Array): Promise<void> {
  await writeFileAtomically(path, data)
  await syncFolder(dirname(path)).catch((error: unknown) => {
    throw savingFailed(path, error)
  })
}

/**
 * `writeFileDurably` without the folder fsync: the file's bytes are durable, but its name is
 * only once its folder has been fsynced (see `FolderSync`), so many files can share that fsync.
 */
export async function writeFileAtomically(path: string, data: string | Uint8Array): Promise<void> {
  // Fails with `savingFailed`'s io_error, as does `writeFileDurably`.
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  try {
    const file = await open(temporary, 'w')
    try {
      await file.writeFile(data)
      await file.sync()
    } finally {
      await file.close()
    }
    await rename(temporary, path)
  } catch (error) {
    // Nothing half-written stays behind (a full disk leaves a cut-short temporary file).
    await rm(temporary, { force: true }).catch(() => undefined)
    throw savingFailed(path, error)
  }
}

/** The name `writeFileAtomically` gives its temporary file: `<target>.<pid>.<random>.tmp`. */
const temporaryName = /\.\d+\.[a-z0-9]+\.tmp$/

/**
 * Removes the temporary files a killed writer left in a folder (not below it): never data, since
 * a write counts only once renamed, but each crash in mid-write leaves one. Only for a folder no
 * one writes to (the library's lock held, before its first change). Returns how many it removed.
 */
export async function removeTemporaryFiles(folder: string): Promise<number> {
  const names = await readdir(folder).catch(() => [])
  const leftovers = names.filter((name) => temporaryName.test(name))
  await Promise.all(leftovers.map((name) => rm(join(folder, name), { force: true })))
  return leftovers.length
}

/** Makes the names created, renamed or removed in a folder durable. */
export async function syncFolder(path: string): Promise<void> {
  const folder = await open(path, 'r')
  try {
    await folder.sync()
  } catch {
    // Some file systems (and Windows) cannot fsync a directory; the rename is still atomic.
  } finally {
    await folder.close()
  }
}

/**
 * The fsyncs of one folder, shared: `sync()` resolves once an fsync that began after the call
 * has completed, so every name made in the folder before the call is durable. Callers arriving
 * while an fsync is under way share the next one.
 */
export class FolderSync {
  private running: Promise<void> | undefined
  private next: Promise<void> | undefined

  constructor(readonly path: string) {}

  sync(): Promise<void> {
    if (this.next) return this.next
    if (!this.running) return this.start()
    this.next = this.running.then(
      () => this.start(),
      () => this.start(),
    )
    return this.next
  }

  private start(): Promise<void> {
    this.next = undefined
    const running = syncFolder(this.path).finally(() => {
      if (this.running === running) this.running = undefined
    })
    this.running = running
    return running
  }
}
