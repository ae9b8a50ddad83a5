/** What the marks mean: how precisely each date is known. */
export function TimelineLegend() {
  return (
    <ul className="timeline-legend" aria-label="Legend" data-testid="timeline-legend">
      <li className="timeline-legend__item">
        <span className="timeline-legend__swatch timeline-event--point" aria-hidden="true">
          <span className="timeline-event__mark" />
        </span>
        A day: a dot on that day.
      </li>
      <li className="timeline-legend__item">
        <span className="timeline-legend__swatch timeline-event--uncertain" aria-hidden="true">
          <span className="timeline-event__mark" />
        </span>
        A month or a year: a dashed bar over it — the event happened somewhere within.
      </li>
      <li className="timeline-legend__item">
        <span className="timeline-legend__swatch timeline-event--range" aria-hidden="true">
          <span className="timeline-event__mark" />
        </span>
        A range: a solid bar from its start to its end.
      </li>
    </ul>
  )
}
