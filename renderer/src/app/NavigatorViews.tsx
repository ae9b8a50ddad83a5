/**
 * What the centre pane shows. `actor`, `event`, `note` and `brief` also need the id of what they
 * show.
 */
export type View =
  | 'source'
  | 'trash'
  | 'health'
  | 'notes'
  | 'note'
  | 'actors'
  | 'events'
  | 'timeline'
  | 'graph'
  | 'search'
  | 'actor'
  | 'event'
  | 'briefs'
  | 'brief'

type NavigatorViewsProps = {
  view: View
  trash: number
  health: number
  notes: number | undefined
  actors: number | undefined
  events: number | undefined
  briefs: number | undefined
  onChoose: (view: View) => void
}

/** The case (notes, actors, events, timeline, relations, briefs) and the lists to review. */
export function NavigatorViews({ view, onChoose, ...counts }: NavigatorViewsProps) {
  const link = (to: View, label: string, count?: number, also?: View, alert = false) => (
    <button
      type="button"
      className={`view-link${alert ? ' view-link--alert' : ''}`}
      data-testid={`open-${to}`}
      aria-current={view === to || view === also ? 'page' : undefined}
      onClick={() => onChoose(to)}
    >
      {label}
      {count === undefined ? null : (
        <>
          {' '}
          <span className="count">{count}</span>
        </>
      )}
    </button>
  )
  return (
    <>
      <nav className="navigator__views" aria-label="Case">
        {link('notes', 'Notes', counts.notes, 'note')}
        {link('actors', 'Actors', counts.actors, 'actor')}
        {link('events', 'Events', counts.events, 'event')}
        {link('timeline', 'Timeline')}
        {link('graph', 'Relations')}
        {link('briefs', 'Briefs', counts.briefs, 'brief')}
        {link('search', 'Search')}
      </nav>
      <nav className="navigator__views" aria-label="Highlights to review">
        {link('health', 'Needs attention', counts.health, undefined, counts.health > 0)}
        {link('trash', 'Trash', counts.trash)}
      </nav>
    </>
  )
}
