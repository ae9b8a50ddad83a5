import { TlpSchema, tlpWords, type BriefDraft } from '../../../../shared/model'
import { TlpOptions } from '../markings/TlpOptions'
import { untitledBrief } from './useBriefAutosave'
import { useLiveNotes } from './useLiveNotes'

type BriefFieldsProps = {
  draft: BriefDraft
  onChange: (change: Partial<BriefDraft>) => void
}

/** Title, author, the brief's TLP marking and the note that opens it. */
export function BriefFields({ draft, onChange }: BriefFieldsProps) {
  const notes = useLiveNotes()
  const introGone =
    draft.introNoteId !== null &&
    notes.loaded &&
    !notes.data.some((note) => note.id === draft.introNoteId)
  return (
    <fieldset className="brief-fieldset brief-fields">
      <legend className="visually-hidden">The brief</legend>
      <div className="brief-fields__wide">
        <label className="field-label" htmlFor="brief-composer-title">
          Title
        </label>
        <input
          id="brief-composer-title"
          className="text-field brief-fields__title"
          data-testid="brief-composer-title"
          value={draft.title}
          maxLength={500}
          placeholder={untitledBrief}
          onChange={(event) => onChange({ title: event.target.value })}
        />
      </div>
      <div>
        <label className="field-label" htmlFor="brief-author">
          Author
        </label>
        <input
          id="brief-author"
          className="text-field"
          data-testid="brief-author"
          value={draft.author}
          maxLength={300}
          placeholder="Who signs the brief"
          onChange={(event) => onChange({ author: event.target.value })}
        />
      </div>
      <div>
        <label className="field-label" htmlFor="brief-tlp">
          Marking
        </label>
        <select
          id="brief-tlp"
          className="text-field"
          data-testid="brief-tlp"
          aria-describedby="brief-tlp-hint"
          value={draft.tlp}
          onChange={(event) => onChange({ tlp: TlpSchema.parse(event.target.value) })}
        >
          <TlpOptions />
        </select>
        <p className="hint brief-fields__hint" id="brief-tlp-hint">
          TLP:{draft.tlp}, {tlpWords[draft.tlp]}. Anything marked more restrictively stays out.
        </p>
      </div>
      <div className="brief-fields__wide">
        <label className="field-label" htmlFor="brief-intro">
          Introduction
        </label>
        <select
          id="brief-intro"
          className="text-field"
          data-testid="brief-intro"
          value={draft.introNoteId ?? ''}
          onChange={(event) =>
            onChange({ introNoteId: event.target.value === '' ? null : event.target.value })
          }
        >
          <option value="">No introduction</option>
          {notes.data.map((note) => (
            <option key={note.id} value={note.id}>
              {note.title}
            </option>
          ))}
          {introGone ? <option value={draft.introNoteId ?? ''}>(a deleted note)</option> : null}
        </select>
        <p className="hint brief-fields__hint">A note of the case opens the brief, as written.</p>
      </div>
    </fieldset>
  )
}
