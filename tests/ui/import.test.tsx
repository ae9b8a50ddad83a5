import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp, sourceItems } from './support/renderApp'

const article =
  'From: Mara Lindqvist\nGate systems restored\n\nThe port reopened its gates on Monday.'

function choose(...files: File[]) {
  fireEvent.change(screen.getByTestId('import-input'), { target: { files } })
}

const status = () => screen.getByTestId('status').textContent ?? ''

describe('importing', () => {
  it('imports a chosen file and opens it', async () => {
    await renderApp()
    await screen.findByTestId('welcome')
    choose(new File([article], 'gates.txt', { type: 'text/plain' }))
    const reader = await screen.findByTestId('reader')
    expect(reader.textContent).toContain('The port reopened its gates on Monday.')
    expect(status()).toBe('Imported “Gate systems restored”.')
    expect(sourceItems()).toHaveLength(1)
  })

  it('says a file already in the library is there, and opens it', async () => {
    const library = await renderApp((library) =>
      library.client
        .call('sources.import', { fileName: 'gates.txt', text: article })
        .then(() => {}),
    )
    await waitFor(() => expect(sourceItems()).toHaveLength(1))
    choose(new File([article], 'copy of gates.txt'))
    await screen.findByTestId('reader')
    expect(status()).toBe('“Gate systems restored” is already in the library.')
    expect((await library.client.call('sources.list', {})).sources).toHaveLength(1)
  })

  it('reads a Latin-1 file as bytes, not as broken UTF-8', async () => {
    await renderApp()
    const latin1 = new Uint8Array(
      [...'Caf\u00e9 note\n\nR\u00e9sum\u00e9 of the day.'].map((c) => c.charCodeAt(0)),
    )
    choose(new File([latin1], 'cafe.txt'))
    const reader = await screen.findByTestId('reader')
    expect(reader.textContent).toContain('Résumé of the day.')
  })

  it('imports several files with a summary, naming each file that failed', async () => {
    await renderApp()
    await screen.findByTestId('welcome')
    choose(
      new File(['First\n\nOne.'], 'one.txt'),
      new File(['   \n'], 'blank.txt'),
      new File(['# Second\n\nTwo.'], 'two.md'),
    )
    await waitFor(() =>
      expect(status()).toMatch(/^Imported 2 files; 1 file could not be imported\.$/),
    )
    const details = screen.getByRole('alert')
    expect(details.textContent).toContain('blank.txt')
    expect(sourceItems()).toHaveLength(2)
  })

  it('says in words why a single file was not imported', async () => {
    await renderApp()
    await screen.findByTestId('welcome')
    choose(new File(['{}'], 'settings.json'))
    await waitFor(() => expect(status()).toMatch(/^Not imported: .*settings\.json/))
    expect(screen.getByTestId('welcome')).toBeTruthy()
  })

  it('imports files dropped on the window', async () => {
    await renderApp()
    await screen.findByTestId('welcome')
    const file = new File(['Dropped note\n\nDropped on the window.'], 'dropped.md')
    const dataTransfer = { types: ['Files'], files: [file], dropEffect: 'none' }
    fireEvent.dragEnter(window, { dataTransfer })
    expect(screen.getByText('Drop files or folders to import them')).toBeTruthy()
    fireEvent.drop(window, { dataTransfer })
    const reader = await screen.findByTestId('reader')
    expect(reader.textContent).toContain('Dropped on the window.')
    expect(screen.queryByText('Drop files or folders to import them')).toBeNull()
  })

  it('imports a dropped folder recursively and skips what it cannot import', async () => {
    const library = await renderApp()
    await screen.findByTestId('welcome')
    // jsdom has no File System entries API: a folder tree in its shape, as Chromium hands it over.
    const file = (path: string, content: string) => ({
      isFile: true,
      isDirectory: false,
      name: path.split('/').pop() ?? path,
      fullPath: `/${path}`,
      file: (resolve: (file: File) => void) =>
        resolve(new File([content], path.split('/').pop() ?? path)),
    })
    const folder = (path: string, children: object[]) => {
      let read = false
      return {
        isFile: false,
        isDirectory: true,
        name: path.split('/').pop() ?? path,
        fullPath: `/${path}`,
        createReader: () => ({
          // Entries come in batches until an empty one, as readEntries does.
          readEntries: (resolve: (entries: object[]) => void) => {
            resolve(read ? [] : children)
            read = true
          },
        }),
      }
    }
    const tree = folder('case', [
      file('case/b-page.html', '<title>Page</title><p>The ministry denied it on Saturday.</p>'),
      file('case/a-note.txt', 'Folder note\n\nThe harbour master was not told.'),
      file('case/photo.jpg', 'not really a photo'),
      file('case/.DS_Store', 'finder data'),
      folder('case/inner', [file('case/inner/c-report.md', '# Inner report\n\nText.')]),
    ])
    const dataTransfer = {
      types: ['Files'],
      files: [],
      items: [{ kind: 'file', webkitGetAsEntry: () => tree }],
      dropEffect: 'none',
    }
    fireEvent.drop(window, { dataTransfer })
    await waitFor(() =>
      expect(status()).toBe('Imported 3 files; 1 file skipped (not a type Casefile imports).'),
    )
    const titles = (await library.client.call('sources.list', {})).sources.map((s) => s.title)
    expect(titles.sort()).toEqual(['Folder note', 'Inner report', 'Page'])
  })

  it('cancels a long import between files and says what was done', async () => {
    const library = await renderApp()
    await screen.findByTestId('welcome')
    const files = Array.from(
      { length: 30 },
      (_, n) => new File([`Note ${n}\n\nBody of note ${n}.`], `note-${n}.txt`),
    )
    choose(...files)
    fireEvent.click(await screen.findByTestId('status-cancel'))
    await waitFor(() => expect(status()).toMatch(/cancelled before \d+ files\.$/))
    const imported = Number(/^Imported (\d+) file/.exec(status())?.[1])
    const cancelled = Number(/cancelled before (\d+) files/.exec(status())?.[1])
    expect(imported + cancelled).toBe(30)
    expect(cancelled).toBeGreaterThan(0)
    expect((await library.client.call('sources.list', {})).sources).toHaveLength(imported)
  })

  it('turns text pasted outside a text field into a source', async () => {
    const library = await renderApp()
    await screen.findByTestId('welcome')
    fireEvent.paste(document.body, {
      clipboardData: { files: [], getData: () => 'Pasted headline\n\nPasted body text.' },
    })
    const reader = await screen.findByTestId('reader')
    expect(reader.textContent).toContain('Pasted body text.')
    const [source] = (await library.client.call('sources.list', {})).sources
    expect(source?.origin.fileName).toMatch(/^Pasted text \d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.txt$/)
  })

  it('leaves a paste into the search box alone', async () => {
    const library = await renderApp()
    await screen.findByTestId('welcome')
    fireEvent.paste(screen.getByTestId('search-input'), {
      clipboardData: { files: [], getData: () => 'harbour' },
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await library.client.call('sources.list', {})).sources).toHaveLength(0)
  })
})
