import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { importText, renderApp } from './support/renderApp'

function openPalette(): HTMLElement {
  fireEvent.keyDown(document, { key: 'k', ctrlKey: true })
  return screen.getByTestId('palette-input')
}

describe('the command palette', () => {
  it('opens with Ctrl+K, finds a command by any of its words, and runs it with Enter', async () => {
    await renderApp(async (library) => {
      await importText(library, 'ferry.txt', 'Ferry note\n\nThe ferry left at noon.')
    })
    await screen.findByTestId('source-item')
    const input = openPalette()
    fireEvent.change(input, { target: { value: 'timel' } })
    await waitFor(() =>
      expect(screen.getAllByTestId('palette-command').map((item) => item.textContent)).toEqual([
        'Go to Timeline',
      ]),
    )
    fireEvent.keyDown(input, { key: 'Enter' })
    await screen.findByRole('heading', { level: 1, name: 'Timeline' })
    expect(screen.queryByTestId('palette-input')).toBeNull()
  })

  it('finds items of the library by name and opens the one chosen', async () => {
    await renderApp(async (library) => {
      await importText(library, 'ferry.txt', 'Ferry note\n\nThe ferry left at noon.')
      await importText(library, 'customs.txt', 'Customs note\n\nEvery manifest was checked.')
      await library.client.call('actors.create', { name: 'Harbour Police', kind: 'organisation' })
    })
    await screen.findAllByTestId('source-item')
    const input = openPalette()
    fireEvent.change(input, { target: { value: 'manifest' } })
    const hit = await waitFor(() => {
      const found = screen.getAllByTestId('palette-hit')
      expect(found.map((item) => item.textContent)).toEqual([
        expect.stringContaining('Customs note'),
      ])
      return found[0]!
    })
    fireEvent.click(hit)
    await waitFor(() =>
      expect(screen.getByTestId('reader').textContent).toContain('Every manifest was checked.'),
    )

    fireEvent.change(openPalette(), { target: { value: 'harbour' } })
    fireEvent.click(
      await waitFor(() => {
        const [actor] = screen.getAllByTestId('palette-hit')
        expect(actor?.textContent).toContain('Harbour Police')
        return actor!
      }),
    )
    await screen.findByTestId('actor-page')
  })
})
