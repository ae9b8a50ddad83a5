import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { describeRange } from '../../shared/anchoring'
import { App } from '../../renderer/src/app/App'
import type { Client } from '../../shared/rpc'
import { importText, renderApp, statusText } from './support/renderApp'
import { renderOverLibrary } from './support/renderOverLibrary'

const markdown = [
  '---',
  'title: Attribution notes',
  '---',
  '# Ignored heading',
  '',
  'Working theory: [@Iran](casefile:actor/ID) denies it. #attribution',
  '',
  '- [x] read the FBI statement',
].join('\n')

function openNotes() {
  fireEvent.click(screen.getByTestId('open-notes'))
  return screen.findByTestId('notes-view')
}

describe('notes', () => {
  it('imports Markdown files as notes and names a file that is not UTF-8', async () => {
    const library = await renderApp(async (library) => {
      await importText(library, 'seed.txt', 'Seed\n\nA source, so the library is not empty.')
    })
    const iran = await library.client.call('actors.create', { name: 'Iran', kind: 'state' })
    await openNotes()
    const good = new File([markdown.replace('actor/ID', `actor/${iran.id}`)], 'attribution.md')
    const latin1 = new File([new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x0a])], 'cafe.md')
    fireEvent.change(screen.getByTestId('import-note-input'), {
      target: { files: [good, latin1] },
    })
    await waitFor(() =>
      expect(statusText()).toMatch(
        /^Imported 1 of 2 Markdown files as notes\. Not imported: cafe\.md is not UTF-8 text\./,
      ),
    )
    const { notes } = await library.client.call('notes.list', {})
    expect(notes.map((note) => [note.title, note.tags])).toEqual([
      ['Attribution notes', ['attribution']],
    ])
    const note = await library.client.call('notes.get', { id: notes[0]!.id })
    expect(note.actorIds).toEqual([iran.id])
    // The imported note opens in the editor, its mention drawn as one.
    const text = await screen.findByTestId('note-text')
    await waitFor(() => expect(text.querySelector('.note-mention')?.textContent).toBe('@Iran'))
  })

  it('shows a citation whose highlight went to the trash as such, and one still live with its comment', async () => {
    let ids = { live: '', gone: '', source: '' }
    const library = await renderApp(async (library) => {
      const source = await importText(
        library,
        'ferry.txt',
        'Ferry note\n\nThe ferry left at noon with 40 trucks.\n\nCustoms checked every manifest.',
      )
      const { text } = await library.client.call('sources.get', { id: source.id })
      const highlight = async (exact: string, comment: string) => {
        const start = text.indexOf(exact)
        return library.client.call('annotations.create', {
          sourceId: source.id,
          quote: describeRange(text, start, start + exact.length),
          position: { start, end: start + exact.length },
          comment,
        })
      }
      const live = await highlight('left at noon', 'Timing.')
      const gone = await highlight('every manifest', 'Slow.')
      ids = { live: live.id, gone: gone.id, source: source.id }
    })
    const cite = (annotationId: string, quote: string) => ({
      type: 'citation',
      attrs: { annotationId, sourceId: ids.source, sourceTitle: 'Ferry note', quote },
    })
    const note = await library.client.call('notes.create', {
      title: 'Ferry',
      doc: {
        type: 'doc',
        content: [cite(ids.live, 'left at noon'), cite(ids.gone, 'every manifest')],
      },
    })
    await library.client.call('annotations.delete', { id: ids.gone })

    await openNotes()
    fireEvent.click((await screen.findAllByTestId('note-item'))[0]!)
    await waitFor(() =>
      expect(screen.getAllByTestId('citation').map((c) => c.dataset.state)).toEqual([
        'exact',
        'deleted',
      ]),
    )
    const [live, gone] = screen.getAllByTestId('citation')
    expect(within(live!).getByText('Timing.')).toBeTruthy()
    expect(within(gone!).getByRole('note').textContent).toContain('in the trash')
    expect(within(gone!).queryByRole('button', { name: 'Open passage' })).toBeNull()
    expect(note.annotationIds).toEqual([ids.live, ids.gone])
  })

  it('saving a note re-reads neither the list of sources nor the actors and events', async () => {
    const calls: string[] = []
    const counting = (client: Client): Client => ({
      ...client,
      call: (method, input) => {
        calls.push(method)
        return client.call(method, input)
      },
    })
    const { library } = await renderOverLibrary(
      async (library) => {
        await importText(library, 'ferry.txt', 'Ferry note\n\nThe ferry left at noon.')
        return library.client.call('notes.create', { markdown: '# Plan\n\nFirst line.' })
      },
      <App />,
      counting,
    )
    await screen.findAllByTestId('source-item')
    await openNotes()
    fireEvent.click(await screen.findByTestId('note-item'))
    const title = await screen.findByTestId('note-title')
    await waitFor(() => expect(calls).toContain('notes.get'))
    const before = calls.length

    fireEvent.change(title, { target: { value: 'Plan for Monday' } })
    await waitFor(() => expect(screen.getByTestId('save-status').dataset.state).toBe('saved'))
    const { notes } = await library.client.call('notes.list', {})
    expect(notes.map((note) => note.title)).toEqual(['Plan for Monday'])
    // Give the change event time to reach every part of the window, then see who asked what.
    await new Promise((resolve) => setTimeout(resolve, 300))
    const after = calls.slice(before)
    expect(after).toContain('notes.update')
    expect(after).not.toContain('sources.list')
    expect(after).not.toContain('events.list')
    expect(after).not.toContain('actors.list')
  })
})
