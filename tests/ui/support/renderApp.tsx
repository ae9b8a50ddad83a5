import './jsdomPolyfills'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { expect } from 'vitest'
import { App } from '../../../renderer/src/app/App'
import { renderOverLibrary } from './renderOverLibrary'
import type { TestLibrary } from '../../support/makeLibrary'
import { selectPhrase } from '../../support/selectPhrase'

/** The whole app over a real library in a temp folder, through the in-memory transport. */
export async function renderApp(
  seed: (library: TestLibrary) => Promise<void> = async () => {},
): Promise<TestLibrary> {
  return (await renderOverLibrary(seed, <App />)).library
}

/** Imports text through the contract, as if a file had been chosen earlier. */
export async function importText(library: TestLibrary, fileName: string, text: string) {
  return (await library.client.call('sources.import', { fileName, text })).source
}

export function sourceItems(): HTMLElement[] {
  return screen.queryAllByTestId('source-item')
}

export async function openSource(title: string): Promise<HTMLElement> {
  const item = await screen.findByRole('button', { name: new RegExp(escapeRegExp(title)) })
  fireEvent.click(item)
  return screen.findByTestId('reader')
}

/** The reader as a user drives it: select a phrase, write a comment, save. */
export const readerPage = {
  reader: () => screen.getByTestId('reader'),

  /** Selects the first occurrence of `phrase` (inside one block), by mouse unless told not to. */
  select(phrase: string, by: 'mouse' | 'keyboard' = 'mouse'): Range {
    const root = readerPage.reader()
    if (!selectPhrase(root, phrase)) throw new Error(`"${phrase}" is not in the reader`)
    const range = window.getSelection()?.getRangeAt(0)
    if (!range) throw new Error('The selection was not made')
    if (by === 'mouse') fireEvent.mouseUp(root)
    return range
  },

  async highlight(phrase: string, comment = ''): Promise<void> {
    readerPage.select(phrase)
    const box = await screen.findByTestId('highlight-comment')
    fireEvent.change(box, { target: { value: comment } })
    fireEvent.click(screen.getByTestId('highlight-save'))
    await waitFor(() =>
      expect(
        screen.getAllByTestId('inspector-item').some((item) => item.textContent?.includes(phrase)),
      ).toBe(true),
    )
  },

  /** Selects `phrase` with the keyboard and presses `h`: highlighted at once, no comment. */
  async highlightWithKey(phrase: string): Promise<void> {
    readerPage.select(phrase, 'keyboard')
    fireEvent.keyDown(document.body, { key: 'h' })
    await waitFor(() => expect(readerPage.marks().join('')).toContain(phrase))
  },

  /** The text of every highlighted run in the reader. */
  marks: () =>
    [...readerPage.reader().querySelectorAll('mark.highlight')].map((mark) => mark.textContent),

  /** The highlighted run whose text is `text`. */
  mark(text: string): HTMLElement {
    const mark = [...readerPage.reader().querySelectorAll<HTMLElement>('mark.highlight')].find(
      (element) => element.textContent === text,
    )
    if (!mark) throw new Error(`No highlight reads "${text}"`)
    return mark
  },
}

/** The status line at the bottom of the window. */
export const statusText = () => screen.getByTestId('status').textContent ?? ''

/** Ctrl+Z with the focus outside any text field. */
export function pressUndo(): void {
  fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true })
}

/** Opens "Trash" or "Needs attention" from the navigator. */
export function openView(view: 'trash' | 'health'): HTMLElement {
  fireEvent.click(screen.getByTestId(`open-${view}`))
  return screen.getByTestId(`${view}-view`)
}

export function inspectorItem(quote: string): HTMLElement {
  const item = screen
    .getAllByTestId('inspector-item')
    .find((element) => element.textContent?.includes(quote))
  if (!item) throw new Error(`No inspector item quotes "${quote}"`)
  return item
}

export { within }

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
