import search from 'approx-string-match'
import { minQuoteSimilarity } from './scoreMatch'

/** Where an approximate match of a pattern lies, and how many edits it is from the pattern. */
export type Candidate = { start: number; end: number; errors: number }

/**
 * At most this many errors are searched for, whatever the quote's length (Hypothesis's cap): the
 * search costs O(maxErrors / 32 × text length), so a long quote on a long text stays fast. A quote
 * longer than 1,024 characters must therefore be more alike than `minQuoteSimilarity` to be
 * found: at least 1 − 256 / its length (97.4% at 10,000 characters).
 */
export const maxSearchErrors = 256

/**
 * Quotes longer than this are found by their first and last `seedLength` characters, and the
 * middle is checked in pieces: searching for the whole quote costs O(length² / 32) more over the
 * stretch where it matches (~40 ms at 8,000 characters, seconds at 100,000). The price: a long
 * quote whose first or last 64 characters were rewritten is orphaned.
 */
export const longQuoteLength = 2048
const seedLength = 64

// `search` reports only the matches with the fewest errors: it is run again over the text with
// those masked, so that a copy with one more typo, which the context may prefer, is still seen.
const searchRounds = 3
// A pathological quote (a few letters, no verbatim occurrence) can match almost anywhere.
const maxCandidates = 2000
const mask = '\uffff'
// Each pair of a long quote's possible start and end costs a check of its whole length.
const maxLongPairs = 64

/**
 * The places where `pattern` matches `text` approximately: the closest matches with up to
 * min(256, length / 2) errors, then (in later rounds) the next closest that could still clear
 * `minQuoteSimilarity`.
 */
export function findCandidates(text: string, pattern: string): Candidate[] {
  if (pattern.length === 0 || text.length === 0) return []
  if (pattern.length > longQuoteLength) return findLongCandidates(text, pattern)
  return searchInRounds(text, pattern)
}

function searchInRounds(text: string, pattern: string): Candidate[] {
  const budget = Math.min(maxSearchErrors, Math.floor(pattern.length / 2))
  const laterBudget = Math.min(budget, Math.floor(pattern.length * (1 - minQuoteSimilarity)))
  const found: Candidate[] = []
  let haystack = text
  for (let round = 0; round < searchRounds; round++) {
    const matches = search(haystack, pattern, round === 0 ? budget : laterBudget)
    found.push(...matches)
    const fewest = matches[0]?.errors
    // Later rounds only find matches with more errors than this one's.
    if (fewest === undefined || fewest >= laterBudget || found.length >= maxCandidates) break
    haystack = masked(haystack, matches)
  }
  return found.slice(0, maxCandidates)
}

function masked(text: string, matches: readonly Candidate[]): string {
  const parts: string[] = []
  let at = 0
  for (const { start, end } of [...matches].sort((a, b) => a.start - b.start)) {
    if (end <= at) continue
    parts.push(text.slice(at, Math.max(at, start)), mask.repeat(end - Math.max(at, start)))
    at = end
  }
  parts.push(text.slice(at))
  return parts.join('')
}

/**
 * A long quote: its first and last characters are searched for, each start paired with each end
 * that lies about a quote's length after it, and the pair's errors estimated piece by piece.
 */
function findLongCandidates(text: string, pattern: string): Candidate[] {
  const budget = Math.min(maxSearchErrors, Math.floor(pattern.length / 2))
  const starts = searchInRounds(text, pattern.slice(0, seedLength))
  const ends = searchInRounds(text, pattern.slice(-seedLength))
  const pairs: { head: Candidate; tail: Candidate }[] = []
  for (const head of starts) {
    for (const tail of ends) {
      if (Math.abs(tail.end - head.start - pattern.length) <= budget) pairs.push({ head, tail })
    }
  }
  pairs.sort((a, b) => a.head.errors + a.tail.errors - (b.head.errors + b.tail.errors))
  const candidates: Candidate[] = []
  for (const { head, tail } of pairs.slice(0, maxLongPairs)) {
    const errors = estimateErrors(text, pattern, head.start, tail.end)
    if (errors <= budget) candidates.push({ start: head.start, end: tail.end, errors })
  }
  return candidates
}

/**
 * About how many edits turn text[start, end) into `pattern`: the sum, over the pattern's
 * `seedLength` pieces, of each piece's fewest errors in the stretch where it should lie
 * (proportionally placed, widened by the difference in length). An estimate, not a bound: where
 * the text repeats itself, a piece may match a look-alike stretch inside its window.
 */
function estimateErrors(text: string, pattern: string, start: number, end: number): number {
  const stretch = end - start
  const slack = seedLength / 2 + Math.abs(stretch - pattern.length)
  let errors = 0
  for (let at = 0; at < pattern.length; at += seedLength) {
    const piece = pattern.slice(at, at + seedLength)
    const expected = start + Math.round((at * stretch) / pattern.length)
    const window = text.slice(
      Math.max(start, expected - slack),
      Math.min(end, expected + piece.length + slack),
    )
    errors += search(window, piece, piece.length)[0]?.errors ?? piece.length
  }
  return errors
}
