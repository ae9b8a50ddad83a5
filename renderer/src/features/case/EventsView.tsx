import { useMemo, useState, type FormEvent } from 'react'
import { compareDateSpecs } from '../../../../shared/model'
import { CaseList } from './CaseList'
import { useCase } from './caseContext'
import { parseDateText } from './dateText'
import { describeDate } from '../../../../shared/model'
import { useCaseActions } from './useCaseActions'
import './case.css'

/** Every live event of the case in time order, and a form to add one. */
export function EventsView({ onOpen }: { onOpen: (id: string) => void }) {
  const { events, loaded, error } = useCase()
  const ordered = useMemo(
    () =>
      [...events].sort(
        (a, b) => compareDateSpecs(a.occurred, b.occurred) || a.title.localeCompare(b.title),
      ),
    [events],
  )
  return (
    <section className="review case-view" aria-labelledby="events-title" data-testid="events-view">
      <h1 id="events-title" className="review__title">
        Events
      </h1>
      <p className="review__intro">
        Incidents of the case with the date they occurred, as precisely as it is known.
      </p>
      <NewEvent onCreated={onOpen} />
      {error ? (
        <p className="review__empty" role="alert">
          The events could not be read: {error}
        </p>
      ) : loaded && events.length === 0 ? (
        <p className="review__empty">No events yet.</p>
      ) : (
        <CaseList
          label="Events"
          testId="event-item"
          onOpen={onOpen}
          items={ordered.map((event) => ({
            id: event.id,
            name: event.title,
            meta: describeDate(event.occurred) + (event.place ? ` · ${event.place}` : ''),
          }))}
        />
      )}
    </section>
  )
}

function NewEvent({ onCreated }: { onCreated: (id: string) => void }) {
  const actions = useCaseActions()
  const [title, setTitle] = useState('')
  const [date, setDate] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy) return
    if (title.trim() === '') return setError('Give the event a title.')
    const parsed = parseDateText(date)
    if (!parsed.ok) return setError(parsed.message)
    setBusy(true)
    setError(undefined)
    try {
      const created = await actions.createEvent({ title: title.trim(), occurred: parsed.spec })
      setTitle('')
      setDate('')
      onCreated(created.id)
    } catch {
      // The status line has said why; what was typed stays.
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="case-new" aria-label="New event" onSubmit={(event) => void submit(event)}>
      <input
        className="text-field"
        aria-label="New event's title"
        placeholder="New event: title"
        value={title}
        onChange={(event) => setTitle(event.target.value)}
      />
      <input
        className="text-field"
        aria-label="Date it occurred"
        placeholder="2022-07-15, 2022-07, 2022…"
        value={date}
        onChange={(event) => setDate(event.target.value)}
      />
      <button type="submit" className="button button--secondary" disabled={busy}>
        Add event
      </button>
      {error ? (
        <p className="form-error case-new__error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  )
}
