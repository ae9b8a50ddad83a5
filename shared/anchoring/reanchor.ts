import type {
  AnchorState,
  AnnotationTarget,
  TextPositionSelector,
  TextQuoteSelector,
} from '../model'
import { anchorQuote } from './anchorQuote'
import { describeRange } from './describeRange'

export type Reanchored = {
  status: AnchorState['status']
  /** On the text where it was found; an orphan keeps its quote and position as they were. */
  target: AnnotationTarget
  /** The verdict to record on the annotation: absent when exact. */
  anchor: AnchorState | undefined
}

/**
 * A passage described on one text (a previous version, another tool's page), found again on
 * `text`: its new target, and how it was found.
 */
export function reanchor(
  text: string,
  textSha256: string,
  quote: TextQuoteSelector,
  position: TextPositionSelector | undefined,
  checkedAt: string,
): Reanchored {
  const found = anchorQuote(text, quote, position)
  const anchor =
    found.status === 'exact' ? undefined : { status: found.status, score: found.score, checkedAt }
  if (found.status === 'orphaned') {
    const kept = position ?? { start: 0, end: quote.exact.length }
    return { status: found.status, target: { textSha256, quote, position: kept }, anchor }
  }
  const target = {
    textSha256,
    quote: describeRange(text, found.start, found.end),
    position: { start: found.start, end: found.end },
  }
  return { status: found.status, target, anchor }
}
