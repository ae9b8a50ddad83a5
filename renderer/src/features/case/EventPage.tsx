import { useState } from 'react'
import type { Annotation, CaseEvent } from '../../../../shared/model'
import type { Client } from '../../../../shared/rpc'
import { TagChips } from '../annotations/TagInput'
import { dateFieldText, parseDateText } from './dateText'
import { describeDate } from '../../../../shared/model'
import { EntityForm } from './EntityForm'
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

type EventPageProps = {
  id: string
  onOpenPassage: (annotation: Annotation) => void
  onGone: () => void
}

/** One event: when (as precisely as known), where, the actors involved and the evidence. */
const askEvent = (client: Client, id: string) => client.call('events.get', { id })

export function EventPage({ id, onOpenPassage, onGone }: EventPageProps) {
  const page = usePage(askEvent, id)
  const { passages } = page
  const actions = useCaseActions()
  const [editing, setEditing] = useState(false)

  if (page.error)
    return (
      <p className="centre-note centre-note--error" role="alert">
        This event could not be shown: {page.error}
      </p>
    )
  if (!page.data || page.data.event.id !== id) return null
  const { event, relations, annotations, notes } = page.data

  return (
    <article className="review case-page" aria-labelledby="event-title" data-testid="event-page">
      <header className="case-page__header">
        <p className="case-page__kind">event</p>
        <h1 id="event-title" className="review__title">
          {event.title}
        </h1>
        <dl className="case-page__dates">
          <dt>Occurred</dt>
          <dd data-testid="event-occurred">
            {describeDate(event.occurred)}
            <span className="hint"> ({precisionWords[event.occurred.precision]})</span>
          </dd>
          {event.reported ? (
            <>
              <dt>Reported</dt>
              <dd>{describeDate(event.reported)}</dd>
            </>
          ) : null}
          {event.place ? (
            <>
              <dt>Place</dt>
              <dd>{event.place}</dd>
            </>
          ) : null}
          <dt>Marking</dt>
          <dd>
            <TlpBadge tlp={event.tlp} />
          </dd>
        </dl>
        <TagChips tags={event.tags} />
        {!editing ? (
          <PageActions
            onEdit={() => setEditing(true)}
            onDelete={() => void actions.deleteEvent(event).then(onGone, () => {})}
          />
        ) : null}
      </header>
      <DescriptionOrForm
        editing={editing}
        text={event.description}
        form={<EventForm event={event} onDone={() => setEditing(false)} />}
      />

      <PageSection id="event-actors" title="Actors involved" count={relations.length}>
        <RelationList relations={relations} passages={passages} onOpenPassage={onOpenPassage} />
      </PageSection>

      <MentioningNotes id="event-notes" name={event.title} notes={notes} />

      <PageSection id="event-passages" title="Evidence" count={annotations.length}>
        <PassageList
          items={annotations}
          onOpen={onOpenPassage}
          empty={`No passage is linked to ${event.title} yet.`}
        />
      </PageSection>
    </article>
  )
}

const precisionWords = {
  day: 'known to the day',
  month: 'known to the month',
  year: 'known to the year',
  range: 'somewhen in this range',
} as const

function EventForm({ event, onDone }: { event: CaseEvent; onDone: () => void }) {
  const actions = useCaseActions()
  const [title, setTitle] = useState(event.title)
  const [occurred, setOccurred] = useState(dateFieldText(event.occurred))
  const [reported, setReported] = useState(event.reported ? dateFieldText(event.reported) : '')
  const [place, setPlace] = useState(event.place)
  const [error, setError] = useState<string>()
  return (
    <EntityForm
      idPrefix="event"
      label={`Edit ${event.title}`}
      initial={event}
      onCancel={onDone}
      onSave={async (common) => {
        const when = parseDateText(occurred)
        const reportedWhen = reported.trim() === '' ? undefined : parseDateText(reported)
        const failed = !when.ok ? when : reportedWhen && !reportedWhen.ok ? reportedWhen : undefined
        if (failed && !failed.ok) {
          setError(failed.message)
          throw new Error(failed.message)
        }
        if (!when.ok) return
        setError(undefined)
        await actions.updateEvent({
          id: event.id,
          title: title.trim(),
          occurred: when.spec,
          reported: reportedWhen?.ok ? reportedWhen.spec : null,
          place: place.trim(),
          ...common,
        })
        onDone()
      }}
    >
      <label className="field-label" htmlFor="event-title-field">
        Title
      </label>
      <input
        id="event-title-field"
        className="text-field"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        autoFocus
      />
      <label className="field-label" htmlFor="event-occurred-field">
        Occurred (2022, 2022-07, 2022-07-15, or a range 2022-03 – 2022-07)
      </label>
      <input
        id="event-occurred-field"
        className="text-field"
        value={occurred}
        onChange={(e) => setOccurred(e.target.value)}
      />
      <label className="field-label" htmlFor="event-reported-field">
        Reported (optional)
      </label>
      <input
        id="event-reported-field"
        className="text-field"
        value={reported}
        onChange={(e) => setReported(e.target.value)}
      />
      <label className="field-label" htmlFor="event-place-field">
        Place
      </label>
      <input
        id="event-place-field"
        className="text-field"
        value={place}
        onChange={(e) => setPlace(e.target.value)}
      />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </EntityForm>
  )
}
