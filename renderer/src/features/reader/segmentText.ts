/** A highlighted range of the canonical text, half-open [start, end). */
export type Span = { id: string; start: number; end: number }

/** A run of text inside one block where the same set of highlights applies. */
export type Segment = { start: number; end: number; ids: string[] }

/**
 * Cuts text[start, end) into segments at every boundary of the spans that touch it, so that
 * overlapping highlights become runs covered by one, two or more of them. Spans are listed in
 * each segment in the order given.
 */
export function segmentText(start: number, end: number, spans: readonly Span[]): Segment[] {
  if (end <= start) return []
  const touching = spans.filter(
    (span) => span.start < end && span.end > start && span.end > span.start,
  )
  const cuts = new Set<number>([start, end])
  for (const span of touching) {
    if (span.start > start) cuts.add(span.start)
    if (span.end < end) cuts.add(span.end)
  }
  const points = [...cuts].sort((a, b) => a - b)
  const segments: Segment[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] ?? start
    const to = points[i + 1] ?? end
    const ids = touching
      .filter((span) => span.start <= from && span.end >= to)
      .map((span) => span.id)
    segments.push({ start: from, end: to, ids })
  }
  return segments
}

/** Of the spans covering a run, the one a click means: the shortest, i.e. the innermost. */
export function innermostSpan(ids: readonly string[], spans: readonly Span[]): string | undefined {
  let best: Span | undefined
  for (const span of spans) {
    if (!ids.includes(span.id)) continue
    if (!best || span.end - span.start < best.end - best.start) best = span
  }
  return best?.id
}
