import {
  getSchema,
  getText,
  getTextSerializersFromSchema,
  type JSONContent,
  type TextSerializer,
} from '@tiptap/core'
import { Node as ProseMirrorNode, type Schema } from '@tiptap/pm/model'
import type { NoteDoc } from '../model/note'
import { noteExtensions } from './extensions'
import { withoutUnsafeLinks } from './safeLinks'

/** A document that does not fit the note schema; the message says where and why. */
export class NoteDocError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'NoteDocError'
  }
}

let built: { schema: Schema; textSerializers: Record<string, TextSerializer> } | undefined

/** The ProseMirror schema of a note (built once: building it costs more than a note's save). */
export function noteSchema(): Schema {
  return noteSchemaParts().schema
}

function noteSchemaParts() {
  if (!built) {
    const schema = getSchema(noteExtensions())
    built = { schema, textSerializers: getTextSerializersFromSchema(schema) }
  }
  return built
}

/** A blank note: one empty paragraph. */
export function emptyNoteDoc(): NoteDoc {
  return { type: 'doc', content: [{ type: 'paragraph' }] }
}

/**
 * Reads TipTap JSON as a note: every node and mark must be one the note schema knows, in a place
 * it allows, mentions must name an actor or event and citations an annotation. Throws a
 * `NoteDocError` naming the problem.
 */
export function readNoteDoc(doc: NoteDoc): ProseMirrorNode {
  let node: ProseMirrorNode
  try {
    node = ProseMirrorNode.fromJSON(noteSchema(), doc)
    node.check()
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new NoteDocError(`The note’s document does not fit the note schema: ${why}.`)
  }
  node.descendants((child) => {
    const { attrs } = child
    if (child.type.name === 'mention') {
      if (attrs.kind !== 'actor' && attrs.kind !== 'event')
        throw new NoteDocError(`A mention must be of an actor or an event, not “${attrs.kind}”.`)
      if (typeof attrs.id !== 'string' || attrs.id === '')
        throw new NoteDocError('A mention must name the actor or event it mentions (its id).')
    }
    if (child.type.name === 'citation' && !nonEmpty(attrs.annotationId))
      throw new NoteDocError('A citation must name the annotation it quotes (its id).')
  })
  return node
}

/**
 * The document as Casefile keeps it: checked (see `readNoteDoc`), links with unsafe addresses
 * reduced to their words, attributes the schema does not know dropped, defaults filled in. A
 * document without blocks becomes a blank note.
 */
export function canonicalNoteDoc(doc: NoteDoc): { doc: NoteDoc; node: ProseMirrorNode } {
  const blocks = doc.content && doc.content.length > 0 ? doc.content : emptyNoteDoc().content
  const node = readNoteDoc(
    withoutRepeatedMarks(withoutUnsafeLinks({ ...doc, content: blocks } as JSONContent)) as NoteDoc,
  )
  return { doc: node.toJSON() as NoteDoc, node }
}

/**
 * A copy of a document in which no text carries the same mark twice (the first kept): Markdown
 * such as `*_surely_*` reads as italic inside italic, which the schema refuses, and a note
 * imported from an e-mail must not be refused for it.
 */
function withoutRepeatedMarks(node: JSONContent): JSONContent {
  const copy: JSONContent = { ...node }
  if (node.marks) {
    const seen = new Set<string>()
    copy.marks = node.marks.filter((mark) => !seen.has(mark.type) && seen.add(mark.type))
  }
  if (node.content) copy.content = node.content.map(withoutRepeatedMarks)
  return copy
}

/**
 * The plain text of a note, as search reads it: one line per block, mentions as `@Label`,
 * citations as the quote with its source (`“…” (Source title)`).
 */
export function noteText(node: ProseMirrorNode): string {
  const { textSerializers } = noteSchemaParts()
  return getText(node, { blockSeparator: '\n', textSerializers })
    .replace(/[ \t]*\n[\s]*/g, '\n')
    .trim()
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value !== ''
}
