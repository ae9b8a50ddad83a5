import { foldWithMap } from '../search/foldForSearch'

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

type Folded = { folded: string; map: number[] }
type Word = { start: number; end: number; text: string; stem: string | undefined }
type Pattern = { id: string; term: string; words: string[]; capitals: boolean }

/** Folds as search does (case, diacritics, apostrophes inside words), plus `extraFolds`. */
export function foldForMentions(text: string): Folded {
  const search = foldWithMap(text)
  let folded = ''
  const map: number[] = []
  for (let i = 0; i < search.folded.length; i++) {
    const char = search.folded[i] as string
    const replacement = extraFolds[char] ?? char
    folded += replacement
    const from = search.originalIndex(i)
    for (let k = 0; k < replacement.length; k++) map.push(from)
  }
  return { folded, map }
}

/** The words of a folded text; a possessive (`Rama’s`) also offers its stem (`rama`). */
function wordsOf(text: string, { folded, map }: Folded): Word[] {
  const words: Word[] = []
  for (const match of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    const start = match.index
    const end = start + match[0].length
    let stem: string | undefined
    const s = map[end - 1] ?? 0
    if (match[0].length > 1 && match[0].endsWith('s') && apostrophe.test(text[s - 1] ?? ''))
      stem = match[0].slice(0, -1)
    words.push({ start, end, text: match[0], stem })
  }
  return words
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
  const words = wordsOf(text, folded)
  const originalStart = (word: Word) => folded.map[word.start] ?? 0
  const mentions: Mention[] = []
  for (let i = 0; i < words.length; i++) {
    const first = words[i] as Word
    const candidates = [
      ...(byFirstWord.get(first.text) ?? []),
      ...(first.stem === undefined ? [] : (byFirstWord.get(first.stem) ?? [])),
    ].sort((a, b) => b.words.length - a.words.length)
    for (const pattern of candidates) {
      const end = matchAt(text, folded, words, i, pattern)
      if (end === undefined) continue
      mentions.push({ id: pattern.id, term: pattern.term, start: originalStart(first), end })
      i += pattern.words.length - 1
      break
    }
  }
  return mentions
}

/** Where in the original text `pattern` ends if it matches from word `i`, else undefined. */
function matchAt(
  text: string,
  folded: Folded,
  words: readonly Word[],
  i: number,
  pattern: Pattern,
): number | undefined {
  let foldedEnd = 0
  for (let k = 0; k < pattern.words.length; k++) {
    const word = words[i + k]
    if (!word) return undefined
    const last = k === pattern.words.length - 1
    if (word.text === pattern.words[k]) foldedEnd = word.end
    else if (last && word.stem === pattern.words[k]) foldedEnd = word.end - 1
    else return undefined
    if (k > 0) {
      const previous = words[i + k - 1] as Word
      const from = (folded.map[previous.end - 1] ?? 0) + 1
      const gap = text.slice(from, folded.map[word.start] ?? 0)
      if (!joiner.test(gap)) return undefined
    }
  }
  const start = folded.map[(words[i] as Word).start] ?? 0
  let end = (folded.map[foldedEnd - 1] ?? 0) + 1
  while (combiningMark.test(text[end] ?? '')) end++ // the accent belongs to the last letter
  if (pattern.capitals && text.slice(start, end) !== text.slice(start, end).toUpperCase())
    return undefined
  if (wordChar.test(text[end] ?? '') && !apostrophe.test(text[end] ?? '')) return undefined
  return end
}
