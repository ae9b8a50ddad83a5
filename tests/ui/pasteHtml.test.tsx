import { fireEvent, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp } from './support/renderApp'

describe('pasting a copied web page', () => {
  it('goes through the HTML importer: structure kept, markup and scripts left behind', async () => {
    const library = await renderApp()
    await screen.findByTestId('welcome')
    const html =
      '<meta charset="utf-8"><h2>Statement</h2><p>The harbour authority confirmed the outage.</p>' +
      '<ul><li>Gates closed</li><li>Manifests on paper</li></ul><script>alert(1)</script>'
    const clipboard: Record<string, string> = {
      'text/html': html,
      'text/plain': 'Statement The harbour authority confirmed the outage.',
    }
    fireEvent.paste(document.body, {
      clipboardData: { files: [], getData: (type: string) => clipboard[type] ?? '' },
    })
    const reader = await screen.findByTestId('reader')
    expect(reader.textContent).toContain('The harbour authority confirmed the outage.')
    expect(reader.textContent).not.toContain('alert(1)')
    expect(reader.querySelectorAll('li')).toHaveLength(2)
    const [source] = (await library.client.call('sources.list', {})).sources
    expect(source).toMatchObject({ kind: 'html' })
    expect(source?.origin.fileName).toMatch(/^Pasted page \d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.html$/)
  })
})
