import { open, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * Writes a file so that after this resolves it survives a crash or power cut: the bytes go to a
 * temporary file that is fsynced, renamed over the target (atomic on one file system), and the
 * folder is fsynced so the rename itself is durable. A reader sees the old or the new file, never
 * half of one.
 */
export async function writeFileDurably(path: string, data: string | Uint8Array): Promise<void> {
  await writeFileAtomically(path, data)
  await syncFolder(dirname(path))
}

/**
 * `writeFileDurably` without the folder fsync: the file's bytes are durable, but its name is
 * only once its folder has been fsynced (see `FolderSync`), so many files can share that fsync.
 */
export async function writeFileAtomically(path: string, data: string | Uint8Array): Promise<void> {
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
    await rm(temporary, { force: true })
    throw error
  }
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
