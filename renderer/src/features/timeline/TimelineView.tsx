import { useMemo, useState } from 'react'
import { countOf } from '../../app/countOf'
import { defaultZoom, layoutTimeline, type TimelineZoom } from './layoutTimeline'
import { TimelineChart } from './TimelineChart'
import { TimelineFilters } from './TimelineFilters'
import { TimelineLegend } from './TimelineLegend'
import { useTimeline, type TimelineFilter } from './useTimeline'
import { ZoomControl } from './ZoomControl'
import './timeline.css'

type TimelineViewProps = {
  /** Opens the event's page, with its actors and evidence. */
  onOpenEvent: (id: string) => void
}

/** The case's events on a time axis, each date drawn as precisely as it is known. */
export function TimelineView({ onOpenEvent }: TimelineViewProps) {
  const [chosen, setChosen] = useState<TimelineFilter>({ actorId: '', tag: '' })
  // Until the analyst picks a zoom, the one that fits the events' span is used.
  const [pickedZoom, setPickedZoom] = useState<TimelineZoom>()
  const { data, loaded, error } = useTimeline(chosen)
  const zoom = pickedZoom ?? defaultZoom(data.events)
  const layout = useMemo(() => layoutTimeline(data.events, zoom), [data.events, zoom])

  return (
    <section className="timeline" aria-labelledby="timeline-title" data-testid="timeline-view">
      <h1 id="timeline-title" className="review__title">
        Timeline
      </h1>
      <p className="timeline__intro">
        The case’s events by the date they occurred
        {loaded && data.anyEvents ? ` (${countOf(data.events.length, 'event')} shown)` : ''}. Choose
        one to open it with its actors and evidence.
      </p>
      <div className="timeline-toolbar">
        <ZoomControl zoom={zoom} onChange={setPickedZoom} />
        <TimelineFilters
          filter={data.filter}
          actors={data.actors}
          tags={data.tags}
          onChange={setChosen}
        />
      </div>
      <TimelineLegend />
      {error ? (
        <p className="timeline__empty" role="alert">
          The timeline could not be read: {error}
        </p>
      ) : !loaded ? null : !data.anyEvents ? (
        <p className="timeline__empty" data-testid="timeline-empty">
          No events yet: create one from a passage or on the Events page.
        </p>
      ) : data.events.length === 0 ? (
        <p className="timeline__empty" data-testid="timeline-empty">
          No events match these filters.{' '}
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => setChosen({ actorId: '', tag: '' })}
          >
            Show all events
          </button>
        </p>
      ) : (
        <TimelineChart layout={layout} onOpenEvent={onOpenEvent} />
      )}
    </section>
  )
}
