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
const apostropheInWord = /([\p{L}\p{N}])['’ʼ‘`´ʻ]+(?=[\p{L}\p{N}])/gu

export type FoldedText = {
  /** Lower case, without diacritics, apostrophes inside words removed. */
  folded: string
  /** For each character of `folded`, the index of the character of the original it came from. */
  map: number[]
}

/** One character of the original, folded (possibly to nothing, or to two letters). */
function foldChar(char: string): string {
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
  const parts: string[] = []
  const map: number[] = []
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80 && code !== 0x27 && code !== 0x60) {
      // ASCII, the bulk of most texts: a cheap lower-casing, no Unicode decomposition.
      parts.push(
        code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : (text[i] as string),
      )
      map.push(i)
      continue
    }
    // A surrogate pair (an emoji, a rare Han character) is kept whole.
    const char =
      code >= 0xd800 && code < 0xdc00 && i + 1 < text.length ? text.slice(i, i + 2) : text[i]!
    if (apostrophes.has(char) && letter.test(text[i - 1] ?? '') && letter.test(text[i + 1] ?? '')) {
      continue
    }
    const folded = char.length === 2 ? char : foldChar(char)
    parts.push(folded)
    for (let k = 0; k < folded.length; k++) map.push(i + (k < char.length ? k : char.length - 1))
    i += char.length - 1
  }
  return { folded: parts.join(''), map }
}

/** The folded form alone: what the index and the query words are made of (before CJK pairs). */
export function foldText(text: string): string {
  const lower = text.toLowerCase().replace(apostropheInWord, '$1')
  if (!nonAscii.test(lower)) return lower
  return foldWithMap(lower).folded
}

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
