import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { importText, inspectorItem, openSource, readerPage, renderApp } from './support/renderApp'

function search(query: string) {
  const input = screen.getByTestId('search-input')
  fireEvent.change(input, { target: { value: query } })
  return input
}

async function results(): Promise<HTMLElement[]> {
  return waitFor(() => {
    const found = within(screen.getByTestId('search-results')).getAllByTestId('search-result')
    expect(found.length).toBeGreaterThan(0)
    return found
  })
}

describe('search', () => {
  it('shows snippets with the matched words in <mark>, grouped by kind', async () => {
    await renderApp(async (library) => {
      await importText(
        library,
        'a.txt',
        'Gate outage\n\nThe ransomware stopped the gate system at dawn.',
      )
    })
    await screen.findAllByTestId('source-item')
    search('ransom')
    const [hit] = await results()
    expect(within(screen.getByTestId('search-results')).getByText('Sources')).toBeTruthy()
    const marks = [...hit!.querySelectorAll('mark')].map((mark) => mark.textContent)
    expect(marks).toEqual(['ransomware'])
    expect(hit!.textContent).toContain('The ransomware stopped the gate system')
  })

  it('keeps markup in a title or snippet as text', async () => {
    await renderApp(async (library) => {
      await importText(
        library,
        'x.txt',
        '<img src=x onerror="alert(1)"> Spider report\n\nSpider <b>bold</b> claim.',
      )
    })
    await screen.findAllByTestId('source-item')
    search('spider')
    const [hit] = await results()
    expect(document.querySelector('img, b')).toBeNull()
    expect(hit!.textContent).toContain('<img src=x onerror="alert(1)"> Spider report')
    expect(hit!.textContent).toContain('<b>bold</b>')
  })

  it('opens a passage with the keyboard and selects its highlight', async () => {
    await renderApp(async (library) => {
      await importText(
        library,
        'one.txt',
        'Harbour first\n\nHarbour Spider was named by the vendor.',
      )
      await importText(library, 'two.txt', 'Second source\n\nNothing about it here, only gates.')
    })
    await openSource('Harbour first')
    await readerPage.highlight('named by the vendor', 'Attribution by Northlight.')
    fireEvent.click(screen.getByRole('button', { name: /Second source/ }))
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Second source'),
    )

    fireEvent.keyDown(document.body, { key: '/' })
    const input = screen.getByTestId('search-input')
    expect(document.activeElement).toBe(input)
    search('northlight')
    const found = await results()
    expect(found.map((hit) => hit.getAttribute('data-kind'))).toEqual(['annotation'])
    expect(within(screen.getByTestId('search-results')).getByText('Passages')).toBeTruthy()
    fireEvent.keyDown(input, { key: 'ArrowDown' })
    fireEvent.keyDown(input, { key: 'Enter' })

    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Harbour first'),
    )
    await waitFor(() =>
      expect(inspectorItem('named by the vendor').getAttribute('aria-current')).toBe('true'),
    )
    fireEvent.keyDown(input, { key: 'Escape' })
    expect(screen.queryByTestId('search-results')).toBeNull()
    expect(screen.getAllByTestId('source-item')).toHaveLength(2)
  })

  it('says when nothing matches', async () => {
    await renderApp((library) => importText(library, 'a.txt', 'Gate\n\nText.').then(() => {}))
    await screen.findAllByTestId('source-item')
    search('zeppelin')
    await waitFor(() => expect(screen.getByText('Nothing matches “zeppelin”.')).toBeTruthy())
  })
})
