import { contextDistance, prefixPair, suffixPair, type QuoteContext } from './contextDistance'

// How many of the quote's characters are compared on the inner side of each end.
const edgeLength = 32
// The inner text may have gained a few characters.
const slack = 8
const maxShift = 8

/**
 * Moves the ends of an approximate match to where the quote's context fits best. The search
 * reports one start per end, the longest with the fewest errors, so an edit next to an end can
 * leave it a character or two off (a deleted first letter: the match takes in the space before).
 * Each end moves by at most min(errors, 8) characters, to where the recorded context outside it
 * and the quote's own first (last) characters inside it need the fewest edits together.
 */
export function refineBoundaries(
  text: string,
  match: { start: number; end: number; errors: number },
  pattern: string,
  context: QuoteContext,
): { start: number; end: number } {
  const reach = Math.min(match.errors, maxShift)
  if (reach === 0) return match
  const head = pattern.slice(0, edgeLength)
  const tail = pattern.slice(-edgeLength)
  const start = bestOf(match.start, reach, 0, match.end - 1, (at) => {
    const inside = text.slice(at, at + head.length + slack)
    return contextDistance(...prefixPair(text, at, context), true) + contextDistance(head, inside)
  })
  const end = bestOf(match.end, reach, start + 1, text.length, (at) => {
    const inside = text.slice(Math.max(start, at - tail.length - slack), at)
    return contextDistance(...suffixPair(text, at, context)) + contextDistance(tail, inside, true)
  })
  return { start, end }
}

/** The offset within `reach` of `origin`, inside [low, high], that costs least; ties stay near. */
function bestOf(
  origin: number,
  reach: number,
  low: number,
  high: number,
  cost: (at: number) => number,
): number {
  let best = origin
  let fewest = cost(origin)
  for (let shift = 1; shift <= reach; shift++) {
    for (const at of [origin - shift, origin + shift]) {
      if (at < low || at > high) continue
      const atCost = cost(at)
      if (atCost < fewest) {
        best = at
        fewest = atCost
      }
    }
  }
  return best
}
