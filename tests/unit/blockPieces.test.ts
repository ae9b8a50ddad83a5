import { describe, expect, it } from 'vitest'
import { blockPieces } from '../../renderer/src/features/reader/blockPieces'

/** The pieces of the whole text, checked to follow one another with none empty. */
function piecesOf(text: string) {
  const pieces = blockPieces(text, 0, text.length)
  let next = 0
  for (const piece of pieces) {
    expect(piece.start).toBe(next)
    expect(piece.end).toBeGreaterThan(piece.start)
    next = piece.end
  }
  expect(next).toBe(text.length)
  return pieces
}

describe('the pieces of a very long block', () => {
  it('never start with an accent, a joined emoji or the second half of a pair', () => {
    const texts = {
      accents: 'ae\u0301'.repeat(7_000), // no space to cut after
      families: '👨‍👩‍👧'.repeat(3_000),
      flags: '🇮🇪'.repeat(6_000),
      selectors: '☎️'.repeat(9_000),
    }
    for (const [name, text] of Object.entries(texts)) {
      const pieces = piecesOf(text)
      expect(pieces.length, name).toBeGreaterThan(1)
      for (const { start } of pieces.slice(1)) {
        const code = text.charCodeAt(start)
        expect(/^\p{M}/u.test(text.slice(start, start + 2)), name).toBe(false)
        expect(code >= 0xdc00 && code <= 0xdfff, name).toBe(false)
        expect([0x200d, 0xfe0f].includes(code), name).toBe(false)
        expect(text.charCodeAt(start - 1), name).not.toBe(0x200d)
      }
    }
  })

  it('end after a space where one is near, a no-break or ideographic one too', () => {
    for (const space of [' ', '\u00a0', '\u3000']) {
      const text = `word${space}`.repeat(5_000)
      for (const { end } of piecesOf(text).slice(0, -1)) expect(text[end - 1]).toBe(space)
    }
  })

  it('leave a block of ordinary length whole', () => {
    expect(blockPieces('A short paragraph.', 3, 12)).toEqual([{ start: 3, end: 12 }])
  })
})
