import type { KeyboardEvent } from 'react'
import type { TimelineItem, TimelineLayout } from './layoutTimeline'

/** Height of the axis header (groups over ticks) and of one lane (mark, title, date). */
const axisHeight = 44
const laneHeight = 52

type TimelineChartProps = {
  layout: TimelineLayout
  onOpenEvent: (id: string) => void
}

/** The picture: a horizontal time axis, scrolled sideways when wide, the events in lanes on it. */
export function TimelineChart({ layout, onOpenEvent }: TimelineChartProps) {
  const height = axisHeight + layout.lanes * laneHeight + 12
  return (
    <div className="timeline__scroller" data-testid="timeline-chart" data-zoom={layout.zoom}>
      <div className="timeline__canvas" style={{ width: layout.width, height }}>
        <div className="timeline__axis" aria-hidden="true">
          {layout.groups.map((group) => (
            <div
              key={group.x}
              className="timeline__group"
              style={{ left: group.x, width: group.width }}
            >
              <span className="timeline__group-label">{group.label}</span>
            </div>
          ))}
          {layout.ticks.map((tick) => (
            <div
              key={tick.day}
              className="timeline__tick"
              data-testid="timeline-tick"
              style={{ left: tick.x }}
            >
              <span className="timeline__tick-label">{tick.label}</span>
            </div>
          ))}
        </div>
        <ol className="timeline__events" aria-label="Events in time order" onKeyDown={moveFocus}>
          {layout.items.map((item) => (
            <li
              key={item.event.id}
              className="timeline__slot"
              style={{
                left: item.box.left,
                top: axisHeight + item.lane * laneHeight,
                width: item.box.width,
              }}
            >
              <EventMark item={item} onOpen={() => onOpenEvent(item.event.id)} />
            </li>
          ))}
        </ol>
      </div>
    </div>
  )
}

function EventMark({ item, onOpen }: { item: TimelineItem; onOpen: () => void }) {
  const { event, date, mark } = item
  return (
    <button
      type="button"
      className={`timeline-event timeline-event--${mark}`}
      data-testid="timeline-event"
      data-lane={item.lane}
      aria-label={`${event.title}, ${date}`}
      title={`${event.title}, ${date}`}
      onClick={onOpen}
    >
      <span
        className="timeline-event__mark"
        aria-hidden="true"
        style={mark === 'point' ? undefined : { left: item.x - item.box.left, width: item.width }}
      />
      <span className="timeline-event__title">{event.title}</span>
      <span className="timeline-event__date">{date}</span>
    </button>
  )
}

const forward = new Set(['ArrowRight', 'ArrowDown'])
const backward = new Set(['ArrowLeft', 'ArrowUp'])

/** Arrow keys step through the events in time order; Home and End go to the first and last. */
function moveFocus(event: KeyboardEvent<HTMLElement>): void {
  const buttons = [...event.currentTarget.querySelectorAll<HTMLElement>('button')]
  const at = buttons.indexOf(document.activeElement as HTMLElement)
  let next: HTMLElement | undefined
  if (forward.has(event.key)) next = buttons[at + 1]
  else if (backward.has(event.key)) next = buttons[Math.max(0, at - 1)]
  else if (event.key === 'Home') next = buttons[0]
  else if (event.key === 'End') next = buttons.at(-1)
  if (next) {
    event.preventDefault()
    next.focus()
  }
}
