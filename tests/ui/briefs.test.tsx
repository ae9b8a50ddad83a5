import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { objectUrls, readBlob } from './support/jsdomPolyfills'
import { importText, openSource, readerPage, renderApp } from './support/renderApp'

describe('exporting a brief', () => {
  it('downloads the Markdown brief and says how many passages it holds', async () => {
    await renderApp((library) =>
      importText(
        library,
        'port.txt',
        'Port note\n\nThe gates closed at six and reopened at nine.',
      ).then(() => {}),
    )
    await openSource('Port note')
    await readerPage.highlight('closed at six', 'Start of the outage.')

    const downloads: HTMLAnchorElement[] = []
    const catchDownload = (event: MouseEvent) => {
      if (event.target instanceof HTMLAnchorElement && event.target.download) {
        event.preventDefault() // jsdom cannot navigate to a blob: URL
        downloads.push(event.target)
      }
    }
    document.addEventListener('click', catchDownload)
    try {
      fireEvent.click(screen.getByTestId('export-brief'))
      const title = await screen.findByTestId('brief-title')
      fireEvent.change(title, { target: { value: 'Port outage' } })
      fireEvent.click(screen.getByTestId('export-brief-confirm'))
      await waitFor(() => expect(downloads).toHaveLength(1))
    } finally {
      document.removeEventListener('click', catchDownload)
    }

    const link = downloads[0]!
    expect(link.download).toMatch(/\.md$/)
    const markdown = await readBlob(objectUrls.get(link.getAttribute('href')!)!)
    expect(markdown).toContain('Port outage')
    expect(markdown).toContain('closed at six')
    expect(markdown).toContain('Start of the outage.')
    await waitFor(() =>
      expect(screen.getByTestId('status').textContent).toBe(
        `Exported ${link.download} with 1 passage.`,
      ),
    )
  })
})
