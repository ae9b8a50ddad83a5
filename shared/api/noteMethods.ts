import { z } from 'zod'
import { NoteDocSchema, NoteSchema, NoteSummarySchema, TlpSchema } from '../model'
import { method } from './method'

const id = z.string().min(1).max(200)
const title = z.string().trim().min(1).max(300)
/** A Markdown note, as typed or as a file: the same bound as a note's document. */
const markdown = z.string().max(4_000_000)

/** Notes: the analyst's own documents, that mention actors and events and cite passages (#6). */
export function noteMethods() {
  return {
    'notes.create': method({
      doc:
        'Writes a new note from a TipTap document (`doc`) or from Markdown (`markdown`; ' +
        'mentions read `[@Name](casefile:actor/ID)`), or a blank one. The title defaults to ' +
        'the first heading, else “Untitled note”; the TLP marking to CLEAR. A document that ' +
        'does not fit the note schema is refused (`invalid_input`, naming the problem); links ' +
        'to addresses other than http(s), mailto and casefile keep only their words.',
      input: z
        .object({
          title: title.optional(),
          doc: NoteDocSchema.optional(),
          markdown: markdown.optional(),
          tlp: TlpSchema.default('CLEAR'),
        })
        .strict()
        .refine((i) => i.doc === undefined || i.markdown === undefined, {
          message: 'give `doc` or `markdown`, not both',
        }),
      output: NoteSchema,
    }),
    'notes.list': method({
      doc:
        'The live notes as summaries (id, title, tags, TLP, revision, the start of the text), ' +
        'most recently changed first.',
      input: z.object({}).strict(),
      output: z.object({ notes: z.array(NoteSummarySchema) }),
    }),
    'notes.get': method({
      doc:
        'One note, whole: its document, plain text, mentions, citations, tags and `revision`. ' +
        'A note in the trash is answered too (`deletedAt` set).',
      input: z.object({ id }).strict(),
      output: NoteSchema,
    }),
    'notes.update': method({
      doc:
        'Saves a live note: a new title, document and/or TLP marking. `baseRevision` is the ' +
        'revision the edit was made on; if the note has been saved since (in another window), ' +
        'nothing is changed and the call fails with `conflict`: reload the note, merge, and ' +
        'save on the new revision. A save that changes nothing keeps the revision.',
      input: z
        .object({
          id,
          baseRevision: z.number().int().positive(),
          title: title.optional(),
          doc: NoteDocSchema.optional(),
          tlp: TlpSchema.optional(),
        })
        .strict(),
      output: NoteSchema,
    }),
    'notes.delete': method({
      doc: 'Moves a note to the trash (it can be restored; nothing is destroyed).',
      input: z.object({ id }).strict(),
      output: NoteSchema,
    }),
    'notes.restore': method({
      doc: 'Takes a note out of the trash: listed, searchable and linked from actors again.',
      input: z.object({ id }).strict(),
      output: NoteSchema,
    }),
    'notes.export': method({
      doc:
        'A note as a Markdown file: YAML front matter (title, tlp, updated), then the document; ' +
        'mentions stay `[@Name](casefile:actor/ID)` links and citations quotes linked to ' +
        '`casefile:annotation/ID`. `fileName` is the title made safe, with `.md`.',
      input: z.object({ id }).strict(),
      output: z.object({ fileName: z.string(), markdown: z.string() }),
    }),
    'notes.import': method({
      doc:
        'Makes a note of a Markdown file. Its title is the front matter’s `title`, else the ' +
        'first heading, else the file name; a front matter `tlp` is kept when it is a TLP ' +
        'marking. Raw HTML stays text.',
      input: z.object({ fileName: z.string().min(1).max(1024), text: markdown }).strict(),
      output: NoteSchema,
    }),
  }
}
