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
  return parsed.phrases.every((phrase) => phraseRegExp(phrase).test(folded))
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
 * A phrase's words in a row, separated by anything that is not a letter or digit. The same
 * phrase is checked against every candidate of a search: its expression is made once (making it
 * cost three times as much as running it over a 5 KB text). A shared expression is safe here:
 * `test` without `g` keeps no state, and `matchAll` works on a copy.
 */
export function phraseRegExp(phrase: readonly string[], flags = 'u'): RegExp {
  const key = `${flags} ${phrase.join(' ')}`
  let made = phraseExpressions.get(key)
  if (made === undefined) {
    made = makePhraseRegExp(phrase, flags)
    if (phraseExpressions.size >= 256) phraseExpressions.clear()
    phraseExpressions.set(key, made)
  }
  made.lastIndex = 0
  return made
}
const phraseExpressions = new Map<string, RegExp>()

function makePhraseRegExp(phrase: readonly string[], flags: string): RegExp {
  let source = isCjk(phrase[0] ?? '') ? '' : '(?<![\\p{L}\\p{N}])'
  for (const [i, word] of phrase.entries()) {
    // CJK words may touch; other words need something between them (a space, a dash).
    if (i > 0)
      source += isCjk(word) || isCjk(phrase[i - 1] ?? '') ? '[^\\p{L}\\p{N}]*' : '[^\\p{L}\\p{N}]+'
    source += word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(source, flags)
}
