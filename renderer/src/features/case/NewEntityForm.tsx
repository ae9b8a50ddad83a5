import { useState, type KeyboardEvent } from 'react'
import type { ActorKind, RelationEnd } from '../../../../shared/model'
import { describeError } from '../../app/describeError'
import { parseDateText } from './dateText'
import { ActorKindSelect } from './ActorKindSelect'
import { useCaseActions } from './useCaseActions'

type NewEntityFormProps = {
  kind: 'actor' | 'event'
  name: string
  /** The new actor or event, and its name. */
  onCreated: (end: RelationEnd, label: string) => void
  onCancel: () => void
}

/**
 * Creates an actor (name and kind) or an event (title and date) in place, from what was typed in
 * a picker. No <form>: it sits inside the highlight's form. Enter creates, Escape goes back.
 */
export function NewEntityForm({ kind, name: typed, onCreated, onCancel }: NewEntityFormProps) {
  const actions = useCaseActions()
  const [name, setName] = useState(typed)
  const [actorKind, setActorKind] = useState<ActorKind>('organisation')
  const [date, setDate] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const prefix = `new-${kind}`

  const create = async () => {
    if (busy) return
    if (name.trim() === '') return setError(`Give the ${kind} a name.`)
    let input
    if (kind === 'event') {
      const parsed = parseDateText(date)
      if (!parsed.ok) return setError(parsed.message)
      input = { title: name.trim(), occurred: parsed.spec }
    }
    setBusy(true)
    setError(undefined)
    try {
      const created = input
        ? await actions.createEvent(input)
        : await actions.createActor({ name: name.trim(), kind: actorKind })
      onCreated({ kind, id: created.id }, 'name' in created ? created.name : created.title)
    } catch (caught) {
      setError(describeError(caught))
      setBusy(false)
    }
  }
  const keys = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      event.preventDefault()
      void create()
    } else if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      onCancel()
    }
  }

  return (
    <div
      className="new-entity"
      role="group"
      aria-label={`New ${kind}`}
      data-testid={prefix}
      onKeyDown={keys}
    >
      <label className="field-label" htmlFor={`${prefix}-name`}>
        {kind === 'actor' ? 'Actor name' : 'Event title'}
      </label>
      <input
        id={`${prefix}-name`}
        className="text-field"
        value={name}
        onChange={(event) => setName(event.target.value)}
        autoFocus={kind === 'actor'}
      />
      {kind === 'actor' ? (
        <>
          <label className="field-label" htmlFor={`${prefix}-kind`}>
            Kind
          </label>
          <ActorKindSelect
            id={`${prefix}-kind`}
            testId="new-actor-kind"
            value={actorKind}
            onChange={setActorKind}
          />
        </>
      ) : (
        <>
          <label className="field-label" htmlFor={`${prefix}-date`}>
            Date it occurred
          </label>
          <input
            id={`${prefix}-date`}
            className="text-field"
            data-testid="new-event-date"
            placeholder="2022, 2022-07, 2022-07-15 or 2022-03 – 2022-07"
            value={date}
            onChange={(event) => setDate(event.target.value)}
            autoFocus
          />
        </>
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="new-entity__actions">
        <button type="button" className="button button--quiet button--small" onClick={onCancel}>
          Back
        </button>
        <button
          type="button"
          className="button button--primary button--small"
          data-testid={`${prefix}-create`}
          disabled={busy}
          onClick={() => void create()}
        >
          Create {kind}
        </button>
      </div>
    </div>
  )
}
