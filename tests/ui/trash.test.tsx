import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import {
  importText,
  inspectorItem,
  openSource,
  openView,
  pressUndo,
  readerPage,
  renderApp,
  statusText,
} from './support/renderApp'

async function renderWithHighlights() {
  let sourceId = ''
  const library = await renderApp(async (library) => {
    sourceId = (
      await importText(
        library,
        'ferry.txt',
        'Ferry note\n\nThe ferry left at noon with 40 trucks.\n\nCustoms checked every manifest by hand.',
      )
    ).id
  })
  await openSource('Ferry note')
  await readerPage.highlight('left at noon', 'Timing matters.')
  await readerPage.highlight('every manifest by hand', 'Slow.')
  return { library, sourceId }
}

describe('the trash', () => {
  it('lists a deleted highlight with its source, quote, comment and date; Restore brings it back', async () => {
    const { library, sourceId } = await renderWithHighlights()
    fireEvent.click(within(inspectorItem('left at noon')).getByRole('button', { name: 'Delete' }))
    await waitFor(() => expect(readerPage.marks()).toEqual(['every manifest by hand']))
    await waitFor(() => expect(screen.getByTestId('open-trash').textContent).toBe('Trash 1'))

    const view = openView('trash')
    expect(screen.queryByTestId('reader')).toBeNull()
    expect(screen.queryByRole('complementary', { name: 'Inspector' })).toBeNull()
    const item = await within(view).findByTestId('trash-item')
    expect(item.textContent).toContain('Ferry note')
    expect(item.textContent).toContain('left at noon')
    expect(item.textContent).toContain('Timing matters.')
    expect(item.textContent).toMatch(/Deleted .*\d/)

    const restore = within(item).getByRole('button', { name: 'Restore' })
    expect(restore.getAttribute('aria-describedby')).toBeTruthy()
    fireEvent.click(restore)
    await within(view).findByText('The trash is empty.')
    expect(statusText()).toContain('Highlight restored.')
    expect(screen.getByTestId('open-trash').textContent).toBe('Trash 0')

    await openSource('Ferry note')
    await waitFor(() =>
      expect(readerPage.marks()).toEqual(['left at noon', 'every manifest by hand']),
    )
    expect(inspectorItem('left at noon').textContent).toContain('Timing matters.')
    const { annotations } = await library.client.call('annotations.list', { sourceId })
    expect(annotations.map((annotation) => annotation.comment)).toEqual([
      'Timing matters.',
      'Slow.',
    ])
  })

  it('lists the most recent deletion first, and is worked from the keyboard', async () => {
    const { library } = await renderWithHighlights()
    fireEvent.click(within(inspectorItem('left at noon')).getByRole('button', { name: 'Delete' }))
    await waitFor(() => expect(readerPage.marks()).toEqual(['every manifest by hand']))
    fireEvent.click(within(inspectorItem('every manifest')).getByRole('button', { name: 'Delete' }))
    await waitFor(() => expect(readerPage.marks()).toEqual([]))

    const view = openView('trash')
    await waitFor(() => expect(within(view).getAllByTestId('trash-item')).toHaveLength(2))
    const [first, second] = within(view).getAllByRole('button', { name: 'Restore' })
    expect(within(view).getAllByTestId('trash-item')[0]?.textContent).toContain('every manifest')
    first!.focus()
    fireEvent.keyDown(first!, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(second)
    fireEvent.click(second!) // a keyboard's Enter on a button is a click
    await waitFor(() => expect(within(view).getAllByTestId('trash-item')).toHaveLength(1))
    expect(
      (await library.client.call('trash.list', {})).items.map((i) =>
        'annotation' in i ? i.annotation.comment : i.kind,
      ),
    ).toEqual(['Slow.'])
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Restore'))
  })

  it('undoes a restore: the highlight goes back to the trash', async () => {
    const { library } = await renderWithHighlights()
    fireEvent.click(within(inspectorItem('left at noon')).getByRole('button', { name: 'Delete' }))
    await waitFor(() => expect(readerPage.marks()).toEqual(['every manifest by hand']))
    const view = openView('trash')
    fireEvent.click(await within(view).findByRole('button', { name: 'Restore' }))
    await within(view).findByText('The trash is empty.')

    pressUndo()
    await within(view).findByTestId('trash-item')
    expect(statusText()).toContain('Undone: the highlight went back to the trash.')
    expect((await library.client.call('trash.list', {})).items).toHaveLength(1)
  })

  it('lists a deleted actor, event and relation by name; Restore brings the actor back', async () => {
    let actorId = ''
    const library = await renderApp(async ({ client }) => {
      const iran = await client.call('actors.create', {
        name: 'Iran',
        aliases: ['Islamic Republic of Iran'],
        kind: 'state',
      })
      actorId = iran.id
      const attack = await client.call('events.create', {
        title: '15 July cyberattack',
        occurred: { precision: 'day', start: '2022-07-15' },
      })
      const denies = await client.call('relations.create', {
        from: { kind: 'actor', id: iran.id },
        to: { kind: 'event', id: attack.id },
        type: 'denies',
        confidence: 'likely',
      })
      await client.call('relations.delete', { id: denies.id })
      await client.call('events.delete', { id: attack.id })
      await client.call('actors.delete', { id: iran.id })
    })
    await waitFor(() => expect(screen.getByTestId('open-trash').textContent).toBe('Trash 3'))

    const view = openView('trash')
    await waitFor(() => expect(within(view).getAllByTestId('trash-item')).toHaveLength(3))
    const [actor, event, relation] = within(view).getAllByTestId('trash-item')
    expect(actor?.textContent).toContain('Iran')
    expect(actor?.textContent).toContain('state')
    expect(actor?.textContent).toMatch(/Deleted .*\d/)
    expect(event?.textContent).toContain('15 July cyberattack')
    expect(event?.textContent).toContain('Event · 15 July 2022')
    expect(relation?.textContent).toContain('Iran — denies → 15 July cyberattack')

    const restore = within(actor!).getByRole('button', { name: 'Restore' })
    expect(restore.getAttribute('aria-describedby')).toBeTruthy()
    fireEvent.click(restore)
    await waitFor(() => expect(within(view).getAllByTestId('trash-item')).toHaveLength(2))
    expect(statusText()).toContain('Actor “Iran” restored.')
    expect(screen.getByTestId('open-trash').textContent).toBe('Trash 2')
    const { actors } = await library.client.call('actors.list', {})
    expect(actors.map((a) => a.id)).toEqual([actorId])
    const { hits } = await library.client.call('search.query', { query: 'islamic republic' })
    expect(hits.map((hit) => hit.id)).toEqual([actorId])

    // A relation whose event is still in the trash is refused, in words that name the event.
    fireEvent.click(within(relation!).getByRole('button', { name: 'Restore' }))
    await waitFor(() => expect(statusText()).toContain('the event “15 July cyberattack”'))
    expect(within(view).getAllByTestId('trash-item')).toHaveLength(2)

    // Undo takes back the last thing done (the restore), not the refusal.
    pressUndo()
    await waitFor(() => expect(within(view).getAllByTestId('trash-item')).toHaveLength(3))
    expect(statusText()).toContain('Undone: actor “Iran” went back to the trash.')
  })
})
