import type { Block, BlockType } from '../model'
import { normalizeText } from './normalizeText'

export type DraftBlock = { type: BlockType; text: string; level?: number; page?: number }

export type CanonicalText = { text: string; blocks: Block[] }

export const blockSeparator = '\n\n'

/**
 * Joins blocks into the one canonical text of a source (blocks separated by a blank line) and
 * records where each block lies in it. Empty blocks are dropped; a block's own line breaks fold
 * to spaces, so a blank line always means a block boundary.
 */
export function buildCanonicalText(drafts: readonly DraftBlock[]): CanonicalText {
  const parts: string[] = []
  const blocks: Block[] = []
  let offset = 0
  for (const draft of drafts) {
    const text = normalizeText(draft.text).replace(/\n+/g, ' ')
    if (text === '') continue
    if (parts.length > 0) offset += blockSeparator.length
    const block: Block = { type: draft.type, start: offset, end: offset + text.length }
    if (draft.level !== undefined) block.level = draft.level
    if (draft.page !== undefined) block.page = draft.page
    blocks.push(block)
    parts.push(text)
    offset += text.length
  }
  return { text: parts.join(blockSeparator), blocks }
}

/** Splits plain text into paragraphs at blank lines; hard-wrapped lines join into one paragraph. */
export function paragraphsOf(text: string): DraftBlock[] {
  return normalizeText(text)
    .split(/\n{2,}/)
    .map((paragraph) => ({ type: 'paragraph' as const, text: paragraph }))
}

/** The blocks of a canonical text when nothing better is known: one paragraph per blank line. */
export function blocksOf(text: string): Block[] {
  const blocks: Block[] = []
  let start = 0
  for (;;) {
    const end = text.indexOf(blockSeparator, start)
    blocks.push({ type: 'paragraph', start, end: end < 0 ? text.length : end })
    if (end < 0) return blocks.filter((block) => block.end > block.start)
    start = end + blockSeparator.length
  }
}
