import { useMemo, useState, type FormEvent } from 'react'
import type { ActorKind } from '../../../../shared/model'
import { ActorKindSelect } from './ActorKindSelect'
import { CaseList } from './CaseList'
import { useCase } from './caseContext'
import { actorKindLabel, matchEntities } from './matchEntities'
import { useCaseActions } from './useCaseActions'
import './case.css'

/** Every live actor of the case, a filter, and a form to add one. */
export function ActorsView({ onOpen }: { onOpen: (id: string) => void }) {
  const { actors, events, loaded, error } = useCase()
  const [filter, setFilter] = useState('')
  const shown = useMemo(() => {
    if (filter.trim() === '') return actors
    const ids = new Set(matchEntities(filter, actors, events, ['actor'], Infinity).map((m) => m.id))
    return actors.filter((actor) => ids.has(actor.id))
  }, [filter, actors, events])

  return (
    <section className="review case-view" aria-labelledby="actors-title" data-testid="actors-view">
      <h1 id="actors-title" className="review__title">
        Actors
      </h1>
      <p className="review__intro">
        People, organisations, states, groups and threat actors of the case. Link passages to them
        from the reader: select text, then type a name under “Actors and events”.
      </p>
      <NewActor onCreated={onOpen} />
      <input
        className="text-field case-view__filter"
        type="search"
        aria-label="Filter actors by name or alias"
        placeholder="Filter by name or alias"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
      />
      {error ? (
        <p className="review__empty" role="alert">
          The actors could not be read: {error}
        </p>
      ) : loaded && actors.length === 0 ? (
        <p className="review__empty">No actors yet.</p>
      ) : loaded && shown.length === 0 ? (
        <p className="review__empty">No actor is called that.</p>
      ) : (
        <CaseList
          label="Actors"
          testId="actor-item"
          onOpen={onOpen}
          items={shown.map((actor) => ({
            id: actor.id,
            name: actor.name,
            meta:
              actorKindLabel[actor.kind] +
              (actor.aliases.length > 0 ? ` · also ${actor.aliases.join(', ')}` : ''),
          }))}
        />
      )}
    </section>
  )
}

function NewActor({ onCreated }: { onCreated: (id: string) => void }) {
  const actions = useCaseActions()
  const [name, setName] = useState('')
  const [kind, setKind] = useState<ActorKind>('organisation')
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (name.trim() === '' || busy) return
    setBusy(true)
    try {
      const actor = await actions.createActor({ name: name.trim(), kind })
      setName('')
      onCreated(actor.id)
    } catch {
      // The status line has said why; the name stays in the field.
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="case-new" aria-label="New actor" onSubmit={(event) => void submit(event)}>
      <input
        className="text-field"
        aria-label="New actor's name"
        data-testid="new-actor-name"
        placeholder="New actor: name"
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <ActorKindSelect label="New actor's kind" value={kind} onChange={setKind} />
      <button type="submit" className="button button--secondary" disabled={busy}>
        Add actor
      </button>
    </form>
  )
}
