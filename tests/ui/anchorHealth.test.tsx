import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import {
  importText,
  inspectorItem,
  openSource,
  openView,
  readerPage,
  renderApp,
  statusText,
} from './support/renderApp'

/** A saved article: Markdown whose front matter names its URL, so a later copy is a new version. */
const page = (paragraphs: string[]) =>
  ['---\ntitle: Harbour outage\nurl: https://news.example/harbour\n---', ...paragraphs].join('\n\n')

const first = [
  'The port gate system failed on Friday morning, officials said.',
  'A spokesman for the ministry declined to name a suspect.',
  'Trucks queued along the coast road while operators switched to paper.',
]
// The ministry's sentence is gone from the update; a new one says something else.
const second = [
  'The port gate system failed on Friday morning, officials said.',
  'Trucks queued along the coast road while operators switched to paper.',
  'On Monday the ministry named the group it holds responsible.',
]

async function renderWithOrphan() {
  const library = await renderApp(async (library) => {
    await importText(library, 'harbour.md', page(first))
  })
  await openSource('Harbour outage')
  await readerPage.highlight('declined to name a suspect', 'No attribution yet.')
  await readerPage.highlight('switched to paper', 'Fallback.')
  const newer = await importText(library, 'harbour-update.md', page(second))
  return { library, newer }
}

describe('highlights that need attention', () => {
  it('lists an orphaned highlight and re-selecting its passage repairs it', async () => {
    const { library, newer } = await renderWithOrphan()
    await waitFor(() =>
      expect(screen.getByTestId('open-health').textContent).toBe('Needs attention 1'),
    )
    const view = openView('health')
    const item = await within(view).findByTestId('health-item')
    expect(item.textContent).toContain('Harbour outage')
    expect(item.textContent).toContain('declined to name a suspect')
    expect(item.textContent).toContain('No attribution yet.')
    expect(item.textContent).toContain('Orphaned: the passage is no longer in this text')
    expect(item.tagName).toBe('BUTTON') // focusable; Enter opens it

    fireEvent.click(item)
    await screen.findByTestId('reader')
    expect(screen.getByRole('banner').textContent).toContain('Version of an earlier import.')
    const card = await waitFor(() => inspectorItem('declined to name a suspect'))
    expect(card.getAttribute('aria-current')).toBe('true')
    expect(card.getAttribute('data-anchor')).toBe('orphaned')
    expect(card.textContent).toContain('Orphaned: the passage is no longer in this text')
    expect(readerPage.marks()).toEqual(['switched to paper']) // carried over, exact; the orphan is not drawn

    fireEvent.click(within(card).getByRole('button', { name: 'Re-select passage' }))
    expect(screen.getByText(/Select the passage this highlight belongs to/)).toBeTruthy()
    const confirm = within(card).getByTestId('repair-confirm')
    expect(confirm).toHaveProperty('disabled', true)
    readerPage.select('named the group it holds responsible')
    expect(screen.queryByTestId('highlight-comment')).toBeNull() // no new highlight on the way
    expect(card.textContent).toContain('New passage: named the group it holds responsible')
    fireEvent.click(confirm)

    await waitFor(() =>
      expect(readerPage.marks()).toEqual([
        'switched to paper',
        'named the group it holds responsible',
      ]),
    )
    expect(statusText()).toContain('Passage re-selected')
    const repaired = inspectorItem('named the group it holds responsible')
    expect(repaired.getAttribute('data-anchor')).toBe('exact')
    expect(repaired.textContent).toContain('No attribution yet.')
    expect(screen.queryByText(/Select the passage this highlight belongs to/)).toBeNull()
    await waitFor(() =>
      expect(screen.getByTestId('open-health').textContent).toBe('Needs attention 0'),
    )
    const { annotations } = await library.client.call('annotations.list', { sourceId: newer.id })
    const fixed = annotations.find((annotation) => annotation.comment === 'No attribution yet.')
    expect(fixed?.target.quote.exact).toBe('named the group it holds responsible')
    expect(fixed?.anchor).toBeUndefined()
  })

  it('cancels a re-selection with Escape, and a plain selection highlights again', async () => {
    await renderWithOrphan()
    fireEvent.click(await within(openView('health')).findByTestId('health-item'))
    const card = await waitFor(() => inspectorItem('declined to name a suspect'))
    fireEvent.click(within(card).getByRole('button', { name: 'Re-select passage' }))
    fireEvent.keyDown(document.body, { key: 'Escape' })
    await waitFor(() => expect(within(card).queryByTestId('repair-confirm')).toBeNull())
    readerPage.select('named the group')
    await screen.findByTestId('highlight-comment')
  })

  it('shows a passage found only approximately with its score, drawn where it was found', async () => {
    const library = await renderApp(async (library) => {
      await importText(library, 'harbour.md', page(first))
    })
    await openSource('Harbour outage')
    await readerPage.highlight('Trucks queued along the coast road', 'Queue length.')
    const edited = first.map((line) =>
      line.replace('coast road while operators', 'coastal road while the operators'),
    )
    await importText(library, 'harbour-update.md', page(edited))

    const item = await within(openView('health')).findByTestId('health-item')
    expect(item.getAttribute('data-anchor')).toBe('fuzzy')
    expect(item.textContent).toMatch(/Approximate match \(\d{2}%\)/)
    fireEvent.click(item)
    await waitFor(() =>
      expect(readerPage.marks()).toEqual(['Trucks queued along the coastal road']),
    )
    const card = inspectorItem('Trucks queued along the coastal road')
    expect(card.getAttribute('data-anchor')).toBe('fuzzy')
    expect(card.textContent).toMatch(/Approximate match \(\d{2}%\)/)
    expect(within(card).getByRole('button', { name: 'Re-select passage' })).toBeTruthy()
  })

  it('links the two versions of a source both ways', async () => {
    await renderWithOrphan()
    await openSource('Harbour outage') // the newest first in the library
    await waitFor(() => expect(screen.getAllByTestId('source-item')).toHaveLength(2))
    fireEvent.click(screen.getAllByTestId('source-item')[1]!)
    await waitFor(() =>
      expect(screen.getByRole('banner').textContent).toContain(
        'A newer version of this source exists.',
      ),
    )
    expect(readerPage.marks()).toEqual([]) // its highlights moved to the newer version
    fireEvent.click(screen.getByTestId('open-newer-version'))
    await waitFor(() => expect(readerPage.reader().textContent).toContain('On Monday the ministry'))
    expect(screen.getByRole('banner').textContent).toContain('Version of an earlier import.')
    fireEvent.click(screen.getByTestId('open-earlier-version'))
    await waitFor(() =>
      expect(readerPage.reader().textContent).toContain('declined to name a suspect'),
    )
  })
})
