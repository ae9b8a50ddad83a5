import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { App } from '../../renderer/src/app/App'
import type { Source } from '../../shared/model'
import type { Client } from '../../shared/rpc'
import { mergeSources } from '../../renderer/src/features/library/useSources'
import { openSource, sourceItems } from './support/renderApp'
import { renderOverLibrary } from './support/renderOverLibrary'

/**
 * The window's client, counting the calls it makes; while `held` is a list, the core's events
 * wait in it instead of reaching the window, so a test can hand them over all at once.
 */
function watched(client: Client, calls: Map<string, number>, hold: { held?: Array<() => void> }) {
  const through: Client = {
    call: (method, input) => {
      calls.set(method, (calls.get(method) ?? 0) + 1)
      return client.call(method, input)
    },
    on: (event, listener) =>
      client.on(event, (payload) => {
        if (hold.held) hold.held.push(() => listener(payload))
        else listener(payload)
      }),
  }
  return through
}

const libraryCount = () => document.querySelector('#library-heading .count')?.textContent
const status = () => screen.getByTestId('status').textContent ?? ''

describe('a burst of changes', () => {
  it('re-reads the list and the open source at most twice for 50 imports, and lists them all', async () => {
    const calls = new Map<string, number>()
    const hold: { held?: Array<() => void> } = {}
    const { library } = await renderOverLibrary(
      (library) =>
        library.client.call('sources.import', {
          fileName: 'harbour-log.txt',
          text: 'Harbour log\n\nThe gates closed at noon.',
        }),
      <App />,
      (client) => watched(client, calls, hold),
    )
    await openSource('Harbour log')

    // 50 files come in (as an import elsewhere would bring them); their 50 changes arrive at once.
    hold.held = []
    for (let n = 1; n <= 50; n++) {
      await library.client.call('sources.import', {
        fileName: `note-${n}.txt`,
        text: `Note ${n}\n\nThe body of note ${n}.`,
      })
    }
    const burst = hold.held
    delete hold.held
    expect(burst.length).toBeGreaterThanOrEqual(50)
    calls.clear()
    for (const deliver of burst) deliver()
    // One re-read each may start at once; the other 49 changes wait for a single one after it.
    expect(calls.get('sources.list') ?? 0).toBeLessThanOrEqual(1)
    expect(calls.get('annotations.list') ?? 0).toBeLessThanOrEqual(1)

    await waitFor(() => expect(libraryCount()).toBe('51'))
    // The list is virtualised: the rows in the page say how long it is, newest first.
    const rows = sourceItems()
    expect(rows[0]?.textContent).toContain('Note 50')
    expect(rows[0]?.closest('li')?.getAttribute('aria-setsize')).toBe('51')
    // Time for the waiting re-reads to have run (they wait 250 ms), then count them all.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    for (const method of [
      'sources.list',
      'library.info',
      'annotations.list',
      'annotations.health',
      'mentions.find',
    ])
      expect({ method, calls: calls.get(method) ?? 0 }).toEqual({
        method,
        calls: expect.toSatisfy((n: number) => n <= 2) as number,
      })
    expect(screen.getByTestId('reader').textContent).toContain('The gates closed at noon.')
  })

  it('reads only the sources a change names, not the whole list, and keeps the list in order', async () => {
    const lists: unknown[] = []
    const { library } = await renderOverLibrary(
      (library) =>
        library.client.call('sources.import', {
          fileName: 'harbour-log.txt',
          text: 'Harbour log\n\nThe gates closed at noon.',
        }),
      <App />,
      (client) => ({
        call: (method, input) => {
          if (method === 'sources.list') lists.push(input)
          return client.call(method, input)
        },
        on: (event, listener) => client.on(event, listener),
      }),
    )
    await waitFor(() => expect(libraryCount()).toBe('1'))
    const harbour = (await library.client.call('sources.list', {})).sources[0]
    lists.length = 0
    const quay = await library.client.call('sources.import', {
      fileName: 'quay.txt',
      text: 'Quay report\n\nSmoke over the quay.',
    })
    await library.client.call('sources.update', { id: harbour?.id ?? '', tags: ['gates'] })
    await waitFor(() => expect(libraryCount()).toBe('2'))
    await waitFor(() =>
      expect(lists.flatMap((input) => (input as { ids?: string[] }).ids ?? []).sort()).toEqual(
        [harbour?.id, quay.source.id].sort(),
      ),
    )
    expect(lists.every((input) => Array.isArray((input as { ids?: string[] }).ids))).toBe(true)
    expect(sourceItems()[0]?.textContent).toContain('Quay report')
    expect(sourceItems()[1]?.textContent).toContain('Harbour log')
  })

  it('puts sources read again in place, and new ones at the top', () => {
    const source = (id: string, title: string) => ({ id, title }) as Source
    const known = [source('b', 'B'), source('a', 'A')]
    expect(mergeSources(known, [source('c', 'C'), source('a', 'A, tagged')])).toEqual([
      source('c', 'C'),
      source('b', 'B'),
      source('a', 'A, tagged'),
    ])
    expect(mergeSources(known, [])).toEqual(known)
  })

  it('refuses a file over 50 MB by its size, without reading it, and imports the others', async () => {
    const calls = new Map<string, number>()
    await renderOverLibrary(
      async () => {},
      <App />,
      (client) => watched(client, calls, {}),
    )
    await screen.findByTestId('welcome')
    const huge = new File([new Uint8Array(50 * 1024 * 1024 + 1)], 'huge.txt')
    const small = new File(['Small note\n\nIt fits.'], 'small.txt')
    fireEvent.change(screen.getByTestId('import-input'), { target: { files: [huge, small] } })
    await waitFor(() => expect(status()).toBe('Imported 1 file; 1 file could not be imported.'))
    expect(screen.getByRole('alert').textContent).toContain(
      'huge.txt is 50 MB; files over 50 MB cannot be imported.',
    )
    expect(calls.get('sources.import')).toBe(1)
  })
})
