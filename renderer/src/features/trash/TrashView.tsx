import { useEffect, useRef } from 'react'
import type { Annotation } from '../../../../shared/model'
import { arrowFocus } from '../../app/arrowFocus'
import { countOf } from '../../app/countOf'
import { AnnotationSummary } from '../annotations/AnnotationSummary'
import { useAnnotationActions } from '../annotations/useAnnotationActions'
import { formatDate } from '../library/describeSource'
import type { TrashItem } from './useTrash'

type TrashViewProps = {
  items: readonly TrashItem[]
  loaded: boolean
  error: string | undefined
}

/** Deleted highlights, most recent first, each with Restore; nothing here is ever destroyed. */
export function TrashView({ items, loaded, error }: TrashViewProps) {
  const actions = useAnnotationActions()
  const list = useRef<HTMLUListElement>(null)
  // After a restore the keyboard stays in the list: on the item that took the restored one's place.
  const focusAt = useRef<number>(undefined)

  useEffect(() => {
    const at = focusAt.current
    if (at === undefined) return
    focusAt.current = undefined
    const buttons = list.current?.querySelectorAll<HTMLElement>('button') ?? []
    buttons[Math.min(at, buttons.length - 1)]?.focus()
  }, [items])

  const restore = async (annotation: Annotation, index: number) => {
    try {
      await actions.restore(annotation)
      if (list.current?.contains(document.activeElement)) focusAt.current = index
    } catch {
      // Announced in the status line.
    }
  }

  return (
    <section className="review" aria-labelledby="trash-title" data-testid="trash-view">
      <h1 id="trash-title" className="review__title">
        Trash
      </h1>
      <p className="review__intro">
        Deleted highlights wait here, with their comments and tags, until they are restored.
        {items.length > 0 ? ` ${countOf(items.length, 'highlight')}.` : ''}
      </p>
      {error ? (
        <p className="review__empty" role="alert">
          The trash could not be read: {error}
        </p>
      ) : loaded && items.length === 0 ? (
        <p className="review__empty">The trash is empty.</p>
      ) : (
        <ul
          ref={list}
          className="review-list"
          aria-label="Deleted highlights"
          onKeyDown={(event) => arrowFocus(event)}
        >
          {items.map(({ annotation, sourceTitle }, index) => (
            <li
              key={annotation.id}
              className={`review-item review-item--${annotation.color}`}
              data-testid="trash-item"
            >
              <AnnotationSummary
                annotation={annotation}
                sourceTitle={sourceTitle}
                quoteId={`trash-quote-${annotation.id}`}
                meta={
                  annotation.deletedAt ? `Deleted ${formatDate(annotation.deletedAt, true)}` : null
                }
              />
              <button
                type="button"
                className="button button--secondary button--small"
                aria-describedby={`trash-quote-${annotation.id}`}
                onClick={() => void restore(annotation, index)}
              >
                Restore
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
