import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { App } from '../../renderer/src/app/App'
import { CasefileError } from '../../shared/api'
import type { Client } from '../../shared/rpc'
import { renderOverLibrary } from './support/renderOverLibrary'
import { statusText } from './support/renderApp'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A client whose calls of `method` go through `around` first. */
function intercept(
  client: Client,
  method: string,
  around: (input: unknown, call: () => Promise<unknown>) => Promise<unknown>,
): Client {
  return {
    ...client,
    call: ((name: string, input: unknown) =>
      name === method
        ? around(input, () => client.call(name as never, input as never))
        : client.call(name as never, input as never)) as Client['call'],
    on: (event, listener) => client.on(event, listener),
  }
}

async function newBrief() {
  fireEvent.click(await screen.findByTestId('open-briefs'))
  fireEvent.click(await screen.findByTestId('new-brief'))
  return screen.findByTestId('brief-composer')
}

const previewText = () => screen.getByTestId('brief-preview').textContent ?? ''
const setTitle = (title: string) =>
  fireEvent.change(screen.getByTestId('brief-composer-title'), { target: { value: title } })

describe('the brief composer', () => {
  it('shows only the newest preview when an older answer arrives last', async () => {
    await renderOverLibrary(
      async () => {},
      <App />,
      (client) =>
        intercept(client, 'briefs.preview', async (input, call) => {
          const title = (input as { draft?: { title?: string } }).draft?.title
          if (title === 'Slow answer') await pause(900)
          return call()
        }),
    )
    await newBrief()
    await waitFor(() => expect(previewText()).toContain('# Untitled brief'))
    setTitle('Slow answer')
    await pause(400) // the slow preview is asked and still on its way
    setTitle('Fast answer')
    await waitFor(() => expect(previewText()).toContain('# Fast answer'))
    await pause(900) // the slow answer has come back by now
    expect(previewText()).toContain('# Fast answer')
    expect(previewText()).not.toContain('Slow answer')
  })

  it('keeps what was typed when a save fails, and saves it on Try again', async () => {
    let refuse = false
    const { client } = await renderOverLibrary(
      async () => {},
      <App />,
      (inner) =>
        intercept(inner, 'briefs.save', async (_input, call) => {
          if (refuse) throw new CasefileError('io_error', 'The disk is full.')
          return call()
        }),
    )
    await newBrief()
    refuse = true
    setTitle('Harbour brief')
    const status = screen.getByTestId('brief-save-status')
    await waitFor(() => expect(status.dataset.state).toBe('failed'))
    expect(status.textContent).toContain('The disk is full.')
    expect(screen.getByTestId<HTMLInputElement>('brief-composer-title').value).toBe('Harbour brief')
    refuse = false
    fireEvent.click(within(status).getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(status.dataset.state).toBe('saved'))
    const { briefs } = await client.call('briefs.list', {})
    expect(briefs.map((brief) => brief.title)).toEqual(['Harbour brief'])
  })

  it('deletes a brief from the composer and brings it back with Undo', async () => {
    const { client } = await renderOverLibrary(async () => {}, <App />)
    await newBrief()
    setTitle('Short-lived')
    fireEvent.click(screen.getByTestId('brief-delete'))
    await screen.findByTestId('briefs-view')
    await waitFor(() => expect(statusText()).toContain('Deleted the brief “Short-lived”.'))
    expect((await client.call('briefs.list', {})).briefs).toEqual([])
    fireEvent.click(screen.getByTestId('status-action'))
    await waitFor(() =>
      expect(screen.getByTestId('brief-item').textContent).toContain('Short-lived'),
    )
    expect((await client.call('briefs.list', {})).briefs.map((brief) => brief.title)).toEqual([
      'Short-lived',
    ])
  })

  it('picks a note by hand: the preview gains its Notes section, and Remove takes it out', async () => {
    const { client } = await renderOverLibrary(
      async ({ client: seeding }) => {
        await seeding.call('notes.create', { markdown: '# Watch report\n\nThe lamps were out.' })
      },
      <App />,
    )
    await newBrief()
    const pick = screen.getByTestId<HTMLSelectElement>('brief-note-pick')
    await waitFor(() => expect(pick.options).toHaveLength(2))
    const add = screen.getByTestId<HTMLButtonElement>('brief-note-add')
    expect(add.disabled).toBe(true)
    fireEvent.change(pick, { target: { value: pick.options[1]!.value } })
    fireEvent.click(add)
    expect(screen.getByTestId('brief-note').textContent).toContain('Watch report')
    expect(pick.value).toBe('')
    await waitFor(() => expect(previewText()).toContain('## Notes'))
    expect(previewText()).toContain('### Watch report')
    expect(previewText()).toContain('The lamps were out.')
    await waitFor(async () => {
      const [brief] = (await client.call('briefs.list', {})).briefs
      expect(brief?.scope.noteIds).toHaveLength(1)
    })

    fireEvent.click(
      screen.getByRole('button', { name: 'Remove the note Watch report from the scope' }),
    )
    expect(screen.queryByTestId('brief-note')).toBeNull()
    await waitFor(() => expect(previewText()).not.toContain('## Notes'))
  })

  it('moves a section with Alt+ArrowDown and says where it went', async () => {
    await renderOverLibrary(async () => {}, <App />)
    await newBrief()
    const judgements = screen.getByTestId('section-judgements')
    judgements.focus()
    fireEvent.keyDown(judgements, { key: 'ArrowDown', altKey: true })
    expect(screen.getByTestId('sections-said').textContent).toBe(
      'Key judgements moved to position 2 of 5.',
    )
    const names = screen
      .getAllByTestId('brief-section')
      .map((row) => row.getAttribute('data-section'))
    expect(names).toEqual(['timeline', 'judgements', 'actors', 'notes', 'passages'])
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByTestId('section-judgements')),
    )
  })
})

describe('the briefs commands of the palette', () => {
  const run = async (words: string, label: string) => {
    fireEvent.keyDown(document, { key: 'k', ctrlKey: true })
    const input = screen.getByTestId('palette-input')
    fireEvent.change(input, { target: { value: words } })
    await waitFor(() =>
      expect(screen.getAllByTestId('palette-command').map((item) => item.textContent)).toContain(
        label,
      ),
    )
    fireEvent.click(
      screen.getAllByTestId('palette-command').find((item) => item.textContent === label)!,
    )
  }

  it('“New brief” opens a new brief in the composer', async () => {
    const { client } = await renderOverLibrary(async () => {}, <App />)
    await run('new brief', 'New brief')
    await screen.findByTestId('brief-composer')
    expect((await client.call('briefs.list', {})).briefs).toHaveLength(1)
  })

  it('“Verify a brief…” opens the briefs and their file picker, once', async () => {
    await renderOverLibrary(async () => {}, <App />)
    const picked: string[] = []
    const watch = (event: MouseEvent) => {
      const target = event.target as HTMLElement
      if (target instanceof HTMLInputElement && target.type === 'file')
        picked.push(target.dataset.testid ?? '')
    }
    document.addEventListener('click', watch, true)
    try {
      await run('verify', 'Verify a brief…')
      await screen.findByTestId('briefs-view')
      await waitFor(() => expect(picked).toEqual(['verify-brief-input']))
      expect(document.activeElement?.textContent).toBe('Verify a brief…')
      // Going elsewhere and back does not open the picker again.
      fireEvent.click(screen.getByTestId('open-notes'))
      fireEvent.click(screen.getByTestId('open-briefs'))
      await screen.findByTestId('briefs-view')
      expect(picked).toEqual(['verify-brief-input'])
    } finally {
      document.removeEventListener('click', watch, true)
    }
  })
})
