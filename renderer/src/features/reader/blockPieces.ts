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
    else if (isLowSurrogate(text.charCodeAt(to))) to-- // keeps a pair together
    pieces.push({ start: from, end: to })
    from = to
  }
  pieces.push({ start: from, end })
  return pieces
}

function lastSpace(text: string, before: number, limit: number): number | undefined {
  for (let at = before - 1; at > limit; at--) {
    const code = text.charCodeAt(at)
    if (code === 0x20 || code === 0x0a || code === 0x09) return at
  }
  return undefined
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}
