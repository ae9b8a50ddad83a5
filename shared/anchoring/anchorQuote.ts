import type { TextPositionSelector, TextQuoteSelector } from '../model'

/**
 * Where a quote lies in a text. `exact`: the quote itself, verbatim. `fuzzy`: an approximate
 * match whose score (0–1) cleared the threshold. `orphaned`: nowhere good enough; `score` is the
 * best candidate's, 0 when there was none.
 */
export type Anchor =
  | { status: 'exact'; start: number; end: number; score: 1 }
  | { status: 'fuzzy'; start: number; end: number; score: number }
  | { status: 'orphaned'; reason: string; score: number }

/**
 * Finds where a quote lies in a text: at its recorded position if the quote is still there, else
 * at the occurrence of the exact quote whose surroundings best match its prefix and suffix (then
 * nearest to the old position). Fuzzy matching of changed quotes is not done yet, so a quote that
 * no longer occurs verbatim is orphaned rather than attached to the wrong text.
 */
export function anchorQuote(
  text: string,
  quote: TextQuoteSelector,
  position?: TextPositionSelector,
): Anchor {
  if (position && text.slice(position.start, position.end) === quote.exact) {
    return { status: 'exact', start: position.start, end: position.end, score: 1 }
  }
  let best: { start: number; score: number } | undefined
  for (let at = text.indexOf(quote.exact); at >= 0; at = text.indexOf(quote.exact, at + 1)) {
    const score =
      contextScore(text, at, quote) -
      (position ? Math.abs(at - position.start) / (text.length + 1) : 0)
    if (!best || score > best.score) best = { start: at, score }
  }
  if (!best)
    return {
      status: 'orphaned',
      reason: 'The quoted passage no longer occurs in the text.',
      score: 0,
    }
  return { status: 'exact', start: best.start, end: best.start + quote.exact.length, score: 1 }
}

/** How many characters of prefix and suffix agree with the text around an occurrence. */
function contextScore(text: string, at: number, quote: TextQuoteSelector): number {
  let score = 0
  const before = text.slice(Math.max(0, at - quote.prefix.length), at)
  for (
    let i = 1;
    i <= Math.min(before.length, quote.prefix.length) && before.at(-i) === quote.prefix.at(-i);
    i++
  )
    score++
  const after = text.slice(at + quote.exact.length, at + quote.exact.length + quote.suffix.length)
  for (
    let i = 0;
    i < Math.min(after.length, quote.suffix.length) && after[i] === quote.suffix[i];
    i++
  )
    score++
  return score
}
