import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { importText, inspectorItem, openSource, readerPage, renderApp } from './support/renderApp'

async function renderWithHighlight() {
  let sourceId = ''
  const library = await renderApp(async (library) => {
    sourceId = (
      await importText(library, 'note.txt', 'Ferry note\n\nThe ferry left at noon with 40 trucks.')
    ).id
  })
  await openSource('Ferry note')
  await readerPage.highlight('left at noon', 'Timing matters.')
  return { library, sourceId }
}

describe('the inspector', () => {
  it('edits the comment of a highlight', async () => {
    const { library, sourceId } = await renderWithHighlight()
    const item = inspectorItem('left at noon')
    fireEvent.click(within(item).getByRole('button', { name: 'Edit' }))
    const box = within(item).getByTestId('inspector-comment')
    fireEvent.change(box, { target: { value: 'Timing confirmed by the harbour master.' } })
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true })
    await waitFor(() =>
      expect(inspectorItem('left at noon').textContent).toContain(
        'Timing confirmed by the harbour master.',
      ),
    )
    const { annotations } = await library.client.call('annotations.list', { sourceId })
    expect(annotations[0]?.comment).toBe('Timing confirmed by the harbour master.')
  })

  it('moves a deleted highlight to the trash and says so', async () => {
    const { library, sourceId } = await renderWithHighlight()
    fireEvent.click(within(inspectorItem('left at noon')).getByRole('button', { name: 'Delete' }))
    await waitFor(() => expect(screen.queryAllByTestId('inspector-item')).toHaveLength(0))
    expect(screen.getByTestId('status').textContent).toMatch(/trash/)
    expect(readerPage.marks()).toEqual([])
    expect((await library.client.call('annotations.list', { sourceId })).annotations).toHaveLength(
      0,
    )
    expect((await library.client.call('library.info', {})).counts.trash).toBe(1)
  })

  it('selects a highlight in the reader when chosen in the inspector', async () => {
    await renderWithHighlight()
    fireEvent.click(
      within(inspectorItem('left at noon')).getByRole('button', { name: /left at noon/ }),
    )
    const mark = readerPage.reader().querySelector('mark.highlight--selected')
    expect(mark?.textContent).toBe('left at noon')
  })
})
