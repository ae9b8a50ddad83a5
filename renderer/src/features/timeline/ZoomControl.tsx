import { useId } from 'react'
import { timelineZooms, type TimelineZoom } from './timelineTicks'

const zoomNames: Record<TimelineZoom, string> = { year: 'Year', month: 'Month', day: 'Day' }

type ZoomControlProps = {
  zoom: TimelineZoom
  onChange: (zoom: TimelineZoom) => void
}

/** Year, month or day: a segmented control of native radios, so arrow keys move the choice. */
export function ZoomControl({ zoom, onChange }: ZoomControlProps) {
  const name = useId()
  return (
    <fieldset className="segmented" data-testid="timeline-zoom">
      <legend className="timeline-toolbar__label">Zoom</legend>
      <div className="segmented__options">
        {timelineZooms.map((option) => (
          <label key={option} className="segmented__option">
            <input
              type="radio"
              name={name}
              value={option}
              checked={zoom === option}
              onChange={() => onChange(option)}
            />
            <span>{zoomNames[option]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}
