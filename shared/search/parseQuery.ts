import { foldText, isCjk, queryTerms } from './foldForSearch'
import { findIndicators, isHashPrefix } from './indicators'

/** A query as the analyst wrote it, taken apart: what must match, what must not. */
export type ParsedQuery = {
  /** Folded words every result holds (a phrase's words among them), in query order. */
  words: string[]
  /** `"quoted phrases"`: folded words that must stand adjacent and in this order. */
  phrases: string[][]
  /** `-excluded` words (folded): a result holds none of them. */
  excluded: string[]
  /** Canonical indicators every result holds (`evil.com`, `cve-2024-3094`, a whole hash). */
  indicators: string[]
  /** `-excluded` indicators. */
  excludedIndicators: string[]
  /** Starts of hashes (6+ hex digits, at least one a digit): results hold a hash so begun. */
  hashPrefixes: string[]
  /** Whether the last word is still being typed, so it also stands for longer words. */
  lastIsPrefix: boolean
}

const quotes = /["“”„«»]/

/** Takes a query apart: quoted phrases, `-excluded` words, indicators, plain words. */
export function parseQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = {
    words: [],
    phrases: [],
    excluded: [],
    indicators: [],
    excludedIndicators: [],
    hashPrefixes: [],
    lastIsPrefix: false,
  }
  let lastPlain = false
  const pattern = /(-?)["“”„«»]([^"“”„«»]*)["“”„«»]?|(\S+)/g
  for (const match of query.matchAll(pattern)) {
    const [, negated, quoted, token] = match
    if (quoted !== undefined) {
      const words = queryTerms(quoted)
      if (negated === '-') parsed.excluded.push(...words)
      else if (words.length > 1) {
        parsed.phrases.push(words)
        parsed.words.push(...words)
      } else parsed.words.push(...words)
      lastPlain = false
      continue
    }
    if (token === undefined || quotes.test(token)) continue
    const excluded = token.startsWith('-') && token.length > 1
    const body = excluded ? token.slice(1) : token
    const indicator = wholeIndicator(body)
    lastPlain = false
    if (indicator !== undefined) {
      ;(excluded ? parsed.excludedIndicators : parsed.indicators).push(indicator)
    } else if (!excluded && isHashPrefix(body) && /\d/.test(body)) {
      parsed.hashPrefixes.push(body.toLowerCase())
    } else if (excluded) parsed.excluded.push(...queryTerms(body))
    else {
      const words = queryTerms(body)
      parsed.words.push(...words)
      // `e-Albania` is a phrase of its parts; a CJK run (indexed as pairs) is checked as written.
      if (words.length > 1) parsed.phrases.push(words)
      for (const word of words) if (isCjk(word) && word.length > 2) parsed.phrases.push([word])
      lastPlain = words.length > 0
    }
  }
  parsed.lastIsPrefix = lastPlain && !/\s$/.test(query)
  return parsed
}

/** The indicator a query token is, whole (trailing punctuation aside). */
function wholeIndicator(token: string): string | undefined {
  const found = findIndicators(token)
  const first = found[0]
  if (found.length !== 1 || first === undefined || first.start !== 0) return undefined
  return /^[\s.,;:!?)\]]*$/.test(token.slice(first.end)) ? first.value : undefined
}

/** Whether a query asks for anything at all (only exclusions ask for nothing). */
export function isEmptyQuery(parsed: ParsedQuery): boolean {
  return (
    parsed.words.length === 0 && parsed.indicators.length === 0 && parsed.hashPrefixes.length === 0
  )
}

/**
 * Whether an item's text answers what the index cannot check: phrases in order, no excluded
 * word, and (when `words` is set, for items found by an indicator) every word of the query. A
 * query word matches the start of a word of the text (the whole word for one or two letters);
 * CJK words match anywhere in a run.
 */
export function textMatches(parsed: ParsedQuery, text: string, words = false): boolean {
  return !checksText(parsed, words) || foldedMatches(parsed, foldText(text), words)
}

/** Whether `textMatches` needs to look at the text at all. */
export function checksText(parsed: ParsedQuery, words = false): boolean {
  return (
    (words && parsed.words.length > 0) || parsed.phrases.length > 0 || parsed.excluded.length > 0
  )
}

/** `textMatches` on a text already folded (`foldText`). */
export function foldedMatches(parsed: ParsedQuery, folded: string, words = false): boolean {
  const checkWords = words && parsed.words.length > 0
  for (const excluded of parsed.excluded) if (findWord(folded, excluded, false) >= 0) return false
  if (checkWords) {
    const last = parsed.words.length - 1
    for (const [i, word] of parsed.words.entries()) {
      if (findWord(folded, word, i === last && parsed.lastIsPrefix) < 0) return false
    }
  }
  return parsed.phrases.every((phrase) => findPhrase(folded, phrase) !== undefined)
}

const wordChar = /[\p{L}\p{N}]/u

/** Where `word` stands as a word of `folded` (or starts one, as a prefix); -1 if nowhere. */
export function findWord(folded: string, word: string, prefix: boolean): number {
  const cjk = isCjk(word)
  let at = folded.indexOf(word)
  while (at >= 0) {
    const end = at + word.length
    if (
      cjk ||
      (!wordChar.test(folded[at - 1] ?? '') && (prefix || !wordChar.test(folded[end] ?? '')))
    )
      return at
    at = folded.indexOf(word, at + 1)
  }
  return -1
}

/**
 * Where a phrase's words stand in a row in a folded text, at `from` or after: the first match,
 * as [start, end), or undefined. Words are separated by anything that is not a letter or digit
 * (CJK words may also touch); the first word starts a word (unless CJK); the last may be the
 * start of a longer one. Found by hand, not by a regular expression: an expression with
 * `\p{L}` took a millisecond and a half to make and first run, per phrase and per search, more
 * than checking twenty texts with it.
 */
export function findPhrase(
  folded: string,
  phrase: readonly string[],
  from = 0,
): [number, number] | undefined {
  const head = phrase[0]
  if (head === undefined || head === '') return undefined
  const cjk = phrase.map(isCjk)
  for (let at = folded.indexOf(head, from); at >= 0; at = folded.indexOf(head, at + 1)) {
    if (!cjk[0] && wordCharBefore(folded, at)) continue
    let end = at + head.length
    for (let i = 1; i < phrase.length && end >= 0; i++) {
      const word = phrase[i] as string
      let next = end
      while (next < folded.length && !wordCharAt(folded, next)) next++
      const touching = cjk[i] || cjk[i - 1]
      end = (next > end || touching) && folded.startsWith(word, next) ? next + word.length : -1
    }
    if (end >= 0) return [at, end]
  }
  return undefined
}

const letterOrDigit = /^[\p{L}\p{N}]$/u

/** Whether the character at `at` is a letter or digit (a surrogate pair read whole). */
function wordCharAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at)
  if (code < 128)
    return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90)
  const pair = code >= 0xd800 && code < 0xdc00 && at + 1 < text.length
  return letterOrDigit.test(pair ? text.slice(at, at + 2) : (text[at] as string))
}

/** Whether the character ending just before `at` is a letter or digit. */
function wordCharBefore(text: string, at: number): boolean {
  if (at === 0) return false
  const code = text.charCodeAt(at - 1)
  const high = at >= 2 ? text.charCodeAt(at - 2) : 0
  const pair = code >= 0xdc00 && code < 0xe000 && high >= 0xd800 && high < 0xdc00
  return wordCharAt(text, pair ? at - 2 : at - 1)
}
