import { foldWithMap, pointMap, type FoldedText } from '../search/foldForSearch'

/** One thing that can be mentioned (an actor), by every name it goes by. */
export type MentionTarget = { id: string; names: readonly string[] }

/** A place in a text where a target is named: `text.slice(start, end)` is the name as written. */
export type Mention = { id: string; term: string; start: number; end: number }

/**
 * Letters Unicode does not decompose into a base letter and a mark, folded by hand so that
 * `Lodz` finds `Łódź` (one character may become two: `ß` → `ss`).
 */
const extraFolds: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ı: 'i',
  ŀ: 'l',
  ŧ: 't',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
}
const wordChar = /[\p{L}\p{N}]/u
const combiningMark = /\p{M}/u
const apostrophe = /['’ʼ‘`´ʻ]/u
/** Between the words of a multi-word name the text may have spaces, line breaks or hyphens. */
const joiner = /^[\s\-‐‑–]+$/u

type Word = { start: number; end: number; text: string; stem: string | undefined }
type Pattern = { id: string; term: string; words: string[]; capitals: boolean }

const extraFold = new RegExp(`[${Object.keys(extraFolds).join('')}]`, 'g')

/**
 * Folds as search does (case, diacritics, apostrophes inside words), plus `extraFolds`. The map
 * back to the original is kept as points where it starts over, as `foldWithMap` keeps it: a text
 * of megabytes costs no array of its length.
 */
export function foldForMentions(text: string): FoldedText {
  const search = foldWithMap(text)
  const { folded } = search
  extraFold.lastIndex = 0
  if (!extraFold.test(folded)) return search
  // From `foldedAt[k]` on, this text copies the search-folded one from `searchAt[k]`.
  const parts: string[] = []
  const foldedAt = [0]
  const searchAt = [0]
  let n = 0
  let at = 0
  extraFold.lastIndex = 0
  for (const match of folded.matchAll(extraFold)) {
    const replacement = extraFolds[match[0]] as string
    parts.push(folded.slice(at, match.index), replacement)
    n += match.index - at
    for (let k = 0; k < replacement.length; k++) {
      foldedAt.push(n + k)
      searchAt.push(match.index)
    }
    n += replacement.length
    at = match.index + 1
    foldedAt.push(n)
    searchAt.push(at)
  }
  parts.push(folded.slice(at))
  const toSearch = pointMap(foldedAt, searchAt)
  return {
    folded: parts.join(''),
    originalIndex: (index) => search.originalIndex(toSearch(index)),
  }
}

const wordPattern = /[\p{L}\p{N}]+/gu

/**
 * The first word of the folded text at or after `from`; a possessive (`Rama’s`) also offers its
 * stem (`rama`). Words are found one at a time: a text of megabytes holds millions of them.
 */
function wordFrom(text: string, folded: FoldedText, from: number): Word | undefined {
  wordPattern.lastIndex = from
  const match = wordPattern.exec(folded.folded)
  if (!match) return undefined
  const start = match.index
  const end = start + match[0].length
  let stem: string | undefined
  if (match[0].length > 1 && match[0].endsWith('s')) {
    const s = folded.originalIndex(end - 1)
    if (apostrophe.test(text[s - 1] ?? '')) stem = match[0].slice(0, -1)
  }
  return { start, end, text: match[0], stem }
}

/**
 * A short name in capitals (`US`, `EU`, `WHO`) is an acronym: it is found only in capitals, or
 * every “us” and “who” of a text would be a mention.
 */
function isAcronym(name: string): boolean {
  return /^\p{Lu}{2,3}$/u.test(name.trim())
}

/**
 * Every mention of the targets in `text`, in text order, as whole words, ignoring case,
 * diacritics and apostrophes (`Ka'nani` finds `Ka’nani`, `Lodz` finds `Łódź`). Where several
 * names start at the same word, the longest wins (`Edi Rama` over `Edi`); mentions never overlap.
 * Offsets are those of the original text.
 */
export function findMentions(text: string, targets: readonly MentionTarget[]): Mention[] {
  const byFirstWord = new Map<string, Pattern[]>()
  for (const target of targets) {
    for (const term of new Set(target.names)) {
      const words = foldForMentions(term).folded.match(/[\p{L}\p{N}]+/gu)
      if (!words) continue
      const pattern = { id: target.id, term, words, capitals: isAcronym(term) }
      const list = byFirstWord.get(words[0]) ?? []
      list.push(pattern)
      byFirstWord.set(words[0], list)
    }
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length)

  const folded = foldForMentions(text)
  const mentions: Mention[] = []
  let word = wordFrom(text, folded, 0)
  while (word) {
    const named = byFirstWord.get(word.text)
    const stemmed = word.stem === undefined ? undefined : byFirstWord.get(word.stem)
    let next = word.end
    if (named || stemmed) {
      const candidates = [...(named ?? []), ...(stemmed ?? [])].sort(
        (a, b) => b.words.length - a.words.length,
      )
      for (const pattern of candidates) {
        const found = matchAt(text, folded, word, pattern)
        if (!found) continue
        mentions.push({
          id: pattern.id,
          term: pattern.term,
          start: folded.originalIndex(word.start),
          end: found.end,
        })
        next = found.after
        break
      }
    }
    word = wordFrom(text, folded, next)
  }
  return mentions
}

/**
 * Where in the original text `pattern` ends if it matches from `first` on, and where in the folded
 * text its last word ends; else undefined.
 */
function matchAt(
  text: string,
  folded: FoldedText,
  first: Word,
  pattern: Pattern,
): { end: number; after: number } | undefined {
  let foldedEnd = 0
  let previous: Word | undefined
  let word: Word | undefined = first
  for (let k = 0; k < pattern.words.length; k++) {
    if (k > 0) word = wordFrom(text, folded, (previous as Word).end)
    if (!word) return undefined
    const last = k === pattern.words.length - 1
    if (word.text === pattern.words[k]) foldedEnd = word.end
    else if (last && word.stem === pattern.words[k]) foldedEnd = word.end - 1
    else return undefined
    if (previous) {
      const from = folded.originalIndex(previous.end - 1) + 1
      const gap = text.slice(from, folded.originalIndex(word.start))
      if (!joiner.test(gap)) return undefined
    }
    previous = word
  }
  const start = folded.originalIndex(first.start)
  let end = folded.originalIndex(foldedEnd - 1) + 1
  while (combiningMark.test(text[end] ?? '')) end++ // the accent belongs to the last letter
  if (pattern.capitals && text.slice(start, end) !== text.slice(start, end).toUpperCase())
    return undefined
  if (wordChar.test(text[end] ?? '') && !apostrophe.test(text[end] ?? '')) return undefined
  return { end, after: (previous as Word).end }
}
