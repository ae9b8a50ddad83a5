import { anchorQuote, type Anchor } from '../../../../shared/anchoring'
import type { Annotation } from '../../../../shared/model'
import type { Span } from './segmentText'

/** An annotation with where it lies in the text now (or why it could not be found). */
export type PlacedAnnotation = { annotation: Annotation; anchor: Anchor }

/** Anchors each annotation in the text; an orphan is kept (and shown as such), never moved. */
export function placeAnnotations(
  text: string,
  annotations: readonly Annotation[],
): PlacedAnnotation[] {
  return annotations.map((annotation) => ({ annotation, anchor: anchorOf(text, annotation) }))
}

/**
 * Where an annotation lies. The core's verdict (`annotation.anchor`, set when the text changed
 * under it) comes first: an orphan stays an orphan, and a fuzzy match keeps its score even though
 * its target now points at the matched passage.
 */
function anchorOf(text: string, annotation: Annotation): Anchor {
  const verdict = annotation.anchor
  if (verdict?.status === 'orphaned') {
    return {
      status: 'orphaned',
      reason: 'The passage is no longer in this text.',
      score: verdict.score,
    }
  }
  const found = anchorQuote(text, annotation.target.quote, annotation.target.position)
  if (verdict?.status === 'fuzzy' && found.status === 'exact')
    return { status: 'fuzzy', start: found.start, end: found.end, score: verdict.score }
  return found
}

/** The highlight spans of the anchored annotations. */
export function spansOf(placed: readonly PlacedAnnotation[]): Span[] {
  const spans: Span[] = []
  for (const { annotation, anchor } of placed) {
    if (anchor.status !== 'orphaned')
      spans.push({ id: annotation.id, start: anchor.start, end: anchor.end })
  }
  return spans
}
