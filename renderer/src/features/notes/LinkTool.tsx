import type { Editor } from '@tiptap/react'
import { useEditorState } from '@tiptap/react'
import { useState, type FormEvent } from 'react'
import { modifierKeyLabel } from '../../app/modifierKey'
import { useAnnounce } from '../../app/statusContext'
import { copyText } from './copyText'

const mod = modifierKeyLabel()

/** The address of the link at the caret, if the caret is in one. */
function linkAtCaret(editor: Editor): string | undefined {
  if (!editor.isActive('link')) return undefined
  const href: unknown = editor.getAttributes('link').href
  return typeof href === 'string' ? href : ''
}

/**
 * Makes the selected words a link (http, https or mailto), or removes the link. With the caret in
 * a link, shows its full address and copies it: links never open from a note, so copying is how
 * an analyst visits one, deliberately.
 */
export function LinkTool({ editor }: { editor: Editor }) {
  const address = useEditorState({
    editor,
    selector: ({ editor: current }) => linkAtCaret(current),
  })
  const [href, setHref] = useState<string>()
  const announce = useAnnounce()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const url = (href ?? '').trim()
    const chain = editor.chain().focus().extendMarkRange('link')
    if (url === '') chain.unsetLink().run()
    else chain.setLink({ href: /^[a-z]+:/i.test(url) ? url : `https://${url}` }).run()
    setHref(undefined)
  }
  const copy = (copied: string) =>
    void copyText(copied).then(
      () =>
        announce({
          message: `Copied ${copied}. Paste it into your browser to open it: links never open from a note.`,
          tone: 'success',
        }),
      () => {
        announce({
          message: `The address could not be copied here: select it in the link field and press ${mod}+C.`,
          tone: 'error',
        })
        setHref(copied)
      },
    )

  if (href !== undefined)
    return (
      <form className="note-toolbar__link" onSubmit={submit}>
        <input
          className="text-field"
          aria-label="Link address"
          placeholder="https://… (empty removes the link)"
          value={href}
          onChange={(event) => setHref(event.target.value)}
          onKeyDown={(event) => event.key === 'Escape' && setHref(undefined)}
          autoFocus
        />
      </form>
    )
  return (
    <>
      <button
        type="button"
        className="note-toolbar__button"
        aria-label="Link"
        title="Link the selected words"
        aria-pressed={address !== undefined}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => setHref(linkAtCaret(editor) ?? '')}
      >
        Link
      </button>
      {address !== undefined ? (
        <>
          <span
            className="note-toolbar__address"
            data-testid="link-address"
            aria-label="Address of the link"
            title={address}
          >
            {address}
          </span>
          <button
            type="button"
            className="note-toolbar__button"
            data-testid="copy-link-address"
            title="Copy the address, to paste it into your browser: links never open from a note"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => copy(address)}
          >
            Copy link address
          </button>
        </>
      ) : null}
    </>
  )
}
