import type { NoteDoc, NoteNode } from '../../shared/model'

/** Builders of TipTap JSON, so a test's document reads like the note it is. */
type Mark = NonNullable<NoteNode['marks']>[number]

export const doc = (...content: NoteNode[]): NoteDoc => ({ type: 'doc', content })
export const p = (...content: Array<NoteNode | string>): NoteNode => ({
  type: 'paragraph',
  content: content.map((part) => (typeof part === 'string' ? text(part) : part)),
})
export const h = (level: 1 | 2 | 3, words: string): NoteNode => ({
  type: 'heading',
  attrs: { level },
  content: [text(words)],
})
export const text = (words: string, ...marks: Mark[]): NoteNode =>
  marks.length > 0 ? { type: 'text', text: words, marks } : { type: 'text', text: words }
export const bold: Mark = { type: 'bold' }
export const italic: Mark = { type: 'italic' }
export const code: Mark = { type: 'code' }
export const link = (href: string): Mark => ({ type: 'link', attrs: { href } })

export const bullets = (...items: NoteNode[][]): NoteNode => ({
  type: 'bulletList',
  content: items.map((content) => ({ type: 'listItem', content })),
})
export const numbered = (...items: NoteNode[][]): NoteNode => ({
  type: 'orderedList',
  content: items.map((content) => ({ type: 'listItem', content })),
})
export const tasks = (...items: Array<[boolean, ...NoteNode[]]>): NoteNode => ({
  type: 'taskList',
  content: items.map(([checked, ...content]) => ({
    type: 'taskItem',
    attrs: { checked },
    content,
  })),
})
export const quote = (...content: NoteNode[]): NoteNode => ({ type: 'blockquote', content })
export const codeBlock = (language: string | null, source: string): NoteNode => ({
  type: 'codeBlock',
  attrs: { language },
  content: [text(source)],
})
export const table = (header: string[], ...rows: string[][]): NoteNode => ({
  type: 'table',
  content: [
    {
      type: 'tableRow',
      content: header.map((cell) => ({ type: 'tableHeader', content: [p(cell)] })),
    },
    ...rows.map((row) => ({
      type: 'tableRow',
      content: row.map((cell) => ({ type: 'tableCell', content: [p(cell)] })),
    })),
  ],
})
export const mention = (kind: 'actor' | 'event', id: string, label: string): NoteNode => ({
  type: 'mention',
  attrs: { kind, id, label },
})
export const citation = (attrs: {
  annotationId: string
  sourceId: string
  sourceTitle: string
  quote: string
}): NoteNode => ({ type: 'citation', attrs })
