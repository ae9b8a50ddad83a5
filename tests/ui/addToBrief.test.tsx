import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { App } from '../../renderer/src/app/App'
import { draftOf } from '../../renderer/src/features/briefs/useBriefs'
import type { MethodInput } from '../../shared/api'
import { describeRange } from '../../shared/anchoring'
import type { Client } from '../../shared/rpc'
import type { TestLibrary } from '../support/makeLibrary'
import { renderOverLibrary } from './support/renderOverLibrary'
import { openSource, statusText } from './support/renderApp'

const phrase = 'The pilot boat left before dawn'
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A client that keeps what each `briefs.save` was asked, to read back. */
function recordingSaves(client: Client, saves: Array<MethodInput<'briefs.save'>>): Client {
  return {
    ...client,
    call: (method, input) => {
      if (method === 'briefs.save') saves.push(input as MethodInput<'briefs.save'>)
      return client.call(method, input)
    },
    on: (event, listener) => client.on(event, listener),
  }
}

/** A source with one highlight, and two briefs: “Older brief”, then “Newer brief”. */
async function seed({ client }: TestLibrary) {
  const text = `Harbour log\n\n${phrase}.`
  const { source } = await client.call('sources.import', { fileName: 'harbour.txt', text })
  const body = (await client.call('sources.get', { id: source.id })).text
  const start = body.indexOf(phrase)
  const annotation = await client.call('annotations.create', {
    sourceId: source.id,
    quote: describeRange(body, start, start + phrase.length),
    position: { start, end: start + phrase.length },
  })
  const older = await client.call('briefs.save', {
    title: 'Older brief',
    scope: { annotationIds: ['kept-from-before'] },
  })
  await pause(5) // the newer brief is changed later
  const newer = await client.call('briefs.save', { title: 'Newer brief' })
  return { annotation, older, newer }
}

async function openMenu() {
  const card = await screen.findByTestId('inspector-item')
  fireEvent.click(within(card).getByTestId('add-to-brief'))
  const menu = await screen.findByTestId('add-to-brief-menu')
  await waitFor(() => expect(within(menu).getAllByTestId('add-to-brief-item')).toHaveLength(2))
  return menu
}

describe('“Add to brief…” on a highlight', () => {
  it('lists the briefs newest first, and Enter on one saves it with the passage added', async () => {
    const saves: Array<MethodInput<'briefs.save'>> = []
    const { client, seeded } = await renderOverLibrary(seed, <App />, (inner) =>
      recordingSaves(inner, saves),
    )
    await openSource('harbour.txt')
    const menu = await openMenu()
    const items = within(menu).getAllByRole('menuitem')
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining('Newer brief'),
      expect.stringContaining('Older brief'),
      expect.stringContaining('New brief'),
    ])
    await waitFor(() => expect(document.activeElement).toBe(items[0]))

    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(items[1])
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' })

    await waitFor(() => expect(statusText()).toContain('Added to “Older brief”.'))
    expect(screen.queryByTestId('add-to-brief-menu')).toBeNull()
    expect(saves).toHaveLength(1)
    const [saved] = saves
    expect(saved?.id).toBe(seeded.older.id)
    expect(saved?.title).toBe('Older brief')
    expect(saved?.scope?.annotationIds).toEqual(['kept-from-before', seeded.annotation.id])
    expect(saved).not.toHaveProperty('createdAt')
    expect(saved).not.toHaveProperty('updatedAt')
    const { briefs } = await client.call('briefs.list', {})
    expect(briefs.find((brief) => brief.id === seeded.newer.id)?.scope.annotationIds).toEqual([])
  })

  it('says so, and saves nothing, when the brief has the passage already', async () => {
    const saves: Array<MethodInput<'briefs.save'>> = []
    await renderOverLibrary(seed, <App />, (inner) => recordingSaves(inner, saves))
    await openSource('harbour.txt')
    fireEvent.keyDown((await openMenu()).querySelector('[role="menuitem"]')!, { key: 'Enter' })
    await waitFor(() => expect(statusText()).toContain('Added to “Newer brief”.'))

    const menu = await openMenu()
    const first = within(menu).getAllByTestId('add-to-brief-item')[0]!
    expect(first.textContent).toContain('has this passage')
    await waitFor(() => expect(document.activeElement).toBe(first))
    fireEvent.keyDown(first, { key: 'Enter' })
    await waitFor(() => expect(statusText()).toContain('This passage is already in “Newer brief”.'))
    expect(saves).toHaveLength(1)
    expect(screen.queryByTestId('status-action')).toBeNull() // nothing to undo
  })

  it('Undo takes out only the passage it added', async () => {
    const { client, seeded } = await renderOverLibrary(seed, <App />)
    await openSource('harbour.txt')
    fireEvent.click(within(await openMenu()).getAllByTestId('add-to-brief-item')[1]!)
    await waitFor(() => expect(statusText()).toContain('Added to “Older brief”.'))
    // Changed meanwhile (in the composer, say): the change stays after Undo.
    const older = (await client.call('briefs.list', {})).briefs.find(
      (brief) => brief.id === seeded.older.id,
    )
    expect(older?.scope.annotationIds).toEqual(['kept-from-before', seeded.annotation.id])
    await client.call('briefs.save', {
      ...draftOf(older!),
      id: seeded.older.id,
      title: 'Renamed brief',
    })
    fireEvent.click(screen.getByTestId('status-action'))
    await waitFor(() =>
      expect(statusText()).toContain('Undone: the passage is out of “Renamed brief” again.'),
    )
    const { briefs } = await client.call('briefs.list', {})
    const after = briefs.find((brief) => brief.id === seeded.older.id)
    expect(after?.title).toBe('Renamed brief')
    expect(after?.scope.annotationIds).toEqual(['kept-from-before'])
  })
})
