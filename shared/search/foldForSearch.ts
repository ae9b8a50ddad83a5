/** Apostrophes and look-alikes that, inside a word, are dropped so `Ka’nani` = `Ka'nani` = `Kanani`. */
const apostrophes = new Set(["'", '’', 'ʼ', '‘', '`', '´', 'ʻ'])
const combiningMark = /\p{M}/u
const letter = /[\p{L}\p{N}]/u

export type FoldedText = {
  /** Lower case, without diacritics, apostrophes inside words removed. */
  folded: string
  /** For each character of `folded`, the index of the character of the original it came from. */
  map: number[]
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
    const char = text[i] as string
    if (apostrophes.has(char) && letter.test(text[i - 1] ?? '') && letter.test(text[i + 1] ?? '')) {
      continue
    }
    for (const part of char.normalize('NFD')) {
      if (combiningMark.test(part)) continue
      const lower = part.toLowerCase()
      parts.push(lower)
      for (let k = 0; k < lower.length; k++) map.push(i)
    }
  }
  return { folded: parts.join(''), map }
}

/** The folded form alone, for the index and for queries. */
export function foldForSearch(text: string): string {
  return text.replace(/([\p{L}\p{N}])['’ʼ‘`´ʻ]+(?=[\p{L}\p{N}])/gu, '$1')
}

/** The words of a query as search compares them. */
export function queryTerms(query: string): string[] {
  return foldWithMap(query)
    .folded.split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0)
}
