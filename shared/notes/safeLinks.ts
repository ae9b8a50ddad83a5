import { Extension, type JSONContent } from '@tiptap/core'

const invisible = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000\ufeff]/g
const safeSchemes = new Set(['http', 'https', 'mailto', 'casefile'])

/**
 * Whether a link may be kept: web and mail addresses, Casefile's own `casefile:` links, and
 * addresses without a scheme (`example.org`, `#part`, `notes/x`), which cannot run anything.
 * `javascript:`, `data:`, `file:` and every other scheme are refused, whatever their case or the
 * invisible characters hidden inside them, and so is `//host` (another host, scheme unstated).
 */
export function isSafeHref(href: unknown): boolean {
  if (typeof href !== 'string') return false
  const cleaned = href.replace(invisible, '')
  if (/^[\\/]{2}/.test(cleaned)) return false
  const scheme = /^([^:/?#]*):/.exec(cleaned)?.[1]
  return scheme === undefined || safeSchemes.has(scheme.toLowerCase())
}

/**
 * Reads Markdown links as the link mark does, except that an unsafe address (see `isSafeHref`)
 * leaves its words as plain text. Ranked before the link mark, so Markdown read by the editor or
 * in Node never carries a `javascript:` link into a note.
 */
export const SafeMarkdownLinks = Extension.create({
  name: 'safeMarkdownLinks',
  // The link mark's priority is 1000: the Markdown reader asks this extension first.
  priority: 1001,
  markdownTokenName: 'link',
  parseMarkdown: (token, helpers) => {
    const words = helpers.parseInline(token.tokens ?? [])
    const href: unknown = token.href
    if (!isSafeHref(href)) return words
    return helpers.applyMark('link', words, {
      href,
      title: typeof token.title === 'string' && token.title !== '' ? token.title : null,
    })
  },
})

/** A copy of a document without the link marks whose address is unsafe (their words stay). */
export function withoutUnsafeLinks(node: JSONContent): JSONContent {
  const copy: JSONContent = { ...node }
  if (node.marks)
    copy.marks = node.marks.filter((mark) => mark.type !== 'link' || isSafeHref(mark.attrs?.href))
  if (node.content) copy.content = node.content.map(withoutUnsafeLinks)
  return copy
}
