import type { ReactNode } from 'react'
import type { Annotation } from '../../../../shared/model'
import './annotationSummary.css'

type AnnotationSummaryProps = {
  annotation: Annotation
  sourceTitle: string
  /** Its id, for a button that acts on this annotation to be described by the quote. */
  quoteId?: string
  /** The date, score or state worth showing under it. */
  meta: ReactNode
}

/**
 * An annotation away from its text (in the trash, in the list that needs attention): source
 * title, quote, comment, tags and one line of facts. Spans only, so it can sit inside a button.
 */
export function AnnotationSummary({
  annotation,
  sourceTitle,
  quoteId,
  meta,
}: AnnotationSummaryProps) {
  return (
    <span className="annotation-summary">
      <span className="annotation-summary__source">{sourceTitle}</span>
      <span className="annotation-summary__quote" id={quoteId}>
        {annotation.target.quote.exact}
      </span>
      {annotation.comment ? (
        <span className="annotation-summary__comment">{annotation.comment}</span>
      ) : null}
      {annotation.tags.length > 0 ? (
        <span className="annotation-summary__tags">
          {annotation.tags.map((tag) => (
            <span key={tag} className="tag-chip">
              {tag}
            </span>
          ))}
        </span>
      ) : null}
      <span className="annotation-summary__meta">{meta}</span>
    </span>
  )
}
