import type { Node as ProseMirrorNode } from '@tiptap/pm/model'

export type NoteLinks = {
  actorIds: string[]
  eventIds: string[]
  /** The annotations the note's citations quote. */
  annotationIds: string[]
  tags: string[]
}

// `#` not inside a word, an address (`/#x`, `&#32;`) or another tag: `#APT34`, `#wiper-2022`.
const tagPattern = /(?<![\p{L}\p{N}_&#/\\-])#([\p{L}\p{N}_][\p{L}\p{N}_-]*)/gu
const maxTags = 100
const maxTagLength = 100

/**
 * What a note links to: the actors and events it mentions, the annotations it cites, in the order
 * they first appear, and its `#tags` (see `tagsOf`).
 */
export function noteLinks(doc: ProseMirrorNode): NoteLinks {
  const ids = { actor: new Set<string>(), event: new Set<string>(), annotation: new Set<string>() }
  const words: string[] = []
  doc.descendants((node) => {
    const { attrs } = node
    if (node.type.name === 'mention' && (attrs.kind === 'actor' || attrs.kind === 'event'))
      ids[attrs.kind as 'actor' | 'event'].add(String(attrs.id))
    if (node.type.name === 'citation') ids.annotation.add(String(attrs.annotationId))
    if (node.isTextblock && node.type.name !== 'codeBlock') words.push(tagWords(node))
    return true
  })
  return {
    actorIds: [...ids.actor],
    eventIds: [...ids.event],
    annotationIds: [...ids.annotation],
    tags: tagsOf(words.join('\n')),
  }
}

/**
 * The `#tags` of a text: a `#` that does not follow a letter, digit or address character, then
 * letters, digits, `-` and `_` with at least one letter (`#1` is a rank, not a tag). Each tag
 * once, as first written (`#Iran` and `#iran` are one tag), without the `#`.
 */
export function tagsOf(text: string): string[] {
  const seen = new Set<string>()
  const tags: string[] = []
  for (const match of text.normalize('NFC').matchAll(tagPattern)) {
    const tag = (match[1] ?? '').replace(/[-_]+$/, '').slice(0, maxTagLength)
    const key = tag.toLocaleLowerCase()
    if (!/\p{L}/u.test(tag) || seen.has(key)) continue
    seen.add(key)
    tags.push(tag)
    if (tags.length === maxTags) break
  }
  return tags
}

/** A text block's words where tags may be written: not in code, mentions or citations. */
function tagWords(block: ProseMirrorNode): string {
  let text = ''
  block.forEach((child) => {
    text +=
      child.isText && !child.marks.some((mark) => mark.type.name === 'code') ? child.text : ' '
  })
  return text
}
