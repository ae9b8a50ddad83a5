import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { importText, inspectorItem, openSource, readerPage, renderApp } from './support/renderApp'

const article = [
  'From: Mara Lindqvist',
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
  return { library, sourceId }
}

describe('the reader', () => {
  it('shows the source with its provenance', async () => {
    await renderWithArticle()
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Port of Veldhaven halts cargo',
    )
    const header = screen.getByRole('banner')
    expect(header.textContent).toContain('Mara Lindqvist')
    expect(header.textContent).toContain('port.txt')
    expect(header.textContent).toMatch(/SHA-256[0-9a-f]{12}/)
  })

  it('saves a highlight of the selected passage with its exact offsets and context', async () => {
    const { library, sourceId } = await renderWithArticle()
    await readerPage.highlight('Harbour Spider claimed responsibility', 'First public claim.')

    const { annotations } = await library.client.call('annotations.list', { sourceId })
    const { text } = await library.client.call('sources.get', { id: sourceId })
    expect(annotations).toHaveLength(1)
    const target = annotations[0]!.target
    expect(text.slice(target.position.start, target.position.end)).toBe(
      'Harbour Spider claimed responsibility',
    )
    expect(target.quote.exact).toBe('Harbour Spider claimed responsibility')
    expect(target.quote.prefix).toBe(text.slice(target.position.start - 32, target.position.start))
    expect(target.quote.suffix).toBe(' on a leak site on Saturday.')
    expect(annotations[0]!.comment).toBe('First public claim.')

    expect(readerPage.marks()).toEqual(['Harbour Spider claimed responsibility'])
    expect(inspectorItem('Harbour Spider claimed').textContent).toContain('First public claim.')
    expect(screen.queryByTestId('highlight-comment')).toBeNull()
  })

  it('saves with Ctrl+Enter and closes without saving on Cancel', async () => {
    const { library, sourceId } = await renderWithArticle()
    readerPage.select('container handling')
    const box = await screen.findByTestId('highlight-comment')
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(screen.queryByTestId('highlight-comment')).toBeNull())
    expect((await library.client.call('annotations.list', { sourceId })).annotations).toHaveLength(
      0,
    )
    expect(box.isConnected).toBe(false)

    readerPage.select('container handling')
    fireEvent.keyDown(await screen.findByTestId('highlight-comment'), {
      key: 'Enter',
      ctrlKey: true,
    })
    await waitFor(() => expect(readerPage.marks()).toEqual(['container handling']))
  })

  it('opens the popover for the current selection with the c key; Escape closes it unsaved', async () => {
    const { library, sourceId } = await renderWithArticle()
    readerPage.select('Friday morning', 'keyboard')
    expect(screen.queryByTestId('highlight-comment')).toBeNull()
    fireEvent.keyDown(document.body, { key: 'c' })
    const box = await screen.findByTestId('highlight-comment')
    expect(screen.getByRole('dialog').textContent).toContain('Friday morning')
    await waitFor(() => expect(document.activeElement).toBe(box))
    fireEvent.keyDown(box, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByTestId('highlight-comment')).toBeNull())
    expect(readerPage.marks()).toEqual([])
    expect((await library.client.call('annotations.list', { sourceId })).annotations).toEqual([])
  })

  it('draws overlapping highlights as runs, and a click selects the innermost', async () => {
    await renderWithArticle()
    await readerPage.highlight('Harbour Spider claimed responsibility')
    await readerPage.highlight('claimed responsibility on a leak site')
    expect(readerPage.marks()).toEqual([
      'Harbour Spider ',
      'claimed responsibility',
      ' on a leak site',
    ])
    const shared = readerPage.reader().querySelector('mark.highlight--overlap')!
    expect(shared.textContent).toBe('claimed responsibility')
    expect(shared.getAttribute('data-annotation-ids')?.split(' ')).toHaveLength(2)

    fireEvent.click(readerPage.reader().querySelector('mark')!) // "Harbour Spider "
    expect(inspectorItem('Harbour Spider claimed').getAttribute('aria-current')).toBe('true')
    expect(inspectorItem('on a leak site').getAttribute('aria-current')).toBeNull()
  })

  it('renders source text as text, never as markup', async () => {
    await renderApp((library) =>
      importText(
        library,
        'hostile.txt',
        'Hostile\n\n<img src=x onerror="alert(1)"><b>bold</b>',
      ).then(() => {}),
    )
    const reader = await openSource('Hostile')
    expect(reader.querySelector('img, b')).toBeNull()
    expect(reader.textContent).toContain('<img src=x onerror="alert(1)"><b>bold</b>')
  })
})
