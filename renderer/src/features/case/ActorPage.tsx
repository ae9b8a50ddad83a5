import { useState } from 'react'
import type { Actor, ActorKind, Annotation } from '../../../../shared/model'
import type { Client } from '../../../../shared/rpc'
import { TagChips, TagInput } from '../annotations/TagInput'
import { ActorKindSelect } from './ActorKindSelect'
import { useCase } from './caseContext'
import { describeDate } from '../../../../shared/model'
import { EntityChip } from './EntityChip'
import { EntityForm } from './EntityForm'
import { EntityPicker } from './EntityPicker'
import { actorKindLabel } from './matchEntities'
import { PassageList } from './PassageList'
import { RelationList } from './RelationList'
import {
  DescriptionOrForm,
  MentioningNotes,
  PageActions,
  PageSection,
  TlpBadge,
  usePage,
} from './casePageParts'
import { useCaseActions } from './useCaseActions'
import './case.css'

type ActorPageProps = {
  id: string
  onOpenPassage: (annotation: Annotation) => void
  /** After the actor went to the trash or was merged away. */
  onGone: () => void
}

/** One actor: names, description, relations, events, and every passage linked to it. */
const askActor = (client: Client, id: string) => client.call('actors.get', { id })

export function ActorPage({ id, onOpenPassage, onGone }: ActorPageProps) {
  const page = usePage(askActor, id)
  const { passages } = page
  const { find } = useCase()
  const actions = useCaseActions()
  const [editing, setEditing] = useState(false)

  if (page.error)
    return (
      <p className="centre-note centre-note--error" role="alert">
        This actor could not be shown: {page.error}
      </p>
    )
  if (!page.data || page.data.actor.id !== id) return null
  const { actor, relations, annotations, notes } = page.data
  const events = relations.flatMap((relation) => {
    const event = relation.to.kind === 'event' ? find(relation.to) : undefined
    return event && 'occurred' in event ? [{ relation, event }] : []
  })

  return (
    <article className="review case-page" aria-labelledby="actor-title" data-testid="actor-page">
      <header className="case-page__header">
        <p className="case-page__kind">{actorKindLabel[actor.kind]}</p>
        <h1 id="actor-title" className="review__title">
          {actor.name}
        </h1>
        {actor.aliases.length > 0 ? (
          <p className="case-page__aliases" data-testid="actor-aliases">
            Also known as {actor.aliases.join(', ')}
          </p>
        ) : null}
        <p className="case-page__facts">
          <TlpBadge tlp={actor.tlp} />
        </p>
        <TagChips tags={actor.tags} />
        {!editing ? (
          <PageActions
            onEdit={() => setEditing(true)}
            onDelete={() => void actions.deleteActor(actor).then(onGone, () => {})}
          />
        ) : null}
      </header>
      <DescriptionOrForm
        editing={editing}
        text={actor.description}
        form={<ActorForm actor={actor} onDone={() => setEditing(false)} />}
      />

      <PageSection id="actor-relations" title="Relations" count={relations.length}>
        <RelationList relations={relations} passages={passages} onOpenPassage={onOpenPassage} />
      </PageSection>

      <PageSection id="actor-events" title="Events" count={events.length}>
        {events.length === 0 ? (
          <p className="review__empty">No events related to {actor.name}.</p>
        ) : (
          <ul className="case-page__events">
            {events.map(({ relation, event }) => (
              <li key={relation.id}>
                <span className="case-page__date">{describeDate(event.occurred)}</span>
                <EntityChip end={relation.to} />
                <span className="hint">{relation.type}</span>
              </li>
            ))}
          </ul>
        )}
      </PageSection>

      <MentioningNotes id="actor-notes" name={actor.name} notes={notes} />

      <PageSection id="actor-passages" title="Passages" count={annotations.length}>
        <PassageList
          items={annotations}
          onOpen={onOpenPassage}
          empty={`No passage is linked to ${actor.name} yet.`}
        />
      </PageSection>

      <MergeInto actor={actor} />
    </article>
  )
}

function ActorForm({ actor, onDone }: { actor: Actor; onDone: () => void }) {
  const actions = useCaseActions()
  const [name, setName] = useState(actor.name)
  const [kind, setKind] = useState<ActorKind>(actor.kind)
  const [aliases, setAliases] = useState(actor.aliases)
  const [aliasText, setAliasText] = useState('')
  return (
    <EntityForm
      idPrefix="actor"
      label={`Edit ${actor.name}`}
      initial={actor}
      onCancel={onDone}
      onSave={async (common) => {
        const typed = aliasText.trim() === '' ? [] : [aliasText.trim()]
        await actions.updateActor({
          id: actor.id,
          name: name.trim(),
          kind,
          aliases: [...aliases, ...typed],
          ...common,
        })
        onDone()
      }}
    >
      <label className="field-label" htmlFor="actor-name">
        Name
      </label>
      <input
        id="actor-name"
        className="text-field"
        value={name}
        onChange={(event) => setName(event.target.value)}
        autoFocus
      />
      <label className="field-label" htmlFor="actor-kind">
        Kind
      </label>
      <ActorKindSelect id="actor-kind" value={kind} onChange={setKind} />
      <label className="field-label" htmlFor="actor-aliases">
        Aliases
      </label>
      <TagInput
        id="actor-aliases"
        tags={aliases}
        text={aliasText}
        onChange={(next, text) => {
          setAliases(next)
          setAliasText(text)
        }}
      />
    </EntityForm>
  )
}

/** Folds a duplicate into this actor: names united, every link moved, the other one trashed. */
function MergeInto({ actor }: { actor: Actor }) {
  const actions = useCaseActions()
  const { labelOf } = useCase()
  const [other, setOther] = useState<string>()
  return (
    <section className="case-page__merge" aria-labelledby="actor-merge">
      <h2 id="actor-merge" className="case-page__heading">
        Merge a duplicate into {actor.name}
      </h2>
      {other ? (
        <p>
          <EntityChip end={{ kind: 'actor', id: other }} onRemove={() => setOther(undefined)} />{' '}
          becomes an alias of {actor.name}; its relations and passages move here.{' '}
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() =>
              void actions.mergeActors(actor.id, other).then(
                () => setOther(undefined),
                () => {},
              )
            }
          >
            Merge {labelOf({ kind: 'actor', id: other })} into {actor.name}
          </button>
        </p>
      ) : (
        <EntityPicker
          id="merge-actor"
          kinds={['actor']}
          allowCreate={false}
          exclude={[{ kind: 'actor', id: actor.id }]}
          placeholder="The duplicate actor: type its name"
          onPick={(end) => setOther(end.id)}
        />
      )}
    </section>
  )
}
