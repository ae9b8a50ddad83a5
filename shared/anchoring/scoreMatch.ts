import { contextDistance, prefixPair, suffixPair, type QuoteContext } from './contextDistance'

/**
 * How much each kind of evidence counts when ranking where a quote now lies (Hypothesis's
 * `match-quote.ts` weights). The quote itself counts most; prefix and suffix together almost as
 * much, since they are what tells two copies of a sentence apart; closeness to the recorded
 * position least, as a tie-breaker, because any edit before the passage moves it.
 */
export const matchWeights = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const

/**
 * A candidate whose matched text is less like the quote than this (1 − errors / quote length) is
 * never attached, whatever its surroundings: below it, a deleted sentence would be "found" in a
 * replacement that shares some of its words.
 */
export const minQuoteSimilarity = 0.75

/**
 * How alike (1 − edit distance / length) two unrelated 32-character stretches of prose are by
 * chance: ~0.22–0.25 in English pages, ~0.12 in Chinese. A prefix or suffix counts as evidence
 * only above it, rescaled to 0–1, so surroundings that are gone score 0 in any language.
 */
export const chanceContextSimilarity = 0.25

/**
 * The least weighted score (0–1) at which a fuzzy candidate is attached; below it the annotation
 * is orphaned. It is just under what the quote alone earns when intact (50 / 92 = 0.543). So a
 * passage whose surroundings are all new is attached only if it is unchanged but for typography,
 * or nearly (≥ 97% alike and near its recorded position): a reworded sentence that moved is not
 * told from a look-alike elsewhere. With one side of its context intact, the quote may sink to
 * the `minQuoteSimilarity` floor.
 */
export const anchorThreshold = 0.54

/**
 * Quotes shorter than this (a word or two, which prose repeats by chance) are only anchored where
 * their prefix and suffix are on average at least half still there (`minShortQuoteContext`, in
 * the rescaled terms of `chanceContextSimilarity`), even verbatim: with the surroundings gone,
 * the nearest "port" is as likely another "port" as the one meant, so it is orphaned instead.
 */
export const shortQuoteLength = 16
export const minShortQuoteContext = 0.5

/** Where a candidate lies, with its evidence, each 0–1 (prefix and suffix above chance). */
export type ScoredMatch = {
  start: number
  end: number
  errors: number
  quote: number
  prefix: number
  suffix: number
  position: number
  score: number
}

/**
 * Scores the candidate text[start, end), whose match with the quote had `errors` errors; undefined
 * as soon as it is clear the score cannot exceed `toBeat` (the best so far), which spares most of
 * the work for the many occurrences of a short quote.
 */
export function scoreMatch(
  text: string,
  match: { start: number; end: number; errors: number },
  quoteLength: number,
  context: QuoteContext,
  toBeat = -Infinity,
): ScoredMatch | undefined {
  const { start, end } = match
  const w = matchWeights
  const total = w.quote + w.prefix + w.suffix + w.position
  const quote = Math.max(0, 1 - match.errors / quoteLength)
  const position =
    context.hint === undefined ? 1 : 1 - Math.abs(start - context.hint) / Math.max(1, text.length)
  const known = w.quote * quote + w.position * position
  const prefix = contextEvidence(
    ...prefixPair(text, start, context),
    true,
    (toBeat * total - known - w.suffix) / w.prefix,
  )
  if (prefix === undefined) return undefined
  const suffix = contextEvidence(
    ...suffixPair(text, end, context),
    false,
    (toBeat * total - known - w.prefix * prefix) / w.suffix,
  )
  if (suffix === undefined) return undefined
  const score = (known + w.prefix * prefix + w.suffix * suffix) / total
  return score > toBeat
    ? { start, end, errors: match.errors, quote, prefix, suffix, position, score }
    : undefined
}

/**
 * The best-scoring candidate that `accepts` lets through (ties go to the one nearest the recorded
 * position), and the best-scoring one of all if none does.
 */
export function pickBestMatch(
  text: string,
  matches: readonly { start: number; end: number; errors: number }[],
  quoteLength: number,
  context: QuoteContext,
  accepts: (match: ScoredMatch) => boolean,
): { best: ScoredMatch | undefined; highest: ScoredMatch | undefined } {
  const { hint } = context
  const ordered =
    hint === undefined
      ? matches
      : [...matches].sort((a, b) => Math.abs(a.start - hint) - Math.abs(b.start - hint))
  let best: ScoredMatch | undefined
  let highest: ScoredMatch | undefined
  for (const match of ordered) {
    // Until one is accepted every score is needed, for `highest`; after, only a better one.
    const scored = scoreMatch(text, match, quoteLength, context, best?.score)
    if (!scored) continue
    if (!highest || scored.score > highest.score) highest = scored
    if (accepts(scored)) best = scored
  }
  return { best, highest }
}

/** `contextSimilarity` above chance, rescaled to 0–1; undefined unless above `mustExceed`. */
function contextEvidence(
  recorded: string,
  actual: string,
  fromEnd: boolean,
  mustExceed: number,
): number | undefined {
  const chance = chanceContextSimilarity
  const floor = mustExceed < 0 ? -Infinity : chance + mustExceed * (1 - chance)
  const similarity = contextSimilarity(recorded, actual, fromEnd, floor)
  if (similarity === undefined) return undefined
  const evidence = Math.max(0, (similarity - chance) / (1 - chance))
  return evidence > mustExceed ? evidence : undefined
}

/**
 * How alike a recorded context is to the text next to a candidate, 0–1: 1 − `contextDistance`
 * over the recorded length; undefined as soon as it is clear it cannot exceed `mustExceed`. An
 * empty recorded context says nothing, so it scores 1.
 */
export function contextSimilarity(
  recorded: string,
  actual: string,
  fromEnd = false,
  mustExceed = -Infinity,
): number | undefined {
  const m = recorded.length
  // similarity > mustExceed ⇔ distance < m × (1 − mustExceed)
  const distance = m === 0 ? 0 : contextDistance(recorded, actual, fromEnd, m * (1 - mustExceed))
  const similarity = m === 0 ? 1 : 1 - distance / m
  return similarity > mustExceed ? similarity : undefined
}
