import { useCallback, useContext, useMemo, type ReactNode } from 'react'
import type { LinkedAnnotation } from '../../../../shared/api'
import type { Client } from '../../../../shared/rpc'
import { useLibraryQuery } from '../../app/useLibraryQuery'
import { NoteList, OpenNoteContext, type NoteSummary } from '../notes/NotesView'

/**
 * An actor's or an event's page as the core answers it (asked again on every change), and its
 * linked passages by id, for the relations to show their evidence.
 */
export function usePage<T extends { annotations: LinkedAnnotation[] }>(
  ask: (client: Client, id: string) => Promise<T>,
  id: string,
) {
  const query = useCallback((client: Client) => ask(client, id), [ask, id])
  const page = useLibraryQuery<T | undefined>(query, undefined, [
    'entities',
    'annotations',
    'notes',
  ])
  const passages = useMemo(
    () => new Map(page.data?.annotations.map((item) => [item.annotation.id, item])),
    [page.data],
  )
  return { ...page, passages }
}

/** Edit and Move to trash, under a page's title. */
export function PageActions({ onEdit, onDelete }: { onEdit: () => void; onDelete: () => void }) {
  return (
    <div className="case-page__actions">
      <button type="button" className="button button--secondary" onClick={onEdit}>
        Edit
      </button>
      <button type="button" className="button button--quiet button--danger" onClick={onDelete}>
        Move to trash
      </button>
    </div>
  )
}

/** The form while editing, else the description (if there is one). */
export function DescriptionOrForm(props: { editing: boolean; form: ReactNode; text: string }) {
  if (props.editing) return props.form
  return props.text ? <p className="case-page__description">{props.text}</p> : null
}

/** A titled part of a page, with a count beside its title. */
export function PageSection(props: {
  id: string
  title: string
  count: number
  children: ReactNode
}) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id} className="case-page__heading">
        {props.title} <span className="count">{props.count}</span>
      </h2>
      {props.children}
    </section>
  )
}

/** The notes that mention an actor or an event; a click opens one. */
export function MentioningNotes(props: {
  id: string
  name: string
  notes: readonly NoteSummary[]
}) {
  const openNote = useContext(OpenNoteContext)
  return (
    <PageSection id={props.id} title="Notes" count={props.notes.length}>
      {props.notes.length === 0 ? (
        <p className="review__empty">No note mentions {props.name} yet: type @ in a note.</p>
      ) : (
        <NoteList notes={props.notes} onOpen={openNote} />
      )}
    </PageSection>
  )
}

/** A TLP 2.0 marking as the standard shows it: coloured letters on black. */
export function TlpBadge({ tlp }: { tlp: string }) {
  return <span className={`tlp tlp--${tlp.replace('+', '-').toLowerCase()}`}>TLP:{tlp}</span>
}
