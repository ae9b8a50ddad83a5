/** Letters tried in place of, or beside, each letter of a misspelt word (besides its own). */
const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
/** Words shorter than this are matched as written: one edit turns `cat` into too many words. */
export const typoMinLength = 5
/** How many indexed words one misspelt word may stand for. */
const maxVariants = 8
/**
 * Words the index's encoder leaves as they are: lower-case ASCII letters, no letter twice in a
 * row (the encoder writes `ll` as `l`). The typo tests check this against the encoder itself.
 */
const plain = /^(?:([a-z])(?!\1))+$/

/**
 * The word, then the indexed words one edit away from it (a letter deleted, inserted, replaced,
 * or two neighbours swapped). The edits are generated and looked up in the vocabulary, so the
 * cost depends on the word's length, not on the size of the library.
 */
export function typoVariants(
  word: string,
  known: (term: string) => boolean,
  encode: (text: string) => string,
): string[] {
  const chars = [...word]
  if (chars.length < typoMinLength || /\d/.test(word)) return [word]
  const letters = new Set([...alphabet, ...chars])
  const edits = new Set<string>()
  for (let i = 0; i <= chars.length; i++) {
    const head = chars.slice(0, i).join('')
    const tail = chars.slice(i)
    if (tail.length > 0) edits.add(head + tail.slice(1).join(''))
    if (tail.length > 1)
      edits.add(head + (tail[1] ?? '') + (tail[0] ?? '') + tail.slice(2).join(''))
    for (const letter of letters) {
      edits.add(head + letter + tail.join(''))
      if (tail.length > 0) edits.add(head + letter + tail.slice(1).join(''))
    }
  }
  const own = encode(word)
  const variants: string[] = []
  for (const edit of edits) {
    if (variants.length >= maxVariants) break
    // Encoding hundreds of edits was most of a typo search; a plain word is its own encoding.
    const encoded = plain.test(edit) ? edit : encode(edit)
    if (encoded !== own && !encoded.includes(' ') && known(encoded) && !variants.includes(encoded))
      variants.push(encoded)
  }
  return [word, ...variants]
}
