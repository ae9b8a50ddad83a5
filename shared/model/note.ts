import { z } from 'zod'
import { TlpSchema } from './marking'

/** The most a note's TipTap JSON may weigh, serialized: a note is not a place for a whole book. */
export const maxNoteDocChars = 2_000_000
/** Deeper than this, a document is not a note someone wrote (and would strain every walker). */
export const maxNoteDocDepth = 64

export type NoteMark = { type: string; attrs?: Record<string, unknown> | undefined }

/** One node of a TipTap document: a block, an inline node, or text with its marks. */
export type NoteNode = {
  type: string
  attrs?: Record<string, unknown> | undefined
  content?: NoteNode[] | undefined
  marks?: NoteMark[] | undefined
  text?: string | undefined
}

const NoteMarkSchema = z.object({
  type: z.string().min(1).max(100),
  attrs: z.record(z.string(), z.unknown()).optional(),
})

const NoteNodeShape: z.ZodType<NoteNode> = z.object({
  type: z.string().min(1).max(100),
  attrs: z.record(z.string(), z.unknown()).optional(),
  content: z.array(z.lazy(() => NoteNodeShape)).optional(),
  marks: z.array(NoteMarkSchema).optional(),
  text: z.string().optional(),
})

/**
 * A note's document as TipTap JSON, checked for shape only (the note schema checks the rest, see
 * `readNoteDoc`): a `doc` node, at most `maxNoteDocChars` of JSON and `maxNoteDocDepth` deep.
 * Size and depth are checked first, so a hostile document never reaches the recursive parse.
 */
export const NoteDocSchema = z
  .unknown()
  .superRefine((value, context) => {
    const depth = depthOf(value)
    if (depth > maxNoteDocDepth)
      context.addIssue({
        code: 'custom',
        message: `the document is nested more than ${maxNoteDocDepth} levels deep`,
      })
    else if ((JSON.stringify(value) ?? '').length > maxNoteDocChars)
      context.addIssue({
        code: 'custom',
        message: `the document is larger than ${maxNoteDocChars / 1_000_000} MB`,
      })
  })
  .pipe(NoteNodeShape)
  .refine((node) => node.type === 'doc', { message: 'a note document is a node of type `doc`' })
export type NoteDoc = NoteNode

/** How deep objects and arrays nest in a JSON value (iterative: no stack to exhaust). */
function depthOf(value: unknown): number {
  let deepest = 0
  const stack: Array<[unknown, number]> = [[value, 1]]
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number]
    if (typeof item !== 'object' || item === null) continue
    deepest = Math.max(deepest, depth)
    if (deepest > maxNoteDocDepth * 4) return deepest
    for (const child of Object.values(item)) stack.push([child, depth + 1])
  }
  // A node sits inside `content: [...]`, two JSON levels per document level.
  return Math.ceil(deepest / 2)
}

/**
 * A note: a rich document (TipTap JSON) with what Casefile derives from it on every save: its
 * plain text (for search), the actors and events it mentions, the annotations it cites and the
 * `#tags` it carries. `revision` grows by one with each save that changes something.
 */
export const NoteSchema = z.object({
  id: z.string(),
  title: z.string(),
  doc: NoteDocSchema,
  text: z.string(),
  actorIds: z.array(z.string()),
  eventIds: z.array(z.string()),
  annotationIds: z.array(z.string()),
  tags: z.array(z.string()),
  tlp: TlpSchema,
  revision: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set when the note is moved to the trash; null while it is live. */
  deletedAt: z.string().nullable(),
})
export type Note = z.infer<typeof NoteSchema>

/** A note as lists show it: no document, the start of its text. */
export const NoteSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  updatedAt: z.string(),
  tags: z.array(z.string()),
  /** The start of the note's text (after its title heading), at most 160 characters. */
  excerpt: z.string(),
  tlp: TlpSchema,
  revision: z.number().int().positive(),
  deletedAt: z.string().nullable(),
})
export type NoteSummary = z.infer<typeof NoteSummarySchema>
