/** A stretch of a block, half-open [start, end) in the canonical text. */
export type Piece = { start: number; end: number }

/** Blocks longer than this are shown in pieces; all others are one piece, as they always were. */
export const longBlock = 16_384
const pieceLength = 8_192
/** How far back from a piece's end a space is looked for, so that words stay whole. */
const lookBack = 512

/**
 * Cuts text[start, end) into pieces of about 8,000 characters, each ending after a white space
 * where one is near, never inside a surrogate pair. The browser lays out one line of 10 MB in one
 * go (seconds); pieces shown as blocks of their own can be laid out only near the viewport.
 */
export function blockPieces(text: string, start: number, end: number): Piece[] {
  if (end - start <= longBlock) return [{ start, end }]
  const pieces: Piece[] = []
  let from = start
  while (end - from > pieceLength) {
    let to = from + pieceLength
    const space = lastSpace(text, to, to - lookBack)
    if (space !== undefined) to = space + 1
    // A piece never ends inside a pair, nor before an accent or joiner that belongs to the
    // character before (each piece is a block of its own: it would start a new line).
    while (to < end && clingsToPrevious(text, to)) to++
    pieces.push({ start: from, end: to })
    from = to
  }
  pieces.push({ start: from, end })
  return pieces
}

function lastSpace(text: string, before: number, limit: number): number | undefined {
  for (let at = before - 1; at > limit; at--) {
    const code = text.charCodeAt(at)
    if (code === 0x20 || code === 0x0a || code === 0x09 || code === 0xa0 || code === 0x3000)
      return at
  }
  return undefined
}

const mark = /^\p{M}/u

function clingsToPrevious(text: string, at: number): boolean {
  const code = text.charCodeAt(at)
  if (code >= 0xdc00 && code <= 0xdfff) return true // the second half of a pair
  if (code === 0x200c || code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f)) return true
  if (text.charCodeAt(at - 1) === 0x200d) return true // joined to the character before
  return mark.test(text.slice(at, at + 2))
}
