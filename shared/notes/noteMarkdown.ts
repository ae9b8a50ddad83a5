import type { JSONContent } from '@tiptap/core'
import { MarkdownManager } from '@tiptap/markdown'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml'
import type { NoteDoc } from '../model/note'
import { noteExtensions } from './extensions'

let manager: MarkdownManager | undefined

/** One Markdown reader and writer for the note schema (building one registers every extension). */
function markdown(): MarkdownManager {
  return (manager ??= new MarkdownManager({ extensions: noteExtensions() }))
}

/** A note's document as Markdown (`@tiptap/markdown`; mentions and citations see `markdownSyntax`). */
export function noteDocToMarkdown(doc: NoteDoc): string {
  return markdown()
    .serialize(doc as JSONContent)
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/**
 * Markdown as a note's document (not yet checked: see `canonicalNoteDoc`). Raw HTML stays text, and
 * a link to an unsafe address keeps only its words.
 */
export function markdownToNoteDoc(text: string): NoteDoc {
  return wrapStrayInline(markdown().parse(text)) as NoteDoc
}

const textblocks = new Set(['paragraph', 'heading', 'codeBlock'])
const inline = new Set(['text', 'mention', 'hardBreak'])

/**
 * Puts inline nodes the Markdown reader left among blocks (the words of an image on a line of its
 * own) into paragraphs, where the schema allows them.
 */
function wrapStrayInline(node: JSONContent): JSONContent {
  if (!node.content || textblocks.has(node.type ?? '')) return node
  const content: JSONContent[] = []
  let run: JSONContent[] = []
  const endRun = () => {
    if (run.some((child) => child.type !== 'text' || (child.text ?? '') !== ''))
      content.push({ type: 'paragraph', content: run.filter((child) => child.text !== '') })
    run = []
  }
  for (const child of node.content) {
    if (inline.has(child.type ?? '')) run.push(child)
    else {
      endRun()
      content.push(wrapStrayInline(child))
    }
  }
  endRun()
  return { ...node, content }
}

export type NoteFrontMatter = { title?: string; tlp?: string; updated?: string }

/** A note as a Markdown file: YAML front matter (title, TLP, last change), then the document. */
export function noteToMarkdownFile(note: {
  title: string
  tlp: string
  updatedAt: string
  doc: NoteDoc
}): string {
  const front = stringifyYaml({ title: note.title, tlp: note.tlp, updated: note.updatedAt })
  return `---\n${front}---\n\n${noteDocToMarkdown(note.doc)}\n`
}

const frontMatterPattern = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/

/**
 * Splits a Markdown file into its YAML front matter (only string `title`, `tlp` and `updated` are
 * read) and its body. Front matter that is not valid YAML, or not a mapping, is left in the body.
 */
export function readMarkdownFile(text: string): { frontMatter: NoteFrontMatter; body: string } {
  const match = frontMatterPattern.exec(text)
  if (!match) return { frontMatter: {}, body: text.replace(/^\uFEFF/, '') }
  let data: unknown
  try {
    data = parseYaml(match[1] ?? '', { maxAliasCount: 10, schema: 'core' })
  } catch {
    return { frontMatter: {}, body: text.replace(/^\uFEFF/, '') }
  }
  if (data === null || data === undefined) data = {}
  if (typeof data !== 'object' || Array.isArray(data))
    return { frontMatter: {}, body: text.replace(/^\uFEFF/, '') }
  const frontMatter: NoteFrontMatter = {}
  for (const key of ['title', 'tlp', 'updated'] as const) {
    const value = (data as Record<string, unknown>)[key]
    if (typeof value === 'string' && value.trim() !== '') frontMatter[key] = value.trim()
  }
  return { frontMatter, body: text.slice(match[0].length) }
}

/** The text of a document's first top-level heading, if it has one. */
export function firstHeading(doc: ProseMirrorNode): string | undefined {
  let heading: string | undefined
  doc.forEach((block) => {
    if (heading === undefined && block.type.name === 'heading') {
      const text = block.textContent.replace(/\s+/g, ' ').trim()
      if (text !== '') heading = text
    }
  })
  return heading
}

/**
 * The start of a note's text for a list, at most `length` characters, cut at a word: without the
 * first line when that line is the title (a note usually opens with its title as a heading).
 */
export function noteExcerpt(text: string, title: string, length = 160): string {
  const lines = text.split('\n')
  if (lines[0]?.trim() === title.trim()) lines.shift()
  const flat = lines.join(' ').replace(/\s+/g, ' ').trim()
  if (flat.length <= length) return flat
  const cut = flat.slice(0, length - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}
