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
  return annotations.map((annotation) => ({
    annotation,
    anchor: anchorQuote(text, annotation.target.quote, annotation.target.position),
  }))
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
