/** Apostrophes and look-alikes that, inside a word, are dropped so `Ka’nani` = `Ka'nani` = `Kanani`. */
const apostrophes = new Set(["'", '’', 'ʼ', '‘', '`', '´', 'ʻ'])
const combiningMark = /\p{M}/u
const letter = /[\p{L}\p{N}]/u
/** Letters NFD leaves whole (lower case): folded by hand so `Łódź` = `Lodz`, `straße` = `strasse`. */
const letterFolds: Readonly<Record<string, string>> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŀ: 'l',
  ſ: 's',
  ĸ: 'k',
  // Whole-string lower-casing writes a final sigma, one character at a time does not.
  ς: 'σ',
  // Arabic alef maqsura is written for a final yeh and the reverse; the tatweel only stretches.
  ى: 'ي',
  ـ: '',
}
/** Hyphens and dashes, all read as `-` so `e‑Albania` (non-breaking hyphen) = `e-Albania`. */
const dashes = new Set(['‐', '‑', '‒', '–', '—', '―', '−', '﹘', '﹣', '－', '⁃'])
/** Scripts written without spaces between words: indexed as overlapping pairs of characters. */
const cjkRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{2,}/gu
const nonAscii = /[^\u0000-\u007f]/
/** Apostrophes, looked for first (they are rare) and dropped when a word goes on either side. */
const apostropheRun = /['’ʼ‘`´ʻ]+/g

export type FoldedText = {
  /** Lower case, without diacritics, apostrophes inside words removed. */
  folded: string
  /** The index of the character of the original that the character at `index` came from. */
  originalIndex: (index: number) => number
}

/** One character of the original, folded (possibly to nothing, or to two letters). */
function foldChar(char: string): string {
  let folded = foldedChars.get(char)
  if (folded === undefined) {
    folded = foldCharOnce(char)
    if (foldedChars.size < 4096) foldedChars.set(char, folded)
  }
  return folded
}
/** Folding a character decomposes it: remembered, as a text uses few distinct ones many times. */
const foldedChars = new Map<string, string>()

function foldCharOnce(char: string): string {
  if (dashes.has(char)) return '-'
  let out = ''
  for (const part of char.normalize('NFD')) {
    if (combiningMark.test(part)) continue
    const lower = part.toLowerCase()
    out += letterFolds[lower] ?? lower
  }
  return out
}

/**
 * Folds text the way search compares it, keeping a map back to the original so a match found in
 * the folded text can be highlighted in the text the user reads.
 */
export function foldWithMap(text: string): FoldedText {
  if (text === lastFolded.text) return lastFolded.result
  const parts: string[] = []
  // Where the map starts over: from `foldedAt[k]` on, the folded text copies the original from
  // `originalAt[k]` one to one, up to the next such point. Only a folded character that is not
  // plain ASCII starts one (and the text after it), so plain text costs nothing to map.
  const foldedAt: number[] = []
  const originalAt: number[] = []
  let n = 0
  let i = 0
  while (i < text.length) {
    // A run of plain ASCII, the bulk of most texts: lower-cased at once, mapped one to one.
    notPlain.lastIndex = i
    const end = notPlain.exec(text)?.index ?? text.length
    if (end > i) {
      foldedAt.push(n)
      originalAt.push(i)
      parts.push(text.slice(i, end).toLowerCase())
      n += end - i
      i = end
      continue
    }
    const code = text.charCodeAt(i)
    // A surrogate pair (an emoji, a rare Han character) is kept whole.
    const char =
      code >= 0xd800 && code < 0xdc00 && i + 1 < text.length ? text.slice(i, i + 2) : text[i]!
    if (apostrophes.has(char)) {
      // A run of apostrophes is dropped whole between letters (as `foldText` drops it).
      let end = i + 1
      while (end < text.length && apostrophes.has(text[end]!)) end++
      if (letter.test(text[i - 1] ?? '') && letter.test(text[end] ?? '')) {
        i = end
        continue
      }
    }
    const folded = char.length === 2 ? char : foldChar(char)
    parts.push(folded)
    for (let k = 0; k < folded.length; k++) {
      foldedAt.push(n++)
      originalAt.push(i + (k < char.length ? k : char.length - 1))
    }
    i += char.length
  }
  const result: FoldedText = {
    folded: parts.join(''),
    originalIndex: pointMap(foldedAt, originalAt),
  }
  lastFolded = { text, result }
  return result
}

/**
 * A map kept as the points where it starts over: from `from[k]` on, an index maps to `to[k]` and
 * on, one to one, up to the next point (`from` ascending, starting at 0).
 */
export function pointMap(
  from: readonly number[],
  to: readonly number[],
): (index: number) => number {
  return (index) => {
    // The last point at or before `index`.
    let low = 0
    let high = from.length - 1
    while (low < high) {
      const middle = (low + high + 1) >>> 1
      if ((from[middle] as number) <= index) low = middle
      else high = middle - 1
    }
    return (to[low] ?? 0) + index - (from[low] ?? 0)
  }
}

/** The first character that is not plain ASCII, or is an apostrophe or a backtick (dropped inside words). */
const notPlain = /[^\u0000-\u0026\u0028-\u005f\u0061-\u007f]/g
/**
 * The last text folded: a search folds the same text to check a hit and again to cut its snippet.
 */
let lastFolded: { text: string; result: FoldedText } = {
  text: '',
  result: { folded: '', originalIndex: (index) => index },
}

/** The folded form alone: what the index and the query words are made of (before CJK pairs). */
export function foldText(text: string): string {
  const lower = text
    .toLowerCase()
    .replace(apostropheRun, (run: string, at: number, whole: string) =>
      letter.test(whole[at - 1] ?? '') && letter.test(whole[at + run.length] ?? '') ? '' : run,
    )
  if (!nonAscii.test(lower)) return lower
  // Only the few characters outside ASCII need folding, each on its own (as `foldWithMap` does).
  return lower.replace(nonAsciiChars, (char) => (char.length === 2 ? char : foldChar(char)))
}
const nonAsciiChars = /[^\u0000-\u007f]/gu

/**
 * The encoder's `prepare`: folded text, with each run of Chinese, Japanese or Korean characters
 * written out as its overlapping pairs (`网络安全` → `网络 络安 安全`), which find any word of two
 * or more characters inside a run without a dictionary (measured: every substring query found,
 * where `Intl.Segmenter` words found 58%).
 */
export function foldForSearch(text: string): string {
  const folded = foldText(text)
  if (!nonAscii.test(folded)) return folded
  return folded.replace(cjkRun, (run) => ` ${cjkPairs(run).join(' ')} `)
}

/** The overlapping pairs of characters of a CJK run (a surrogate pair counts as one). */
export function cjkPairs(run: string): string[] {
  const chars = [...run]
  if (chars.length < 2) return chars
  const pairs: string[] = []
  for (let i = 0; i + 1 < chars.length; i++) pairs.push(chars[i]! + chars[i + 1]!)
  return pairs
}

/** Whether a folded word is written in a script without spaces (CJK). */
export function isCjk(word: string): boolean {
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(word)
}

/** The words of a query as search compares them. */
export function queryTerms(query: string): string[] {
  return foldWithMap(query)
    .folded.split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0)
}
