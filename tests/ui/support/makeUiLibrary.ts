import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
// Not '../../../electron/core': its resourcesDir.ts uses `new URL('..', import.meta.url)`, which
// Vite rewrites to an http:// asset URL under the jsdom (client) transform.
import { createHandlers } from '../../../electron/core/handlers'
import { Library } from '../../../electron/core/library'
import { createClient, createMemoryTransport } from '../../../shared/rpc'
import type { TestLibrary } from '../../support/makeLibrary'

const resourcesDir = join(dirname(fileURLToPath(import.meta.url)), '../../../resources')

/** makeLibrary() for jsdom tests: a real library in a temp folder over the memory transport. */
export async function makeUiLibrary(): Promise<TestLibrary> {
  const path = await mkdtemp(join(tmpdir(), 'casefile-ui-'))
  const library = await Library.open(path, { indexPersistDelayMs: 60_000 })
  const client = createClient(
    createMemoryTransport(createHandlers(library, { resourcesDir }), library.events),
  )
  return {
    path,
    library,
    client,
    async close() {
      await library.close()
      await rm(path, { recursive: true, force: true })
    },
  }
}
