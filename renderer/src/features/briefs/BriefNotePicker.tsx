import { useRef, useState } from 'react'
import { useLiveNotes } from './useLiveNotes'

type BriefNotePickerProps = {
  noteIds: readonly string[]
  onChange: (noteIds: string[]) => void
}

/** The notes picked by hand for the brief's Notes section, each with Remove; a picker adds one. */
export function BriefNotePicker({ noteIds, onChange }: BriefNotePickerProps) {
  const notes = useLiveNotes()
  const [chosen, setChosen] = useState('')
  const select = useRef<HTMLSelectElement>(null)
  const titles = new Map(notes.data.map((note) => [note.id, note.title || 'Untitled note']))
  const titleOf = (id: string) =>
    titles.get(id) ?? (notes.loaded ? 'A note no longer in the case' : '…')
  const offered = notes.data.filter((note) => !noteIds.includes(note.id))
  // A note chosen and then deleted (or picked elsewhere) is no longer a choice.
  const pick = offered.some((note) => note.id === chosen) ? chosen : ''

  const add = () => {
    if (pick === '') return
    onChange([...noteIds, pick])
    setChosen('')
    select.current?.focus()
  }

  return (
    <>
      <label className="field-label" htmlFor="brief-note-pick">
        Notes picked by hand
      </label>
      {noteIds.length > 0 ? (
        <ul className="brief-picked" aria-label="Notes picked by hand" data-testid="brief-notes">
          {noteIds.map((id) => (
            <li key={id} className="brief-outline__item" data-testid="brief-note">
              <span className="brief-outline__text">{titleOf(id)}</span>
              <button
                type="button"
                className="button button--quiet button--small"
                aria-label={`Remove the note ${titleOf(id)} from the scope`}
                onClick={() => onChange(noteIds.filter((other) => other !== id))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="brief-note-picker">
        <select
          ref={select}
          id="brief-note-pick"
          className="text-field"
          data-testid="brief-note-pick"
          aria-describedby="brief-note-pick-hint"
          value={pick}
          disabled={offered.length === 0}
          onChange={(event) => setChosen(event.target.value)}
        >
          <option value="">
            {notes.loaded && notes.data.length === 0
              ? 'No notes in the case yet'
              : offered.length === 0 && notes.loaded
                ? 'Every note is picked'
                : 'Choose a note…'}
          </option>
          {offered.map((note) => (
            <option key={note.id} value={note.id}>
              {note.title || 'Untitled note'}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--secondary"
          data-testid="brief-note-add"
          disabled={pick === ''}
          onClick={add}
        >
          Add note
        </button>
      </div>
      <p className="hint brief-fields__hint" id="brief-note-pick-hint">
        Each note goes in the Notes section under its title; the passages it quotes are cited.
      </p>
      {notes.error ? (
        <p className="form-error">The notes could not be read: {notes.error}</p>
      ) : null}
    </>
  )
}
