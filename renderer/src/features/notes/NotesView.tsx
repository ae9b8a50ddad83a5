import { createContext, useCallback, useState } from 'react'
import type { MethodOutput } from '../../../../shared/api'
import type { Client } from '../../../../shared/rpc'
import { useAttempt } from '../../app/useAttempt'
import { useClient } from '../../app/clientContext'
import { useLibraryQuery } from '../../app/useLibraryQuery'
import { CaseList } from '../case/CaseList'
import { ImportButton } from '../library/ImportButton'
import { useImportNotes } from './useImportNotes'
import { formatDate } from '../library/describeSource'
import './notes.css'

export type NoteSummary = MethodOutput<'notes.list'>['notes'][number]

const listNotes = async (client: Client) => (await client.call('notes.list', {})).notes

/** Every live note, most recently changed first, and a button for a new one. */
export function NotesView({ onOpen }: { onOpen: (id: string) => void }) {
  const { data: notes, loaded, error } = useLibraryQuery<NoteSummary[]>(listNotes, [], ['notes'])
  const importNotes = useImportNotes(onOpen)
  return (
    <section className="review case-view" aria-labelledby="notes-title" data-testid="notes-view">
      <h1 id="notes-title" className="review__title">
        Notes
      </h1>
      <p className="review__intro">
        Working hypotheses, summaries, drafts of the brief. Type <kbd>@</kbd> to mention an actor or
        event; “Quote in note” on a highlight cites its passage here.
      </p>
      <div className="notes-view__actions">
        <NewNoteButton onCreated={onOpen} />
        <ImportButton
          label="Import Markdown…"
          accept={['.md', '.markdown']}
          testId="import-note-input"
          onFiles={(files) => void importNotes(files)}
        />
      </div>
      {error ? (
        <p className="review__empty" role="alert">
          The notes could not be read: {error}
        </p>
      ) : loaded && notes.length === 0 ? (
        <p className="review__empty">No notes yet.</p>
      ) : (
        <NoteList notes={notes} onOpen={onOpen} />
      )}
    </section>
  )
}

/** Opens a note in the editor; given by the window. */
export const OpenNoteContext = createContext<(id: string) => void>(() => {})

/** Notes as a list: title over when it changed and how it begins. */
export function NoteList({
  notes,
  onOpen,
}: {
  notes: readonly NoteSummary[]
  onOpen: (id: string) => void
}) {
  return (
    <CaseList
      label="Notes"
      testId="note-item"
      onOpen={onOpen}
      items={notes.map((note) => ({
        id: note.id,
        name: note.title,
        meta: `${formatDate(note.updatedAt, true)}${note.excerpt ? ` · ${note.excerpt}` : ''}`,
      }))}
    />
  )
}

function NewNoteButton({ onCreated }: { onCreated: (id: string) => void }) {
  const client = useClient()
  const attempt = useAttempt()
  const [busy, setBusy] = useState(false)
  const create = useCallback(async () => {
    setBusy(true)
    try {
      const note = await attempt('The note was not created', () =>
        client.call('notes.create', { title: 'Untitled note' }),
      )
      onCreated(note.id)
    } catch {
      // Announced in the status line.
    } finally {
      setBusy(false)
    }
  }, [attempt, client, onCreated])
  return (
    <button
      type="button"
      className="button button--primary"
      data-testid="new-note"
      disabled={busy}
      onClick={() => void create()}
    >
      New note
    </button>
  )
}
