import { afterEach } from 'vitest'
import { createHandlers, Library, resourcesDir } from '../../electron/core'
import { createClient, createMemoryTransport, type Client } from '../../shared/rpc'
import { makeTempDir } from './makeLibrary'

export type Opened = { library: Library; client: Client }

/**
 * Libraries a test opens, closes and opens again on folders of its own (to damage a file between
 * two opens, say). Whatever is still open is closed after each test, and the folders removed.
 */
export function librariesOnDisk(): {
  folder(): Promise<{ path: string }>
  open(path: string): Promise<Opened>
  close(opened: Opened): Promise<void>
} {
  const folders: { remove(): Promise<void> }[] = []
  const opened: Library[] = []
  afterEach(async () => {
    for (const library of opened.splice(0)) await library.close()
    for (const folder of folders.splice(0)) await folder.remove()
  })
  return {
    async folder() {
      const dir = await makeTempDir()
      folders.push(dir)
      return dir
    },
    async open(path) {
      const library = await Library.open(path, { indexPersistDelayMs: 60_000 })
      opened.push(library)
      const client = createClient(
        createMemoryTransport(createHandlers(library, { resourcesDir }), library.events),
      )
      return { library, client }
    },
    async close({ library }) {
      opened.splice(opened.indexOf(library), 1)
      await library.close()
    },
  }
}
