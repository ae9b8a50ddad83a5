import './support/jsdomPolyfills'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { Editor, type JSONContent } from '@tiptap/react'
import { afterEach, describe, expect, it } from 'vitest'
import { noteExtensions } from '../../shared/notes'
import { StatusBar } from '../../renderer/src/app/StatusBar'
import { StatusProvider } from '../../renderer/src/app/statusContext'
import { EditorToolbar } from '../../renderer/src/features/notes/EditorToolbar'
import { InertLinks } from '../../renderer/src/features/notes/inertLinks'
import { doc, link, p, text } from '../support/noteDocs'

const report = 'https://example.com/report?id=7'
const mail = 'mailto:analyst@example.com'

let editor: Editor | undefined
let mounted: HTMLElement | undefined
let clipboard: { writeText(text: string): Promise<void> } | undefined

// jsdom has no clipboard: a stand-in that keeps what is written, or refuses as a browser may.
Object.defineProperty(navigator, 'clipboard', { configurable: true, get: () => clipboard })
const copied: string[] = []
const keepsCopies = { writeText: async (words: string) => void copied.push(words) }
const refuses = {
  writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')),
}

afterEach(() => {
  cleanup()
  editor?.destroy()
  mounted?.remove()
  copied.length = 0
  clipboard = undefined
})

/** A note's editor as the note view builds it (schema + inert links) and its toolbar. */
function renderNote() {
  const element = document.createElement('div')
  document.body.append(element)
  mounted = element
  const current = new Editor({
    element,
    extensions: [...noteExtensions(), InertLinks],
    content: doc(
      p(
        text('See the '),
        text('vendor report', link(report)),
        text(' or '),
        text('write', link(mail)),
        text('.'),
      ),
    ) as JSONContent,
  })
  editor = current
  render(
    <StatusProvider>
      <EditorToolbar editor={current} />
      <StatusBar />
    </StatusProvider>,
  )
  return { element, editor: current }
}

/** Puts the caret inside the words, as a click there would. */
function caretIn(current: Editor, words: string) {
  let at = -1
  current.state.doc.descendants((node, pos) => {
    if (at < 0 && node.isText && node.text === words) at = pos + 2
  })
  act(() => void current.commands.setTextSelection(at))
}

describe('links in a note are inert and their address can be copied', () => {
  it('draws each link as an anchor with nothing to follow and its address in the tooltip', () => {
    const { element } = renderNote()
    const anchors = [...element.querySelectorAll('a')]
    expect(anchors.map((anchor) => anchor.dataset.href)).toEqual([report, mail])
    for (const anchor of anchors) {
      expect(anchor.hasAttribute('href')).toBe(false)
      expect(anchor.hasAttribute('target')).toBe(false)
      expect(anchor.getAttribute('rel')).toBe('noopener noreferrer nofollow')
      expect(anchor.getAttribute('referrerpolicy')).toBe('no-referrer')
      expect(anchor.title).toContain(anchor.dataset.href)
      expect(anchor.title).toMatch(/copy the address/)
    }
  })

  it('shows the address of the link at the caret and copies it with a button', async () => {
    clipboard = keepsCopies
    const { editor: current } = renderNote()
    expect(screen.queryByRole('button', { name: 'Copy link address' })).toBeNull()

    caretIn(current, 'vendor report')
    expect(screen.getByTestId('link-address').textContent).toBe(report)
    const copy = screen.getByRole('button', { name: 'Copy link address' })
    // A native button, in the tab order: Enter and Space press it.
    expect(copy.tabIndex).toBe(0)
    copy.focus()
    expect(document.activeElement).toBe(copy)
    fireEvent.click(copy)
    await waitFor(() =>
      expect(screen.getByTestId('status').textContent).toBe(
        `Copied ${report}. Paste it into your browser to open it: links never open from a note.`,
      ),
    )
    expect(copied).toEqual([report])

    caretIn(current, 'write')
    expect(screen.getByTestId('link-address').textContent).toBe(mail)
    fireEvent.click(screen.getByRole('button', { name: 'Copy link address' }))
    await waitFor(() => expect(copied).toEqual([report, mail]))

    caretIn(current, 'See the ')
    expect(screen.queryByTestId('link-address')).toBeNull()
  })

  it('when the clipboard refuses, says so and opens the address in the link field to copy by hand', async () => {
    clipboard = refuses
    const { editor: current } = renderNote()
    caretIn(current, 'vendor report')
    fireEvent.click(screen.getByRole('button', { name: 'Copy link address' }))
    const field = await screen.findByRole('textbox', { name: 'Link address' })
    expect((field as HTMLInputElement).value).toBe(report)
    expect(screen.getByTestId('status').textContent).toMatch(/could not be copied/)
    expect(document.querySelector('textarea')).toBeNull() // the stand-in field is gone
  })

  it('copies linked words with their address, without a new-tab target', () => {
    const { editor: current, element } = renderNote()
    act(
      () =>
        void current.commands.setTextSelection({ from: 1, to: current.state.doc.content.size - 1 }),
    )
    const data = new Map<string, string>()
    const clipboardData = {
      clearData: () => data.clear(),
      setData: (type: string, value: string) => void data.set(type, value),
      getData: (type: string) => data.get(type) ?? '',
    }
    fireEvent.copy(element.querySelector('.ProseMirror')!, { clipboardData })
    const html = new DOMParser().parseFromString(data.get('text/html') ?? '', 'text/html')
    const anchors = [...html.querySelectorAll('a')]
    expect(anchors.map((anchor) => anchor.getAttribute('href'))).toEqual([report, mail])
    for (const anchor of anchors) {
      expect(anchor.hasAttribute('target')).toBe(false)
      expect(anchor.getAttribute('rel')).toBe('noopener noreferrer nofollow')
      expect(anchor.getAttribute('referrerpolicy')).toBe('no-referrer')
    }
    expect(data.get('text/plain')).toBe('See the vendor report or write.')
  })
})
