import { arrowFocus } from '../../app/arrowFocus'

export type CaseListItem = { id: string; name: string; meta: string }

type CaseListProps = {
  label: string
  testId: string
  items: readonly CaseListItem[]
  onOpen: (id: string) => void
}

/** Actors or events as a list of buttons, name over facts; arrow keys move between them. */
export function CaseList({ label, testId, items, onOpen }: CaseListProps) {
  return (
    <ul className="review-list" aria-label={label} onKeyDown={(event) => arrowFocus(event)}>
      {items.map((item) => (
        <li key={item.id}>
          <button
            type="button"
            className="review-item case-item"
            data-testid={testId}
            onClick={() => onOpen(item.id)}
          >
            <span className="case-item__name">{item.name}</span>
            <span className="case-item__meta">{item.meta}</span>
          </button>
        </li>
      ))}
    </ul>
  )
}
