import { afterEach } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHandlers, Library, resourcesDir, type LibraryOptions } from '../../electron/core'
import { createClient, createMemoryTransport, type Client } from '../../shared/rpc'

export type TestLibrary = { path: string; library: Library; client: Client; close(): Promise<void> }

/** A real library in a fresh temp folder, with a client over the in-memory transport. */
export async function makeLibrary(options: LibraryOptions = {}): Promise<TestLibrary> {
  const path = await mkdtemp(join(tmpdir(), 'casefile-test-'))
  const library = await Library.open(path, options)
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

export async function makeTempDir(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'casefile-test-'))
  return { path, remove: () => rm(path, { recursive: true, force: true }) }
}

/**
 * `library()` for a test file: each call opens a fresh library in a temp folder, and every
 * library opened during a test is closed (and its folder removed) after it.
 */
export function libraryPerTest(
  options: LibraryOptions = { indexPersistDelayMs: 60_000 },
): () => Promise<TestLibrary> {
  const opened: TestLibrary[] = []
  afterEach(async () => {
    for (const t of opened.splice(0)) await t.close()
  })
  return async () => {
    const t = await makeLibrary(options)
    opened.push(t)
    return t
  }
}
