import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { importText, inspectorItem, openSource, readerPage, renderApp } from './support/renderApp'

const article = [
  'Port of Veldhaven halts cargo',
  '',
  'The port suspended container handling on Friday morning.',
  '',
  'A group calling itself Harbour Spider claimed responsibility on a leak site on Saturday.',
].join('\n')

async function renderWithArticle() {
  let sourceId = ''
  const library = await renderApp(async (library) => {
    sourceId = (await importText(library, 'port.txt', article)).id
  })
  await openSource('Port of Veldhaven halts cargo')
  const annotations = async () =>
    (await library.client.call('annotations.list', { sourceId })).annotations
  return { library, sourceId, annotations }
}

describe('highlighting from the keyboard', () => {
  it('highlights the selection at once with h: yellow, no comment, nothing to click', async () => {
    const { annotations } = await renderWithArticle()
    readerPage.select('Friday morning', 'keyboard')
    fireEvent.keyDown(document.body, { key: 'h' })

    await waitFor(() => expect(readerPage.marks()).toEqual(['Friday morning']))
    expect(await annotations()).toEqual([
      expect.objectContaining({ comment: '', tags: [], color: 'yellow' }),
    ])
    expect(readerPage.mark('Friday morning').className).not.toMatch(/pending/)
    expect(inspectorItem('Friday morning').textContent).toContain('No comment')
    expect(window.getSelection()?.isCollapsed).toBe(true)
  })

  it('offers a comment on the fresh highlight without taking the keyboard; c goes there', async () => {
    const { annotations } = await renderWithArticle()
    await readerPage.highlightWithKey('Friday morning')
    const box = await screen.findByTestId('highlight-comment')
    expect(document.activeElement).not.toBe(box)
    expect(screen.getByRole('dialog').textContent).toContain('Highlighted.')

    fireEvent.keyDown(document.body, { key: 'c' })
    await waitFor(() => expect(document.activeElement).toBe(box))
    fireEvent.change(box, { target: { value: 'Before the claim.' } })
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true })
    await waitFor(() => expect(screen.queryByTestId('highlight-comment')).toBeNull())
    expect(await annotations()).toEqual([expect.objectContaining({ comment: 'Before the claim.' })])
    expect((await annotations()).length).toBe(1)
  })

  it('leaves the fresh highlight alone when its popover is closed with Escape', async () => {
    const { annotations } = await renderWithArticle()
    await readerPage.highlightWithKey('container handling')
    await screen.findByTestId('highlight-comment')
    fireEvent.keyDown(document.body, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByTestId('highlight-comment')).toBeNull())
    expect(readerPage.marks()).toEqual(['container handling'])
    expect(await annotations()).toHaveLength(1)
  })

  it('ignores h and c typed in a text field', async () => {
    const { annotations } = await renderWithArticle()
    readerPage.select('Friday morning', 'keyboard')
    const search = screen.getByTestId('search-input')
    fireEvent.keyDown(search, { key: 'h' })
    fireEvent.keyDown(search, { key: 'c' })
    expect(screen.queryByTestId('highlight-comment')).toBeNull()
    expect(await annotations()).toEqual([])
  })
})

describe('the highlight popover', () => {
  it('saves tags typed with commas as chips, and the colour chosen', async () => {
    const { annotations } = await renderWithArticle()
    readerPage.select('Harbour Spider claimed responsibility')
    const dialog = await screen.findByRole('dialog')
    fireEvent.change(within(dialog).getByTestId('highlight-comment'), {
      target: { value: 'First public claim.' },
    })
    const tags = within(dialog).getByTestId('highlight-tags')
    fireEvent.change(tags, { target: { value: 'claim, Harbour Spider,' } })
    expect(chipTexts(dialog)).toEqual(['claim', 'Harbour Spider'])
    expect((tags as HTMLInputElement).value).toBe('')
    fireEvent.change(tags, { target: { value: 'leak site' } }) // not yet a chip: saved all the same

    const colours = within(dialog).getByRole('group', { name: 'Colour' })
    expect(
      within(colours)
        .getAllByRole('radio')
        .map((radio) => radio.closest('label')?.textContent),
    ).toEqual(['Yellow', 'Green', 'Blue', 'Pink', 'Purple'])
    expect(within(colours).getByRole('radio', { name: 'Yellow' })).toHaveProperty('checked', true)
    fireEvent.click(within(colours).getByRole('radio', { name: 'Pink' }))
    fireEvent.click(within(dialog).getByTestId('highlight-save'))

    await waitFor(() =>
      expect(readerPage.mark('Harbour Spider claimed responsibility').className).toMatch(
        /^highlight highlight--pink( highlight--selected)?$/,
      ),
    )
    expect(await annotations()).toEqual([
      expect.objectContaining({
        comment: 'First public claim.',
        tags: ['claim', 'Harbour Spider', 'leak site'],
        color: 'pink',
      }),
    ])
    const card = inspectorItem('Harbour Spider claimed')
    expect(card.className).toContain('annotation-card--pink')
    expect(within(card).getByRole('list', { name: 'Tags' }).textContent).toBe(
      'claimHarbour Spiderleak site',
    )
  })

  it('takes a chip back with Backspace and removes one with its button', async () => {
    await renderWithArticle()
    readerPage.select('container handling')
    const dialog = await screen.findByRole('dialog')
    const tags = within(dialog).getByTestId('highlight-tags')
    fireEvent.change(tags, { target: { value: 'ports, logistics, ' } })
    fireEvent.keyDown(tags, { key: 'Backspace' })
    expect(chipTexts(dialog)).toEqual(['ports'])
    expect((tags as HTMLInputElement).value).toBe('logistics')
    fireEvent.keyDown(tags, { key: 'Enter' })
    expect(chipTexts(dialog)).toEqual(['ports', 'logistics'])
    expect(screen.getByRole('dialog')).toBe(dialog) // Enter made a tag; it did not save
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove tag ports' }))
    expect(chipTexts(dialog)).toEqual(['logistics'])
  })

  it('edits tags and colour in the inspector', async () => {
    const { annotations } = await renderWithArticle()
    await readerPage.highlight('container handling', 'Stopped.')
    const card = inspectorItem('container handling')
    fireEvent.click(within(card).getByRole('button', { name: 'Edit' }))
    fireEvent.change(within(card).getByTestId('inspector-tags'), { target: { value: 'ports,' } })
    fireEvent.click(within(card).getByRole('radio', { name: 'Green' }))
    fireEvent.click(within(card).getByTestId('inspector-save'))
    await waitFor(() => expect(readerPage.mark('container handling').className).toContain('green'))
    expect(await annotations()).toEqual([
      expect.objectContaining({ comment: 'Stopped.', tags: ['ports'], color: 'green' }),
    ])
  })

  it('shows the comment of a highlight under the pointer', async () => {
    await renderWithArticle()
    await readerPage.highlight('container handling', 'Stopped at dawn, per the harbour master.')
    await readerPage.highlight('Friday morning') // no comment: nothing to show
    fireEvent.mouseOver(readerPage.mark('container handling'))
    const tooltip = await screen.findByRole('tooltip')
    expect(tooltip.textContent).toContain('Stopped at dawn, per the harbour master.')
    fireEvent.mouseOut(readerPage.mark('container handling'), { relatedTarget: document.body })
    await waitFor(() => expect(screen.queryByRole('tooltip')).toBeNull())
    fireEvent.mouseOver(readerPage.mark('Friday morning'))
    expect(screen.queryByRole('tooltip')).toBeNull()
  })
})

function chipTexts(root: HTMLElement): string[] {
  return [...root.querySelectorAll('.tag-chip')].map((chip) =>
    (chip.firstChild?.textContent ?? '').trim(),
  )
}
