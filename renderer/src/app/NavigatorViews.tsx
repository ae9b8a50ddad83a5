export type View = 'source' | 'trash' | 'health'

type NavigatorViewsProps = {
  view: View
  trash: number
  health: number
  onChoose: (view: View) => void
}

/** The two lists beside the library: highlights that need attention, and the trash. */
export function NavigatorViews({ view, trash, health, onChoose }: NavigatorViewsProps) {
  return (
    <nav className="navigator__views" aria-label="Highlights to review">
      <button
        type="button"
        className={`view-link${health > 0 ? ' view-link--alert' : ''}`}
        data-testid="open-health"
        aria-current={view === 'health' ? 'page' : undefined}
        onClick={() => onChoose('health')}
      >
        Needs attention <span className="count">{health}</span>
      </button>
      <button
        type="button"
        className="view-link"
        data-testid="open-trash"
        aria-current={view === 'trash' ? 'page' : undefined}
        onClick={() => onChoose('trash')}
      >
        Trash <span className="count">{trash}</span>
      </button>
    </nav>
  )
}
