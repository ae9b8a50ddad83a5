/** A piece of a snippet: plain text, marked when it matched the query. */
export type SnippetSegment = { text: string; marked: boolean }

/**
 * Splits a snippet at its highlight ranges. Ranges out of bounds, empty or overlapping are
 * clamped or merged, so whatever the server sends, every character appears exactly once.
 */
export function snippetSegments(
  text: string,
  highlights: ReadonlyArray<readonly [number, number]>,
): SnippetSegment[] {
  const ranges = highlights
    .map(([start, end]): [number, number] => [
      Math.max(0, Math.min(start, text.length)),
      Math.max(0, Math.min(end, text.length)),
    ])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0])
  const segments: SnippetSegment[] = []
  let at = 0
  for (const [start, end] of ranges) {
    if (end <= at) continue
    const from = Math.max(start, at)
    if (from > at) segments.push({ text: text.slice(at, from), marked: false })
    const last = segments.at(-1)
    if (last?.marked && from === at) last.text += text.slice(from, end)
    else segments.push({ text: text.slice(from, end), marked: true })
    at = end
  }
  if (at < text.length) segments.push({ text: text.slice(at), marked: false })
  return segments
}
