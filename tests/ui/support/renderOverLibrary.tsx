import './jsdomPolyfills'
import { cleanup, configure, render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { afterEach } from 'vitest'
import { ClientProvider } from '../../../renderer/src/app/clientContext'
import type { Client } from '../../../shared/rpc'
import { makeLibrary, type TestLibrary } from '../../support/makeLibrary'

// Every save is fsynced by the real core; with all UI files running at once that can take over
// the default second, so waiting gives up later (a wrong screen still fails, only later).
configure({ asyncUtilTimeout: 5000 })

const open: TestLibrary[] = []
afterEach(async () => {
  cleanup()
  for (const library of open.splice(0)) await library.close()
  window.getSelection()?.removeAllRanges()
})

/**
 * `ui` over a real library in a temp folder, through the in-memory transport; `seed` fills the
 * library first. The library is closed after the test.
 */
export async function renderOverLibrary<T>(
  seed: (library: TestLibrary) => Promise<T>,
  ui: ReactElement,
  /** What the UI talks to, made from the library's client (to watch its calls, say). */
  through: (client: Client) => Client = (client) => client,
): Promise<{ library: TestLibrary; client: Client; seeded: T }> {
  const library = await makeLibrary({ indexPersistDelayMs: 60_000 })
  open.push(library)
  const seeded = await seed(library)
  render(<ClientProvider client={through(library.client)}>{ui}</ClientProvider>)
  return { library, client: library.client, seeded }
}

/** `ui` over a library whose every call fails with `reason`, as a disk gone away would. */
export async function renderFailing(ui: ReactElement, reason: string): Promise<void> {
  const library = await makeLibrary({ indexPersistDelayMs: 60_000 })
  open.push(library)
  const failing: Client = {
    ...library.client,
    call: () => Promise.reject(new Error(reason)),
    on: (event, listener) => library.client.on(event, listener),
  }
  render(<ClientProvider client={failing}>{ui}</ClientProvider>)
}
