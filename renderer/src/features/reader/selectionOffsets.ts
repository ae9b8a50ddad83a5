/** Where a segment's text begins in the canonical text (its `data-start`). */
function segmentStart(element: Element | null): number | undefined {
  const value = element?.closest('[data-start]')?.getAttribute('data-start')
  if (value === undefined || value === null) return undefined
  const start = Number(value)
  return Number.isInteger(start) ? start : undefined
}

/** The text nodes of the rendered segments under `root`, in document order. */
function segmentTextNodes(root: Element): Text[] {
  const nodes: Text[] = []
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node instanceof Text && segmentStart(node.parentElement) !== undefined) nodes.push(node)
  }
  return nodes
}

/**
 * The canonical-text offset of a DOM boundary point. Inside a segment's text it is exact; on an
 * element boundary or outside the reader, a start moves forward to the next segment and an end
 * back to the previous one, so a triple click or a selection running into the header still maps.
 */
export function boundaryToOffset(
  root: Element,
  node: Node,
  offset: number,
  edge: 'start' | 'end',
): number | undefined {
  if (node instanceof Text && root.contains(node)) {
    const start = segmentStart(node.parentElement)
    if (start !== undefined) return start + offset
  }
  const point = root.ownerDocument.createRange()
  point.setStart(node, offset)
  point.collapse(true)
  const nodes = segmentTextNodes(root)
  if (edge === 'start') {
    const next = nodes.find((text) => point.comparePoint(text, 0) >= 0)
    return next ? segmentStart(next.parentElement) : undefined
  }
  const previous = nodes.findLast((text) => point.comparePoint(text, text.length) <= 0)
  const start = previous ? segmentStart(previous.parentElement) : undefined
  return previous && start !== undefined ? start + previous.length : undefined
}

/**
 * The [start, end) range of `text` that a DOM range covers in the reader under `root`, with
 * white space trimmed from both ends; undefined when it covers no text.
 */
export function rangeToOffsets(
  root: Element,
  range: Range,
  text: string,
): { start: number; end: number } | undefined {
  let start = boundaryToOffset(root, range.startContainer, range.startOffset, 'start')
  let end = boundaryToOffset(root, range.endContainer, range.endOffset, 'end')
  if (start === undefined || end === undefined) return undefined
  start = Math.max(0, start)
  end = Math.min(text.length, end)
  while (start < end && /\s/.test(text[start] ?? '')) start++
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--
  return end > start ? { start, end } : undefined
}
