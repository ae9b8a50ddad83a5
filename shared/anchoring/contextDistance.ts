/** What a quote recorded about its place, in the coordinates of the text it is matched against. */
export type QuoteContext = {
  prefix: string
  suffix: string
  /** The quote lay within a context's length of the text's start / end when it was recorded. */
  atStart: boolean
  atEnd: boolean
  /** Where the quote began when it was recorded. */
  hint?: number
}

// Stands for the beginning or end of the text, so a quote recorded there prefers to stay there.
const edge = '\u0000'
// A prefix or suffix may have lost or gained a few characters next to the passage.
const contextSlack = 8

/** The recorded prefix and the text before `at`, both to be read outward (from their ends). */
export function prefixPair(text: string, at: number, context: QuoteContext): [string, string] {
  const before = text.slice(Math.max(0, at - context.prefix.length - contextSlack), at)
  return [
    context.atStart ? edge + context.prefix : context.prefix,
    at === before.length ? edge + before : before,
  ]
}

/** The recorded suffix and the text after `at`, both read outward (from their starts). */
export function suffixPair(text: string, at: number, context: QuoteContext): [string, string] {
  const after = text.slice(at, at + context.suffix.length + contextSlack)
  return [
    context.atEnd ? context.suffix + edge : context.suffix,
    at + after.length === text.length ? after + edge : after,
  ]
}

/**
 * The edit distance between `recorded` and the best-matching part of `actual` that touches the
 * passage: `actual` may run on past the recorded context. `fromEnd` reads both strings from their
 * ends, as a prefix is read away from the passage. Returns early, with some distance above
 * `atMost`, as soon as the distance is sure to exceed it.
 */
export function contextDistance(
  recorded: string,
  actual: string,
  fromEnd = false,
  atMost = Infinity,
): number {
  const m = recorded.length
  const n = actual.length
  if (scratch.length <= n) scratch = new Int32Array(n + 1)
  // One row of the edit-distance table: row[j] = distance of recorded[0, i) to actual[0, j).
  const row = scratch
  for (let j = 0; j <= n; j++) row[j] = j
  let fewest = 0
  for (let i = 1; i <= m; i++) {
    let diagonal = row[0] ?? 0
    row[0] = i
    fewest = i
    const code = recorded.charCodeAt(fromEnd ? m - i : i - 1)
    for (let j = 1; j <= n; j++) {
      const above = row[j] ?? 0
      const same = code === actual.charCodeAt(fromEnd ? n - j : j - 1)
      const cell = Math.min(above + 1, (row[j - 1] ?? 0) + 1, same ? diagonal : diagonal + 1)
      row[j] = cell
      fewest = Math.min(fewest, cell)
      diagonal = above
    }
    // A row's least distance never falls in later rows (Ukkonen's cut-off).
    if (fewest > atMost) return fewest
  }
  return fewest
}

let scratch = new Int32Array(64)

/**
 * Whether a candidate is really the text that followed (or preceded) the quote, now standing
 * where the quote was because the quote was deleted: its first characters are more like the
 * recorded suffix than like the quote's own (or its last more like the recorded prefix). Lines of
 * a log or a timeline are alike enough to pass for one another otherwise.
 */
export function takesNeighboursPlace(
  text: string,
  match: { start: number; end: number },
  pattern: string,
  context: QuoteContext,
): boolean {
  const suffix = context.suffix.trimStart()
  const prefix = context.prefix.trimEnd()
  const length = Math.min(32, pattern.length)
  const head = text.slice(match.start, match.start + length + contextSlack)
  const tail = text.slice(Math.max(0, match.end - length - contextSlack), match.end)
  const closer = (neighbour: string, own: string, actual: string, fromEnd: boolean) => {
    const n = Math.min(neighbour.length, own.length)
    if (n === 0) return false
    const cut = (s: string) => (fromEnd ? s.slice(-n) : s.slice(0, n))
    return (
      contextDistance(cut(neighbour), actual, fromEnd) < contextDistance(cut(own), actual, fromEnd)
    )
  }
  return (
    closer(suffix, pattern.slice(0, length), head, false) ||
    closer(prefix, pattern.slice(-length), tail, true)
  )
}
