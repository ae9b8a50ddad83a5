import { useMemo, useState } from 'react'
import type { LinkedAnnotation } from '../../../../shared/api'
import type { Annotation } from '../../../../shared/model'
import { arrowFocus } from '../../app/arrowFocus'
import { TlpOptions } from '../markings/TlpOptions'
import { AnnotationSummary } from '../annotations/AnnotationSummary'
import { formatDate } from '../library/describeSource'

type PassageListProps = {
  items: readonly LinkedAnnotation[]
  onOpen: (annotation: Annotation) => void
  /** Said when there are none at all. */
  empty: string
}

/** Passages linked to an actor or an event, filtered by tag and TLP; a click opens the source. */
export function PassageList({ items, onOpen, empty }: PassageListProps) {
  const [tag, setTag] = useState('')
  const [tlp, setTlp] = useState('')
  const tags = useMemo(
    () => [...new Set(items.flatMap(({ annotation }) => annotation.tags))].sort(),
    [items],
  )
  // A passage not marked itself counts as TLP:CLEAR.
  const shown = items.filter(
    ({ annotation }) =>
      (tag === '' || annotation.tags.includes(tag)) &&
      (tlp === '' || (annotation.tlp ?? 'CLEAR') === tlp),
  )
  if (items.length === 0) return <p className="review__empty">{empty}</p>
  return (
    <>
      <div className="case-filters">
        <label>
          Tag{' '}
          <select className="text-field" value={tag} onChange={(e) => setTag(e.target.value)}>
            <option value="">any</option>
            {tags.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          TLP{' '}
          <select className="text-field" value={tlp} onChange={(e) => setTlp(e.target.value)}>
            <option value="">any</option>
            <TlpOptions />
          </select>
        </label>
        <span className="hint">
          {shown.length} of {items.length}
        </span>
      </div>
      <ul
        className="review-list"
        aria-label="Linked passages"
        onKeyDown={(event) => arrowFocus(event)}
      >
        {shown.map(({ annotation, sourceTitle }) => (
          <li key={annotation.id}>
            <button
              type="button"
              className={`review-item review-item--${annotation.color}`}
              data-testid="linked-passage"
              onClick={() => onOpen(annotation)}
            >
              <AnnotationSummary
                annotation={annotation}
                sourceTitle={sourceTitle}
                meta={`${annotation.tlp ? `TLP:${annotation.tlp} · ` : ''}highlighted ${formatDate(annotation.createdAt)}`}
              />
            </button>
          </li>
        ))}
      </ul>
    </>
  )
}
