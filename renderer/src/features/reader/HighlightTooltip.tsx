import { useCallback, useEffect, useState, type MouseEvent } from 'react'
import type { Annotation } from '../../../../shared/model'
import { TagChips } from '../annotations/TagInput'
import { innermostSpan, type Span } from './segmentText'

type Hovered = { annotation: Annotation; box: DOMRect }

/**
 * Which highlight the pointer rests on, if it has something to say (a comment or tags). The
 * handlers go on the reader's text; the tooltip goes away on scroll, as it would drift.
 */
export function useHighlightHover(spans: readonly Span[], byId: ReadonlyMap<string, Annotation>) {
  const [hovered, setHovered] = useState<Hovered>()

  const over = useCallback(
    (event: MouseEvent<HTMLElement>) => {
      const mark = (event.target as Element).closest<HTMLElement>('mark[data-annotation-ids]')
      const ids = mark?.dataset.annotationIds?.split(' ').filter(Boolean) ?? []
      const id = innermostSpan(ids, spans)
      const annotation = id === undefined ? undefined : byId.get(id)
      if (!mark || !annotation || (annotation.comment === '' && annotation.tags.length === 0)) {
        setHovered(undefined)
        return
      }
      setHovered((now) =>
        now?.annotation === annotation ? now : { annotation, box: mark.getBoundingClientRect() },
      )
    },
    [spans, byId],
  )
  const out = useCallback((event: MouseEvent<HTMLElement>) => {
    const next = event.relatedTarget
    if (!(next instanceof Element) || !next.closest('mark[data-annotation-ids]'))
      setHovered(undefined)
  }, [])

  useEffect(() => {
    if (!hovered) return
    const hide = () => setHovered(undefined)
    window.addEventListener('scroll', hide, true)
    return () => window.removeEventListener('scroll', hide, true)
  }, [hovered])

  return { hovered, over, out }
}

/** The comment and tags of a highlight, shown by the pointer (never focusable, never in the way). */
export function HighlightTooltip({ annotation, box }: Hovered) {
  const below = box.bottom + 140 < window.innerHeight
  const left = Math.max(8, Math.min(box.left, window.innerWidth - 328))
  return (
    <div
      className="highlight-tooltip"
      role="tooltip"
      data-testid="highlight-tooltip"
      style={
        below
          ? { left, top: box.bottom + 6 }
          : { left, top: box.top - 6, transform: 'translateY(-100%)' }
      }
    >
      {annotation.comment ? (
        <p className="highlight-tooltip__comment">{annotation.comment}</p>
      ) : null}
      <TagChips tags={annotation.tags} />
    </div>
  )
}
