import type { Actor } from '../../../../shared/model'
import type { TimelineFilter } from './useTimeline'

type TimelineFiltersProps = {
  filter: TimelineFilter
  actors: readonly Actor[]
  tags: readonly string[]
  onChange: (filter: TimelineFilter) => void
}

/** Narrows the timeline to the events related to one actor, or carrying one tag, or both. */
export function TimelineFilters({ filter, actors, tags, onChange }: TimelineFiltersProps) {
  return (
    <>
      <label className="timeline-toolbar__field">
        <span className="timeline-toolbar__label">Actor</span>
        <select
          className="timeline-toolbar__select"
          data-testid="timeline-actor"
          value={filter.actorId}
          onChange={(event) => onChange({ ...filter, actorId: event.target.value })}
        >
          <option value="">All actors</option>
          {actors.map((actor) => (
            <option key={actor.id} value={actor.id}>
              {actor.name}
            </option>
          ))}
        </select>
      </label>
      <label className="timeline-toolbar__field">
        <span className="timeline-toolbar__label">Tag</span>
        <select
          className="timeline-toolbar__select"
          data-testid="timeline-tag"
          value={filter.tag}
          onChange={(event) => onChange({ ...filter, tag: event.target.value })}
        >
          <option value="">All tags</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </label>
    </>
  )
}
