import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import {
  importText,
  inspectorItem,
  openSource,
  pressUndo,
  readerPage,
  renderApp,
  statusText,
} from './support/renderApp'

async function renderWithArticle() {
  let sourceId = ''
  const library = await renderApp(async (library) => {
    sourceId = (
      await importText(library, 'note.txt', 'Ferry note\n\nThe ferry left at noon with 40 trucks.')
    ).id
  })
  await openSource('Ferry note')
  const annotations = async () =>
    (await library.client.call('annotations.list', { sourceId })).annotations
  const trash = async () => (await library.client.call('trash.list', {})).items
  return { annotations, trash }
}

describe('undo', () => {
  it('undoes a new highlight from the status bar: it goes to the trash', async () => {
    const { annotations, trash } = await renderWithArticle()
    await readerPage.highlightWithKey('left at noon')
    await waitFor(() => expect(statusText()).toContain('Highlight saved.'))
    const undo = within(screen.getByTestId('status')).getByRole('button', { name: 'Undo' })
    fireEvent.click(undo)
    await waitFor(() => expect(readerPage.marks()).toEqual([]))
    expect(statusText()).toContain('Undone: the new highlight went to the trash.')
    expect(within(screen.getByTestId('status')).queryByRole('button', { name: 'Undo' })).toBeNull()
    // The popover that offered a comment on it goes with it.
    await waitFor(() => expect(screen.queryByTestId('highlight-comment')).toBeNull())
    expect(await annotations()).toEqual([])
    expect(await trash()).toHaveLength(1)
  })

  it('undoes a deletion with Ctrl+Z: the highlight is back where it was', async () => {
    const { annotations } = await renderWithArticle()
    await readerPage.highlight('left at noon', 'Timing matters.')
    fireEvent.click(within(inspectorItem('left at noon')).getByRole('button', { name: 'Delete' }))
    await waitFor(() => expect(readerPage.marks()).toEqual([]))
    expect(statusText()).toMatch(/trash.*Undo$/)

    pressUndo()
    await waitFor(() => expect(readerPage.marks()).toEqual(['left at noon']))
    expect(statusText()).toContain('Undone: the highlight is back from the trash.')
    expect(inspectorItem('left at noon').textContent).toContain('Timing matters.')
    expect(await annotations()).toEqual([
      expect.objectContaining({ comment: 'Timing matters.', deletedAt: null }),
    ])
  })

  it('undoes an edit: the earlier comment, tags and colour come back', async () => {
    const { annotations } = await renderWithArticle()
    await readerPage.highlight('left at noon', 'Timing matters.')
    const card = inspectorItem('left at noon')
    fireEvent.click(within(card).getByRole('button', { name: 'Edit' }))
    fireEvent.change(within(card).getByTestId('inspector-comment'), {
      target: { value: 'Wrong: it left at one.' },
    })
    fireEvent.change(within(card).getByTestId('inspector-tags'), { target: { value: 'timing,' } })
    fireEvent.click(within(card).getByRole('radio', { name: 'Blue' }))
    fireEvent.click(within(card).getByTestId('inspector-save'))
    await waitFor(() => expect(statusText()).toContain('Comment, tags and colour saved.'))
    expect(inspectorItem('left at noon').querySelector('textarea')).toBeNull()
    expect(inspectorItem('left at noon').textContent).toContain('it left at one')

    pressUndo()
    await waitFor(() =>
      expect(inspectorItem('left at noon').textContent).toContain('Timing matters.'),
    )
    expect(statusText()).toContain('Undone: the earlier comment, tags and colour came back.')
    expect(await annotations()).toEqual([
      expect.objectContaining({ comment: 'Timing matters.', tags: [], color: 'yellow' }),
    ])
    expect(readerPage.mark('left at noon').className).not.toContain('blue')
  })

  it('keeps one level only, and leaves Ctrl+Z in a text field to the field', async () => {
    const { annotations } = await renderWithArticle()
    await readerPage.highlight('left at noon', 'Timing matters.')
    fireEvent.keyDown(screen.getByTestId('search-input'), { key: 'z', ctrlKey: true })
    expect(await annotations()).toHaveLength(1)

    pressUndo()
    await waitFor(() => expect(readerPage.marks()).toEqual([]))
    pressUndo()
    await waitFor(() => expect(statusText()).toContain('Nothing to undo.'))
    expect(await annotations()).toEqual([])
  })
})
