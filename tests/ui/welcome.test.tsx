import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { importText, renderApp, sourceItems } from './support/renderApp'

describe('first run', () => {
  it('shows the welcome page when the library is empty', async () => {
    await renderApp()
    expect(await screen.findByTestId('welcome')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Open the sample case' })).toBeTruthy()
    const accepted = screen.getByTestId('welcome-import-input').getAttribute('accept')
    expect(accepted?.split(',')).toEqual(
      expect.arrayContaining(['.txt', '.md', '.html', '.htm', '.eml', '.pdf']),
    )
  })

  it('opens the sample case and reads its first source', async () => {
    await renderApp()
    fireEvent.click(await screen.findByTestId('load-sample'))
    const reader = await screen.findByTestId('reader')
    expect(sourceItems()).toHaveLength(3)
    expect(screen.queryByTestId('welcome')).toBeNull()
    expect(reader.textContent).toContain('Port of Veldhaven suspended container handling')
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Port of Veldhaven Halts Cargo Operations After Cyberattack',
    )
    await waitFor(() => expect(screen.getByTestId('status').textContent).toContain('sample case'))
  })

  it('skips the welcome page once the library holds a source', async () => {
    await renderApp((library) =>
      importText(library, 'note.txt', 'A note\n\nSome text.').then(() => {}),
    )
    await waitFor(() => expect(sourceItems()).toHaveLength(1))
    expect(screen.queryByTestId('welcome')).toBeNull()
  })
})
