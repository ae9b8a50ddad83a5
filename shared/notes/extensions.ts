import {
  mergeAttributes,
  Node,
  type AnyExtension,
  type JSONContent,
  type NodeViewRenderer,
} from '@tiptap/core'
import Mention, { type MentionOptions } from '@tiptap/extension-mention'
import { TaskItem, TaskList } from '@tiptap/extension-list'
import { TableKit } from '@tiptap/extension-table'
import StarterKit from '@tiptap/starter-kit'
import { readCitation, readMention, renderCitation, renderMention } from './markdownSyntax'
import { isSafeHref, SafeMarkdownLinks } from './safeLinks'

const text = (value: unknown) => (typeof value === 'string' ? value : '')

/**
 * `@Iran`: a mention of an actor or an event of the case. Its label is the name when it was
 * written; the id says which one it is, whatever it is called later.
 */
export const CaseMention = Mention.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      kind: {
        default: 'actor',
        parseHTML: (element: { getAttribute(name: string): string | null }) =>
          element.getAttribute('data-kind') ?? 'actor',
        renderHTML: (attributes: { kind?: string }) => ({ 'data-kind': attributes.kind }),
      },
    }
  },
  markdownTokenName: 'mention',
  markdownTokenizer: {
    name: 'mention',
    level: 'inline',
    start: (src: string) => src.indexOf('[@'),
    tokenize: (src: string) => {
      const found = readMention(src)
      return found ? { type: 'mention', ...found } : undefined
    },
  },
  parseMarkdown: (token, h) =>
    h.createNode(
      'mention',
      { id: text(token.id), kind: text(token.kind), label: text(token.label) },
      [],
    ),
  renderMarkdown: (node: JSONContent) =>
    renderMention({
      kind: node.attrs?.kind === 'event' ? 'event' : 'actor',
      id: text(node.attrs?.id),
      label: text(node.attrs?.label) || text(node.attrs?.id),
    }),
})

/**
 * A quoted passage: the annotation it cites, and what the quote and its source were when it was
 * quoted, so a citation still says what it quoted after its annotation is deleted.
 */
export const Citation = Node.create({
  name: 'citation',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return {
      annotationId: { default: '' },
      sourceId: { default: '' },
      sourceTitle: { default: '' },
      quote: { default: '' },
    }
  },
  parseHTML() {
    return [{ tag: 'figure[data-citation]' }]
  },
  renderHTML({ HTMLAttributes, node }) {
    return [
      'figure',
      mergeAttributes(HTMLAttributes, { 'data-citation': '' }),
      ['blockquote', {}, String(node.attrs.quote)],
      ['figcaption', {}, String(node.attrs.sourceTitle)],
    ]
  },
  renderText({ node }) {
    return `“${String(node.attrs.quote)}” (${String(node.attrs.sourceTitle)})`
  },
  markdownTokenName: 'citation',
  markdownTokenizer: {
    name: 'citation',
    level: 'block',
    start: (src: string) => src.search(/^> “/m),
    tokenize: (src: string) => {
      const found = readCitation(src)
      return found ? { type: 'citation', ...found } : undefined
    },
  },
  parseMarkdown: (token, h) =>
    h.createNode(
      'citation',
      {
        annotationId: text(token.annotationId),
        sourceId: text(token.sourceId),
        sourceTitle: text(token.sourceTitle),
        quote: text(token.quote),
      },
      [],
    ),
  renderMarkdown: (node: JSONContent) =>
    renderCitation({
      annotationId: text(node.attrs?.annotationId),
      sourceId: text(node.attrs?.sourceId),
      sourceTitle: text(node.attrs?.sourceTitle),
      quote: text(node.attrs?.quote),
    }),
})

function citationWith(view: NodeViewRenderer | undefined) {
  return view ? Citation.extend({ addNodeView: () => view }) : Citation
}

export type NoteExtensionOptions = {
  /** How `@` suggests actors and events (the editor gives it; Node does not need it). */
  mentionSuggestion?: MentionOptions['suggestion']
  /** How the editor draws a citation (live comment and state); Node does not need it. */
  citationView?: NodeViewRenderer
}

/**
 * The schema of a note, the same in the editor and in Node (plain text for search, Markdown in
 * and out): headings, lists, task lists, quotes, code, links, tables, mentions and citations.
 */
export function noteExtensions(options: NoteExtensionOptions = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3] },
      // Kept as marks; the editor draws them inert (renderer: features/notes/inertLinks.ts).
      link: {
        openOnClick: false,
        autolink: true,
        protocols: ['http', 'https', 'mailto'],
        isAllowedUri: (url) => isSafeHref(url),
      },
    }),
    SafeMarkdownLinks,
    TaskList,
    TaskItem.configure({ nested: true }),
    TableKit.configure({ table: { resizable: false } }),
    CaseMention.configure({
      HTMLAttributes: { class: 'note-mention' },
      renderText: ({ node }) => `@${String(node.attrs.label ?? node.attrs.id)}`,
      ...(options.mentionSuggestion ? { suggestion: options.mentionSuggestion } : {}),
    }),
    citationWith(options.citationView),
  ]
}
