import { rangeToOffsets } from './selectionOffsets'

/** The [start, end) of the text the user has selected in the reader under `root`, if any. */
export function currentSelection(
  root: Element | null,
  text: string,
): { start: number; end: number } | undefined {
  const selection = window.getSelection()
  if (!root || !selection || selection.isCollapsed || selection.rangeCount === 0) return undefined
  const range = selection.getRangeAt(0)
  if (!range.intersectsNode(root)) return undefined
  return rangeToOffsets(root, range, text)
}
