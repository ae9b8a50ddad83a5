import { createContext, useContext } from 'react'
import type { RelationEnd } from '../../../../shared/model'
import { useCase } from './caseContext'
import './case.css'

/** Opens an actor's or an event's page; given by the window, used by chips anywhere in it. */
export const OpenEntityContext = createContext<(end: RelationEnd) => void>(() => {})

type EntityChipProps = {
  end: RelationEnd
  /** Given: the chip has a remove button. */
  onRemove?: () => void
}

/** An actor or an event, named; a click opens its page. */
export function EntityChip({ end, onRemove }: EntityChipProps) {
  const { labelOf } = useCase()
  const open = useContext(OpenEntityContext)
  const label = labelOf(end)
  return (
    <span className={`entity-chip entity-chip--${end.kind}`} data-testid="entity-chip">
      <button
        type="button"
        className="entity-chip__open"
        title={`Open the ${end.kind} page`}
        onClick={() => open(end)}
      >
        <span className="entity-chip__kind" aria-hidden="true">
          {end.kind === 'actor' ? '●' : '◆'}
        </span>
        {label}
      </button>
      {onRemove ? (
        <button
          type="button"
          className="tag-chip__remove"
          aria-label={`Unlink ${label}`}
          onClick={onRemove}
        >
          ×
        </button>
      ) : null}
    </span>
  )
}

/** The actors and events a passage is linked to, shown, not edited. */
export function EntityChips({ links }: { links: readonly RelationEnd[] }) {
  if (links.length === 0) return null
  return (
    <ul className="entity-chips" aria-label="Linked actors and events">
      {links.map((end) => (
        <li key={`${end.kind}:${end.id}`}>
          <EntityChip end={end} />
        </li>
      ))}
    </ul>
  )
}
