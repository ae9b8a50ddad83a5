import type { Annotation } from '../../../../shared/model'
import { arrowFocus } from '../../app/arrowFocus'
import { AnnotationSummary } from '../annotations/AnnotationSummary'
import { describeAnchor } from '../annotations/describeAnchor'
import type { HealthItem } from './useAnchorHealth'

type HealthViewProps = {
  items: readonly HealthItem[]
  loaded: boolean
  error: string | undefined
  /** Opens the annotation's source with the annotation selected, ready to be re-selected. */
  onOpen: (annotation: Annotation) => void
}

/** Highlights whose passage a newer text matched only approximately, or lost: worst first. */
export function HealthView({ items, loaded, error, onOpen }: HealthViewProps) {
  return (
    <section className="review" aria-labelledby="health-title" data-testid="health-view">
      <h1 id="health-title" className="review__title">
        Needs attention
      </h1>
      <p className="review__intro">
        When a newer version of a source comes in, its highlights move to the new text. These were
        found only approximately, or not at all: open one and re-select its passage.
      </p>
      {error ? (
        <p className="review__empty" role="alert">
          The list could not be read: {error}
        </p>
      ) : loaded && items.length === 0 ? (
        <p className="review__empty">
          Every highlight is where it was made. Nothing needs attention.
        </p>
      ) : (
        <ul
          className="review-list"
          aria-label="Highlights that need attention"
          onKeyDown={(event) => arrowFocus(event)}
        >
          {items.map(({ annotation, sourceTitle }) => {
            const state = annotation.anchor?.status ?? 'exact'
            return (
              <li key={annotation.id}>
                <button
                  type="button"
                  className={`review-item review-item--${annotation.color}`}
                  data-testid="health-item"
                  data-anchor={state}
                  onClick={() => onOpen(annotation)}
                >
                  <AnnotationSummary
                    annotation={annotation}
                    sourceTitle={sourceTitle}
                    meta={
                      <span className={`annotation-summary__state--${state}`}>
                        {annotation.anchor ? describeAnchor(annotation.anchor) : null}
                      </span>
                    }
                  />
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
