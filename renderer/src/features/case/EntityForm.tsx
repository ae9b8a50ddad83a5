import { useState, type FormEvent, type ReactNode } from 'react'
import type { Tlp } from '../../../../shared/model'
import { uniqueTags } from '../annotations/annotationDraft'
import { TagInput } from '../annotations/TagInput'
import { TlpOptions } from '../markings/TlpOptions'

/** The fields every actor and event has besides its name: description, tags, TLP marking. */
export type CommonFields = { description: string; tags: string[]; tlp: Tlp }

type EntityFormProps = {
  idPrefix: string
  label: string
  initial: CommonFields
  /** The fields of this kind of item, above the common ones. */
  children: ReactNode
  onSave: (fields: CommonFields) => Promise<void>
  onCancel: () => void
}

/** Edits an actor or an event: its own fields (children), then description, tags and TLP. */
export function EntityForm({ idPrefix, label, initial, children, ...props }: EntityFormProps) {
  const [fields, setFields] = useState(initial)
  const [tagText, setTagText] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    try {
      await props.onSave({ ...fields, tags: uniqueTags([...fields.tags, tagText]) })
    } catch {
      // The status line or the form has said why; nothing typed is lost.
      setBusy(false)
    }
  }
  return (
    <form
      className="entity-form"
      aria-label={label}
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onCancel()
      }}
    >
      {children}
      <label className="field-label" htmlFor={`${idPrefix}-description`}>
        Description
      </label>
      <textarea
        id={`${idPrefix}-description`}
        className="text-field"
        rows={3}
        value={fields.description}
        onChange={(event) => setFields({ ...fields, description: event.target.value })}
      />
      <label className="field-label" htmlFor={`${idPrefix}-tags`}>
        Tags
      </label>
      <TagInput
        id={`${idPrefix}-tags`}
        tags={fields.tags}
        text={tagText}
        onChange={(tags, text) => {
          setFields({ ...fields, tags })
          setTagText(text)
        }}
      />
      <label className="field-label" htmlFor={`${idPrefix}-tlp`}>
        TLP marking
      </label>
      <select
        id={`${idPrefix}-tlp`}
        className="text-field"
        value={fields.tlp}
        onChange={(event) => setFields({ ...fields, tlp: event.target.value as Tlp })}
      >
        <TlpOptions />
      </select>
      <div className="form-actions">
        <button type="button" className="button button--quiet" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          Save
        </button>
      </div>
    </form>
  )
}
