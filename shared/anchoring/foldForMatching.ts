/**
 * A text folded for approximate matching, with where each of its characters came from: offsets
 * found in `text` map back to the original through `origins`.
 */
export type FoldedText = {
  text: string
  /** `origins[i]`: offset in the original of folded character i; the last entry is its length. */
  origins: Int32Array
}

// Typographic quote marks and apostrophes, folded to their ASCII forms.
const quoteMarks: ReadonlyArray<readonly [number, number]> = [
  [0x2018, 0x27], // ‘
  [0x2019, 0x27], // ’
  [0x201a, 0x27], // ‚
  [0x201b, 0x27], // ‛
  [0x2032, 0x27], // ′
  [0x02bc, 0x27], // ʼ
  [0x201c, 0x22], // “
  [0x201d, 0x22], // ”
  [0x201e, 0x22], // „
  [0x201f, 0x22], // ‟
  [0x2033, 0x22], // ″
]

// JavaScript's `\s` less U+FEFF: each run of these folds to one space.
const spaces = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
  0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]

// Characters that do not show: dropped, so they neither cost an error nor split a word.
const invisible = [0x00ad, 0x200b, 0x2060, 0xfeff]

const dropped = 0
const space = 0x20

/** What each UTF-16 code unit folds to: itself, `space`, another character, or `dropped`. */
let foldTable: Uint16Array | undefined
function table(): Uint16Array {
  if (foldTable) return foldTable
  foldTable = new Uint16Array(0x10000).map((_, code) => code)
  for (const [from, to] of quoteMarks) foldTable[from] = to
  for (const code of spaces) foldTable[code] = space
  for (const code of invisible) foldTable[code] = dropped
  return foldTable
}

/**
 * Folds what an edit of typography changes and a reader does not see: curly quotes and
 * apostrophes become straight, every run of white space (NBSP, tabs, line breaks) one space, and
 * invisible characters (soft hyphen, zero-width space) go. One character never becomes several,
 * so offsets map back exactly.
 */
export function foldForMatching(text: string): FoldedText {
  const fold = table()
  const origins = new Int32Array(text.length + 1)
  // The folded text is built from the runs of the original that folding leaves alone.
  const parts: string[] = []
  let runStart = 0
  let length = 0
  let previous = dropped
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    // U+0000 folds to `dropped` too: it has no place in a text, and stands for its edges here.
    const folded = fold[code] ?? dropped
    const kept = folded !== dropped && !(folded === space && previous === space)
    if (folded !== code || !kept) {
      parts.push(text.slice(runStart, i))
      runStart = i + 1
      if (kept) parts.push(String.fromCharCode(folded))
    }
    if (!kept) continue
    origins[length++] = i
    previous = folded
  }
  parts.push(text.slice(runStart))
  origins[length] = text.length
  return { text: parts.join(''), origins: origins.slice(0, length + 1) }
}

/** The folded offset of an original one: the first folded character that lies at or after it. */
export function foldedOffset(folded: FoldedText, original: number): number {
  let low = 0
  let high = folded.text.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((folded.origins[middle] ?? Infinity) < original) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * The original range of folded text[start, end): from the first character's origin to just after
 * the last one's, or, if that is a space, to the end of the white space it stands for.
 */
export function originalRange(
  folded: FoldedText,
  start: number,
  end: number,
): { start: number; end: number } {
  const last = folded.text.charCodeAt(end - 1) === space ? end : end - 1
  const lastOrigin = folded.origins[last] ?? 0
  return { start: folded.origins[start] ?? 0, end: last === end ? lastOrigin : lastOrigin + 1 }
}
