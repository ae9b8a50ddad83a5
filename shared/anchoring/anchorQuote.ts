import type { TextPositionSelector, TextQuoteSelector } from '../model'
import { takesNeighboursPlace, type QuoteContext } from './contextDistance'
import { contextLength } from './describeRange'
import { findCandidates, type Candidate } from './findCandidates'
import { foldedOffset, foldForMatching, originalRange } from './foldForMatching'
import { refineBoundaries } from './refineBoundaries'
import {
  anchorThreshold,
  minQuoteSimilarity,
  minShortQuoteContext,
  pickBestMatch,
  scoreMatch,
  shortQuoteLength,
  type ScoredMatch,
} from './scoreMatch'

/**
 * Where a quote lies in a text. `exact`: the quote itself, verbatim. `fuzzy`: an approximate
 * match whose score (0–1) cleared the threshold. `orphaned`: nowhere good enough; `score` is the
 * best candidate's, 0 when there was none.
 */
export type Anchor =
  | { status: 'exact'; start: number; end: number; score: 1 }
  | { status: 'fuzzy'; start: number; end: number; score: number }
  | { status: 'orphaned'; reason: string; score: number }

/** A fuzzy match is not verbatim, so its score stays below an exact match's 1. */
const maxFuzzyScore = 0.99

// Candidates too unlike the quote to be attached are scored only this many, nearest first, for
// the orphan's score and reason.
const unlikeCandidatesScored = 50

/**
 * Finds where a quote lies in a text, in three stages:
 * 1. at its recorded position, if the quote is still there verbatim (for a short quote, stage 2
 *    decides, since its context must be checked);
 * 2. at a verbatim occurrence, the one whose prefix, suffix and position score best: an exact
 *    match wins over any fuzzy one (except a short quote's without its context; see
 *    `shortQuoteLength`);
 * 3. approximately (Myers' algorithm, via `approx-string-match`), on text and quote folded for
 *    typography (`foldForMatching`), each candidate weighted as in `scoreMatch.ts`; the best one
 *    is attached if it clears `minQuoteSimilarity` and `anchorThreshold`.
 * Otherwise the quote is orphaned, never attached to other text.
 */
export function anchorQuote(
  text: string,
  quote: TextQuoteSelector,
  position?: TextPositionSelector,
): Anchor {
  const short = quote.exact.length < shortQuoteLength
  if (!short && position && text.slice(position.start, position.end) === quote.exact) {
    return { status: 'exact', start: position.start, end: position.end, score: 1 }
  }
  const occurrences: Candidate[] = []
  for (let at = text.indexOf(quote.exact); at >= 0; at = text.indexOf(quote.exact, at + 1)) {
    occurrences.push({ start: at, end: at + quote.exact.length, errors: 0 })
  }
  const context = contextOf(quote.prefix, quote.suffix, quote, position?.start)
  const { best } = pickBestMatch(
    text,
    occurrences,
    quote.exact.length,
    context,
    (match) => !short || keepsContext(match),
  )
  if (best) return { status: 'exact', start: best.start, end: best.end, score: 1 }
  return anchorApproximately(text, quote, position)
}

/** Stage 3: the best approximate match on the folded text, if it is good enough. */
function anchorApproximately(
  text: string,
  quote: TextQuoteSelector,
  position: TextPositionSelector | undefined,
): Anchor {
  const folded = foldForMatching(text)
  const pattern = foldForMatching(quote.exact).text
  const context = contextOf(
    foldForMatching(quote.prefix).text,
    foldForMatching(quote.suffix).text,
    quote,
    position && foldedOffset(folded, position.start),
  )
  const candidates = findCandidates(folded.text, pattern)
  const alike = candidates.filter((c) => 1 - c.errors / pattern.length >= minQuoteSimilarity)
  const short = pattern.length < shortQuoteLength
  const { best, highest } =
    alike.length > 0
      ? pickBestMatch(
          folded.text,
          alike,
          pattern.length,
          context,
          (match) =>
            match.score >= anchorThreshold &&
            (!short || keepsContext(match)) &&
            !takesNeighboursPlace(folded.text, match, pattern, context),
        )
      : pickBestMatch(
          folded.text,
          nearest(candidates, context.hint),
          pattern.length,
          context,
          () => false,
        )
  if (!best)
    return { status: 'orphaned', reason: orphanReason(highest), score: highest?.score ?? 0 }
  const refined = refineBoundaries(folded.text, best, pattern, context)
  const final = scoreMatch(folded.text, { ...best, ...refined }, pattern.length, context) ?? best
  const range = wholeCharacters(text, originalRange(folded, final.start, final.end))
  return { status: 'fuzzy', ...range, score: Math.min(maxFuzzyScore, final.score) }
}

/**
 * The context to score against. `atStart` / `atEnd` come from the recorded quote: a prefix
 * shorter than `contextLength` means the quote began that close to the start of the text. With
 * neither prefix nor suffix (a Web Annotation imported without them), nothing was recorded: the
 * context then counts alike everywhere, and position alone tells copies apart.
 */
function contextOf(
  prefix: string,
  suffix: string,
  recorded: TextQuoteSelector,
  hint: number | undefined,
): QuoteContext {
  const recordedAny = recorded.prefix.length > 0 || recorded.suffix.length > 0
  const context: QuoteContext = {
    prefix,
    suffix,
    atStart: recordedAny && recorded.prefix.length < contextLength,
    atEnd: recordedAny && recorded.suffix.length < contextLength,
  }
  if (hint !== undefined) context.hint = hint
  return context
}

function keepsContext(match: ScoredMatch): boolean {
  return (match.prefix + match.suffix) / 2 >= minShortQuoteContext
}

function nearest(candidates: readonly Candidate[], hint: number | undefined): Candidate[] {
  const distance = (c: Candidate) => (hint === undefined ? 0 : Math.abs(c.start - hint))
  return [...candidates].sort((a, b) => distance(a) - distance(b)).slice(0, unlikeCandidatesScored)
}

function orphanReason(highest: ScoredMatch | undefined): string {
  if (!highest) return 'The quoted passage no longer occurs in the text.'
  const alike = `${Math.round(highest.quote * 100)}%`
  if (highest.quote < minQuoteSimilarity) {
    return `The quoted passage no longer occurs in the text (the closest is ${alike} alike).`
  }
  return `A passage ${alike} like the quote remains, but not among its recorded surroundings.`
}

/** Widens a range that would split a surrogate pair, so an emoji is never cut in half. */
function wholeCharacters(
  text: string,
  range: { start: number; end: number },
): { start: number; end: number } {
  const low = (at: number) => {
    const code = text.charCodeAt(at)
    return code >= 0xdc00 && code <= 0xdfff
  }
  return {
    start: range.start > 0 && low(range.start) ? range.start - 1 : range.start,
    end: range.end < text.length && low(range.end) ? range.end + 1 : range.end,
  }
}
