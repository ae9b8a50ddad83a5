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

  it('is not taken from a middle-click, which pastes the last selection on Linux', async () => {
    const library = await renderApp()
    await screen.findByTestId('welcome')
    const holding = (text: string) => ({
      files: [],
      getData: (type: string) => (type === 'text/plain' ? text : ''),
    })
    fireEvent.mouseDown(document.body, { button: 1 })
    fireEvent.mouseUp(document.body, { button: 1 })
    fireEvent.paste(document.body, { clipboardData: holding('Stray words selected elsewhere.') })
    // A left click does not hold back a Ctrl+V that follows it.
    fireEvent.mouseDown(document.body, { button: 0 })
    fireEvent.paste(document.body, { clipboardData: holding('The pasted statement.') })
    const reader = await screen.findByTestId('reader')
    expect(reader.textContent).toContain('The pasted statement.')
    // Changes are made in the order they are asked for: a stray import would be listed by now.
    const { sources } = await library.client.call('sources.list', {})
    expect(sources).toHaveLength(1)
  })
})
