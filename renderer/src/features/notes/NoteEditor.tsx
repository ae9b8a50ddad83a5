import type { JSONContent } from '@tiptap/core'
import { EditorContent, ReactNodeViewRenderer, useEditor } from '@tiptap/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { noteExtensions } from '../../../../shared/notes'
import { useClient } from '../../app/clientContext'
import { describeError } from '../../app/describeError'
import { useAttempt } from '../../app/useAttempt'
import { useUndo } from '../../app/undoContext'
import { AddToBriefButton } from '../briefs/AddToBriefButton'
import { downloadText } from '../briefs/downloadText'
import { useCase, type CaseIndex } from '../case/caseContext'
import { matchEntities } from '../case/matchEntities'
import { CitationView } from './CitationView'
import { EditorToolbar } from './EditorToolbar'
import { InertLinks } from './inertLinks'
import { MentionMenu } from './MentionMenu'
import { MentionMenuStore, type MentionChoice } from './mentionMenuStore'
import { SaveStatus } from './SaveStatus'
import { useNoteAutosave, type Note } from './useNoteAutosave'
import './notes.css'

/** A passage waiting to be quoted in the note that opens next. */
export type QuoteRequest = {
  annotationId: string
  sourceId: string
  sourceTitle: string
  quote: string
}

type NoteEditorProps = {
  id: string
  quote: QuoteRequest | undefined
  onQuoted: () => void
  onGone: () => void
}

/** Loads a note, then edits it; follows saves made elsewhere while nothing is pending here. */
export function NoteEditor({ id, ...props }: NoteEditorProps) {
  const client = useClient()
  const [note, setNote] = useState<Note>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    let current = true
    setNote(undefined)
    client.call('notes.get', { id }).then(
      (loaded) => current && setNote(loaded),
      (failed: unknown) => current && setError(describeError(failed)),
    )
    return () => {
      current = false
    }
  }, [client, id])
  if (error)
    return (
      <p className="centre-note centre-note--error" role="alert">
        This note could not be opened: {error}
      </p>
    )
  return note ? <LoadedNote key={note.id} note={note} {...props} /> : null
}

function LoadedNote({
  note,
  quote,
  onQuoted,
  onGone,
}: { note: Note } & Omit<NoteEditorProps, 'id'>) {
  const client = useClient()
  const attempt = useAttempt()
  const { done } = useUndo()
  const autosave = useNoteAutosave(note)
  const [title, setTitle] = useState(note.title)
  const caseIndex = useCase()
  const latestCase = useRef<CaseIndex>(caseIndex)
  latestCase.current = caseIndex
  const menu = useMemo(() => new MentionMenuStore(), [])

  const extensions = useMemo(
    () => [
      ...noteExtensions({
        mentionSuggestion: menu.suggestion((query) => mentionChoices(query, latestCase.current)),
        citationView: ReactNodeViewRenderer(CitationView),
      }),
      InertLinks,
    ],
    [menu],
  )
  const { change } = autosave
  const editor = useEditor({
    extensions,
    content: note.doc as JSONContent,
    editorProps: {
      attributes: {
        class: 'note-editor__text',
        'aria-label': 'Note text',
        'data-testid': 'note-text',
        spellcheck: 'true',
      },
    },
    onUpdate: ({ editor: current }) => change({ doc: current.getJSON() }),
  })

  // A passage sent here with "Quote in note" goes at the end, as a citation.
  useEffect(() => {
    if (!editor || !quote) return
    editor
      .chain()
      .focus('end')
      .insertContent([{ type: 'citation', attrs: quote }, { type: 'paragraph' }])
      .run()
    onQuoted()
  }, [editor, quote, onQuoted])

  // Saves made in another window show here when nothing is waiting to be saved.
  useEffect(
    () =>
      client.on('library.changed', (event) => {
        if (event.what !== 'notes' || autosave.hasPending()) return
        void client.call('notes.get', { id: note.id }).then((latest) => {
          if (!autosave.adopt(latest) || !editor) return
          editor.commands.setContent(latest.doc as JSONContent, { emitUpdate: false })
          setTitle(latest.title)
        })
      }),
    [client, note.id, autosave, editor],
  )

  const keepBoth = useCallback(async () => {
    const latest = await client.call('notes.get', { id: note.id })
    const mine = autosave.resolve(latest)
    const theirs = latest.doc as JSONContent
    const merged: JSONContent = {
      type: 'doc',
      content: [
        ...(theirs.content ?? []),
        ...(mine?.doc
          ? [
              {
                type: 'heading',
                attrs: { level: 2 },
                content: [{ type: 'text', text: 'Kept from this window (not saved before)' }],
              },
              ...(mine.doc.content ?? []),
            ]
          : []),
      ],
    }
    editor?.commands.setContent(merged, { emitUpdate: false })
    setTitle(mine?.title ?? latest.title)
    autosave.change({ doc: merged, ...(mine?.title ? { title: mine.title } : {}) })
  }, [client, note.id, autosave, editor])

  const exportMarkdown = () =>
    void attempt('The note was not exported', async () => {
      await autosave.flush()
      const { fileName, markdown } = await client.call('notes.export', { id: note.id })
      downloadText(fileName, markdown)
      done(`Exported “${title}” as ${fileName}.`)
    }).catch(() => {})
  const remove = () =>
    void attempt('The note was not deleted', async () => {
      await autosave.flush()
      await client.call('notes.delete', { id: note.id })
      done(`“${title}” moved to the trash.`, {
        undo: async () => {
          await client.call('notes.restore', { id: note.id })
          return `“${title}” is back from the trash.`
        },
      })
      onGone()
    }).catch(() => {})

  return (
    <article
      className="note-editor"
      aria-label={`Note ${title}`}
      data-testid="note-editor"
      onKeyDown={(event) => {
        if (event.key.toLowerCase() === 's' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault()
          void autosave.flush()
        }
      }}
    >
      <header className="note-editor__header">
        <input
          className="note-editor__title"
          aria-label="Note title"
          data-testid="note-title"
          value={title}
          placeholder="Untitled note"
          onChange={(event) => {
            setTitle(event.target.value)
            change({ title: event.target.value })
          }}
        />
        <SaveStatus
          state={autosave.state}
          onRetry={() => void autosave.flush()}
          onKeepBoth={() => void keepBoth()}
        />
        <div className="note-editor__actions">
          <AddToBriefButton kind="note" id={note.id} />
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={exportMarkdown}
          >
            Export Markdown
          </button>
          <button
            type="button"
            className="button button--quiet button--small button--danger"
            onClick={remove}
          >
            Move to trash
          </button>
        </div>
      </header>
      {editor ? <EditorToolbar editor={editor} /> : null}
      <EditorContent editor={editor} className="note-editor__body" />
      <MentionMenu store={menu} />
    </article>
  )
}

/** Known actors and events whose names fit; then, for a name not known yet, ways to create it. */
function mentionChoices(query: string, known: CaseIndex): MentionChoice[] {
  const typed = query.trim()
  const found: MentionChoice[] = matchEntities(typed, known.actors, known.events, [
    'actor',
    'event',
  ])
  if (typed === '' || found.some((option) => option.label.toLowerCase() === typed.toLowerCase()))
    return found
  return [...found, { kind: 'new-actor', label: typed }, { kind: 'new-event', label: typed }]
}
