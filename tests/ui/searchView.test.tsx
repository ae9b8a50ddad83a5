import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { importText, renderApp } from './support/renderApp'

const hitTitles = () => screen.queryAllByTestId('search-view-hit').map((hit) => hit.textContent)

describe('the search view', () => {
  it('narrows by kind and TLP, finds an indicator exactly, and keeps a search by name', async () => {
    const library = await renderApp(async (library) => {
      const ferry = await importText(
        library,
        'ferry.txt',
        'Ferry note\n\nThe ferry beaconed to evil.com and 203.0.113.7 at noon.',
      )
      await importText(library, 'other.txt', 'Other note\n\nNothing reached notevil.com today.')
      await library.client.call('sources.update', { id: ferry.id, tlp: 'AMBER' })
      await library.client.call('notes.create', {
        markdown: '# Ferry plan\n\nAsk about evil.com on Monday.',
      })
    })
    fireEvent.click(screen.getByTestId('open-search'))
    const input = await screen.findByTestId('search-view-input')

    fireEvent.change(input, { target: { value: 'evil.com' } })
    await waitFor(() =>
      expect(hitTitles()).toEqual([
        expect.stringContaining('Ferry note'),
        expect.stringContaining('Ferry plan'),
      ]),
    )
    // notevil.com is another domain.
    expect(hitTitles().join()).not.toContain('Other note')

    const filters = screen.getByRole('group', { name: 'Filters' })
    fireEvent.click(within(filters).getByLabelText('Sources'))
    await waitFor(() => expect(hitTitles()).toEqual([expect.stringContaining('Ferry note')]))
    fireEvent.click(within(filters).getByLabelText('CLEAR'))
    await waitFor(() => expect(screen.getByText('Nothing matches.')).toBeTruthy())

    fireEvent.change(screen.getByTestId('saved-search-name'), {
      target: { value: 'Clear sources' },
    })
    fireEvent.submit(screen.getByRole('form', { name: 'Save this search' }))
    await waitFor(async () =>
      expect((await library.client.call('searches.list', {})).searches).toEqual([
        expect.objectContaining({
          name: 'Clear sources',
          query: 'evil.com',
          filters: { kinds: ['source'], tlp: ['CLEAR'] },
        }),
      ]),
    )

    // Applying it later brings the words and the filters back.
    fireEvent.click(within(filters).getByRole('button', { name: 'Clear filters' }))
    fireEvent.change(input, { target: { value: '' } })
    fireEvent.click(await screen.findByTestId('saved-search'))
    expect((input as HTMLInputElement).value).toBe('evil.com')
    expect(within(filters).getByLabelText<HTMLInputElement>('CLEAR').checked).toBe(true)
    expect(within(filters).getByLabelText<HTMLInputElement>('Sources').checked).toBe(true)
  })
})
