import type { Snippet } from '../api/contract'
import { foldWithMap, isCjk, type FoldedText } from './foldForSearch'
import { findIndicators, hostOf } from './indicators'
import { findPhrase, parseQuery, type ParsedQuery } from './parseQuery'

const wordChar = /[\p{L}\p{N}]/u
const combiningMark = /\p{M}/u

/** What a caller may know of a snippet's text and query beyond the text itself. */
export type SnippetHints = {
  /** The whole text's `foldWithMap`, when the caller has it already. */
  folded?: FoldedText | undefined
  /**
   * What the query's words are also found by (`SearchIndex.spellings`: folded, a letter written
   * twice written once): a word of the text written so, once its doubled letters are one, is
   * marked too.
   */
  spellings?: readonly string[]
}

/**
 * Cuts a window of `text` around the first match of the query and marks every match inside that
 * window: the indicators of the query (however defanged in the text), its phrases, its words (as
 * prefixes), and the other spellings they are found by. The result is plain text plus
 * ranges: a client renders it as text segments, never as HTML.
 */
export function makeSnippet(
  text: string,
  query: string | ParsedQuery,
  radius = 90,
  { folded, spellings = [] }: SnippetHints = {},
): Snippet {
  const parsed = typeof query === 'string' ? parseQuery(query) : query
  // Matches are looked for in a growing start of the text, far enough past the first one to hold
  // the whole window: most texts match early, and folding a 5 KB text whole cost more than the
  // rest of a search. A match cut at the end of that start lies past the window, so is not shown.
  // A text already folded whole is looked at whole.
  const reach = Math.max(radius, 300) + 31
  let matches: Array<[number, number]> = []
  const initial = folded ? text.length : Math.min(text.length, 2048)
  for (let length = initial; ; length = Math.min(text.length, length * 4)) {
    const part = length === text.length ? text : text.slice(0, length)
    const words = wordRanges(part, parsed, spellings, length === text.length ? folded : undefined)
    matches = mergeRanges([...indicatorRanges(part, parsed), ...words.ranges])
    const found = matches[0]
    // A phrase's words alone are not what was asked for: look further for the phrase itself.
    const phraseFurther = parsed.phrases.length > 0 && !words.phrase
    if (length === text.length) break
    if (found !== undefined && found[0] + reach <= length && !phraseFurther) break
  }
  const first = matches[0]
  const centre = first === undefined ? 0 : first[0]
  let start = Math.max(0, centre - radius)
  let end = Math.min(
    text.length,
    Math.max(centre + radius, Math.min(first?.[1] ?? 0, centre + 300)),
  )
  // Do not cut words in half at either end (but a 30-character word is cut all the same).
  for (let n = 0; n < 30 && start > 0 && wordChar.test(text[start - 1] ?? ''); n++) start--
  for (let n = 0; n < 30 && end < text.length && wordChar.test(text[end] ?? ''); n++) end++
  const prefix = start > 0 ? '…' : ''
  const suffix = end < text.length ? '…' : ''
  const body = text.slice(start, end).replace(/\n/g, ' ') // same length: highlight offsets stay true
  const highlights: Array<[number, number]> = []
  for (const [from, to] of matches) {
    if (from >= start && to <= end)
      highlights.push([from - start + prefix.length, to - start + prefix.length])
  }
  return { text: prefix + body + suffix, highlights }
}

/** Where the query's indicators (or a hash its prefix begins) stand in the original text. */
function indicatorRanges(text: string, parsed: ParsedQuery): Array<[number, number]> {
  if (parsed.indicators.length === 0 && parsed.hashPrefixes.length === 0) return []
  const wanted = new Set(parsed.indicators)
  return wordsHolding(text, [...parsed.indicators.map(anchorOf), ...parsed.hashPrefixes])
    .flatMap(([start, end]) =>
      findIndicators(text.slice(start, end)).map((found) => ({
        ...found,
        start: found.start + start,
        end: found.end + start,
      })),
    )
    .filter(
      (found) =>
        wanted.has(found.value) ||
        wanted.has(hostOf(found) ?? '') ||
        parsed.hashPrefixes.some((prefix) => found.value.startsWith(prefix)),
    )
    .map((found) => [found.start, found.end])
}

/**
 * The longest run of letters and digits of an indicator's canonical value (a URL's after its
 * scheme, which may be written `hxxp`): however the indicator is written in a text (upper case,
 * defanged, an IPv6 address with its zeros), that run stands in it as written.
 */
function anchorOf(value: string): string {
  const runs = value.slice(value.indexOf('://') + 1).match(/[a-z0-9]+/g) ?? []
  return runs.reduce((longest, run) => (run.length > longest.length ? run : longest), '')
}

/**
 * The spans [start, end) of the whitespace-separated words of a text that hold one of the
 * anchors (any case): an indicator holds no white space, so only these need scanning. Looking
 * for a few strings is far quicker than scanning every word of a 5 KB text for indicators.
 */
function wordsHolding(text: string, anchors: readonly string[]): Array<[number, number]> {
  const spans = new Map<number, number>()
  for (const anchor of anchors) {
    if (anchor === '') return [[0, text.length]]
    // Anchors are letters and digits only; `u` folds case as the indicator pattern does.
    const pattern = new RegExp(anchor.replace(/[^a-z0-9]/gi, ''), 'giu')
    let covered = 0
    for (const match of text.matchAll(pattern)) {
      if (match.index < covered) continue // inside the word just found (one long line of them)
      let start = match.index
      while (start > 0 && !/\s/.test(text[start - 1] ?? '')) start--
      let end = match.index + match[0].length
      while (end < text.length && !/\s/.test(text[end] ?? '')) end++
      spans.set(start, end)
      covered = end
    }
  }
  return [...spans].sort((a, b) => a[0] - b[0])
}

/** Where the query's phrases and words stand in the original text (found in the folded text). */
function wordRanges(
  text: string,
  parsed: ParsedQuery,
  spellings: readonly string[],
  foldedText = parsed.words.length === 0 ? undefined : foldWithMap(text),
): { ranges: Array<[number, number]>; phrase: boolean } {
  if (parsed.words.length === 0 || !foldedText) return { ranges: [], phrase: false }
  const { folded, originalIndex } = foldedText
  const original = ([from, to]: [number, number]): [number, number] => {
    const start = originalIndex(from)
    let end = originalIndex(to - 1) + 1
    while (combiningMark.test(text[end] ?? '')) end++ // the accent belongs to the marked letter
    return [start, end]
  }
  const found: Array<[number, number]> = []
  for (const phrase of parsed.phrases) {
    for (
      let match = findPhrase(folded, phrase);
      match;
      match = findPhrase(folded, phrase, match[1])
    ) {
      let end = match[1]
      // The last word may be a prefix: mark it to the end of its word (a CJK run has no end).
      if (!isCjk(phrase.at(-1) ?? ''))
        while (end < folded.length && wordChar.test(folded[end] ?? '')) end++
      found.push([match[0], end])
    }
  }
  const phraseRanges = found.length
  const inPhrases = new Set(parsed.phrases.flat())
  for (const term of new Set(parsed.words)) {
    // A phrase's words are marked where they stand together, unless the phrase is nowhere.
    if (phraseRanges > 0 && inPhrases.has(term)) continue
    found.push(...wordStarts(folded, term))
  }
  if (spellings.length > 0) found.push(...spellingRanges(folded, spellings))
  return { ranges: found.map(original), phrase: phraseRanges > 0 }
}

/** Ranges of `folded` holding a word that is one of the spellings once doubled letters are one. */
function spellingRanges(folded: string, spellings: readonly string[]): Array<[number, number]> {
  const wanted = new Set(spellings)
  const firsts = new Set(spellings.map((word) => word[0]))
  const found: Array<[number, number]> = []
  for (const match of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0]
    if (!firsts.has(word[0]) || !wanted.has(word.replace(/(.)\1+/gu, '$1'))) continue
    found.push([match.index, match.index + word.length])
  }
  return found
}

/**
 * Ranges [start, end) of `folded` where a term begins a word (anywhere, for CJK). A term of one
 * or two letters must be the whole word, or `e` would mark every word that starts with an e.
 */
function wordStarts(folded: string, term: string): Array<[number, number]> {
  const found: Array<[number, number]> = []
  const cjk = isCjk(term)
  let at = folded.indexOf(term)
  while (at >= 0) {
    if (cjk) found.push([at, at + term.length])
    else if (!wordChar.test(folded[at - 1] ?? '')) {
      let end = at + term.length
      while (end < folded.length && wordChar.test(folded[end] ?? '')) end++
      if (term.length > 2 || end === at + term.length) found.push([at, end])
    }
    at = folded.indexOf(term, at + term.length)
  }
  return found
}

/** Ranges in text order, overlapping ones joined. */
function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const merged: Array<[number, number]> = []
  for (const range of sorted) {
    const last = merged.at(-1)
    if (last && range[0] < last[1]) last[1] = Math.max(last[1], range[1])
    else merged.push([range[0], range[1]])
  }
  return merged
}
