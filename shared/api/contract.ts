import { z } from 'zod'
import { AnnotationSchema, HighlightColorSchema, SourceSchema, BlockSchema } from '../model'
import { TextQuoteSelectorSchema } from '../model/annotation'

const id = z.string().min(1).max(200)
const tags = z.array(z.string().min(1).max(100)).max(100)

export const ImportStatusSchema = z.enum(['imported', 'duplicate'])

export const SnippetSchema = z.object({
  text: z.string(),
  /** Half-open [start, end) ranges of `text` that matched the query. */
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
})
export type Snippet = z.infer<typeof SnippetSchema>

export const SearchHitSchema = z.object({
  kind: z.enum(['source', 'annotation']),
  id: z.string(),
  title: z.string(),
  snippet: z.string(),
  highlights: SnippetSchema.shape.highlights,
  /** The source an annotation belongs to; for a source hit, its own id. */
  sourceId: z.string(),
})
export type SearchHit = z.infer<typeof SearchHitSchema>

export const LibraryInfoSchema = z.object({
  path: z.string(),
  schemaVersion: z.number().int(),
  counts: z.object({
    sources: z.number().int(),
    annotations: z.number().int(),
    trash: z.number().int(),
  }),
  index: z.object({
    documents: z.number().int(),
    openedFrom: z.enum(['disk', 'rebuild']),
  }),
})
export type LibraryInfo = z.infer<typeof LibraryInfoSchema>

function method<I extends z.ZodType, O extends z.ZodType>(spec: {
  doc: string
  input: I
  output: O
}) {
  return spec
}

/**
 * The contract: every capability of Casefile, named `noun.verb`. The core implements this table
 * once; IPC, HTTP, the CLI and the in-memory transport carry it unchanged, and every input is
 * validated against its schema at that one boundary.
 */
export const api = {
  'library.info': method({
    doc: 'Where the library lives, what it holds, and how its search index was opened.',
    input: z.object({}).strict(),
    output: LibraryInfoSchema,
  }),
  'library.loadSample': method({
    doc: 'Imports the small sample case that ships with Casefile (for a first run).',
    input: z.object({}).strict(),
    output: z.object({ imported: z.number().int(), duplicates: z.number().int() }),
  }),
  'sources.import': method({
    doc:
      'Imports one file (plain text, Markdown, HTML, e-mail or PDF, by its extension) given as ' +
      'UTF-8 `text` or as `base64` bytes, up to 50 MB. Content whose canonical text is already ' +
      'in the library answers `duplicate` with the existing source.',
    input: z
      .object({
        fileName: z.string().min(1).max(1024),
        text: z.string().max(50_000_000).optional(),
        base64: z.base64().max(70_000_000).optional(),
      })
      .strict()
      .refine((i) => (i.text === undefined) !== (i.base64 === undefined), {
        message: 'give exactly one of `text` or `base64`',
      }),
    output: z.object({ status: ImportStatusSchema, source: SourceSchema }),
  }),
  'sources.list': method({
    doc: 'Every source in the library, newest import first.',
    input: z.object({}).strict(),
    output: z.object({ sources: z.array(SourceSchema) }),
  }),
  'sources.get': method({
    doc: 'One source: its metadata, canonical text and the blocks (paragraphs, headings) of that text.',
    input: z.object({ id }).strict(),
    output: z.object({ source: SourceSchema, text: z.string(), blocks: z.array(BlockSchema) }),
  }),
  'annotations.create': method({
    doc:
      'Highlights a passage of a source. The quote must occur in the source text; its position ' +
      'is checked and, if it no longer matches, the quote is found again by its context.',
    input: z
      .object({
        sourceId: id,
        quote: TextQuoteSelectorSchema,
        position: z.object({
          start: z.number().int().nonnegative(),
          end: z.number().int().positive(),
        }),
        comment: z.string().max(100_000).default(''),
        tags: tags.default([]),
        color: HighlightColorSchema.default('yellow'),
      })
      .strict(),
    output: AnnotationSchema,
  }),
  'annotations.list': method({
    doc: 'The live annotations of one source, in text order.',
    input: z.object({ sourceId: id }).strict(),
    output: z.object({ annotations: z.array(AnnotationSchema) }),
  }),
  'annotations.update': method({
    doc: 'Changes the comment, tags or colour of an annotation.',
    input: z
      .object({
        id,
        comment: z.string().max(100_000).optional(),
        tags: tags.optional(),
        color: HighlightColorSchema.optional(),
      })
      .strict(),
    output: AnnotationSchema,
  }),
  'annotations.delete': method({
    doc: 'Moves an annotation to the trash (it can be restored; nothing is destroyed).',
    input: z.object({ id }).strict(),
    output: AnnotationSchema,
  }),
  'annotations.restore': method({
    doc: 'Takes an annotation out of the trash: live and searchable again, where it was.',
    input: z.object({ id }).strict(),
    output: AnnotationSchema,
  }),
  'annotations.repair': method({
    doc:
      'Re-selects the passage of a fuzzy or orphaned annotation; the new selection must occur ' +
      'exactly in the source text. Comment, tags and colour are kept.',
    input: z
      .object({
        id,
        quote: TextQuoteSelectorSchema,
        position: z.object({
          start: z.number().int().nonnegative(),
          end: z.number().int().positive(),
        }),
      })
      .strict(),
    output: AnnotationSchema,
  }),
  'annotations.health': method({
    doc:
      'Every live annotation whose passage was found only approximately (fuzzy, with its score) ' +
      'or not at all (orphaned), worst first, with its source title.',
    input: z.object({}).strict(),
    output: z.object({
      annotations: z.array(z.object({ annotation: AnnotationSchema, sourceTitle: z.string() })),
    }),
  }),
  'trash.list': method({
    doc: 'What the trash holds, most recently deleted first, with each item’s source title.',
    input: z.object({}).strict(),
    output: z.object({
      items: z.array(z.object({ annotation: AnnotationSchema, sourceTitle: z.string() })),
    }),
  }),
  'annotations.export': method({
    doc:
      'The annotations of one source (or of all) as a W3C Web Annotation collection (JSON-LD): ' +
      'TextQuote and TextPosition selectors, the source named `urn:sha256:<original sha256>`.',
    input: z.object({ sourceId: id.optional() }).strict(),
    output: z.object({ document: z.record(z.string(), z.unknown()), count: z.number().int() }),
  }),
  'annotations.import': method({
    doc:
      'Imports W3C Web Annotations (a collection, a page, an array or one annotation; Hypothesis ' +
      'exports too). Each is matched to a source by `urn:sha256:` or URL and re-anchored on its ' +
      'text: the answer counts exact, fuzzy and orphaned anchors (orphans are kept), duplicates ' +
      'and the items skipped, with reasons.',
    input: z.object({ document: z.unknown() }).strict(),
    output: z.object({
      imported: z.number().int(),
      exact: z.number().int(),
      fuzzy: z.number().int(),
      orphaned: z.number().int(),
      duplicates: z.number().int(),
      skipped: z.array(z.object({ item: z.number().int(), reason: z.string() })),
    }),
  }),
  'search.query': method({
    doc:
      'Searches sources (title, authors, text) and annotations (quote, comment, tags). Case, ' +
      'diacritics and apostrophes are folded; the last word matches as a prefix.',
    input: z
      .object({ query: z.string().max(1000), limit: z.number().int().min(1).max(500).default(20) })
      .strict(),
    output: z.object({ hits: z.array(SearchHitSchema) }),
  }),
  'briefs.export': method({
    doc:
      'Renders a Markdown brief: each annotation as a quoted passage with its comment and a ' +
      'footnote citing its source (title, author, sha256). Without `sourceIds`, every source.',
    input: z
      .object({
        title: z.string().min(1).max(500).default('Casefile brief'),
        sourceIds: z.array(id).max(10_000).optional(),
      })
      .strict(),
    output: z.object({ fileName: z.string(), markdown: z.string(), annotations: z.number().int() }),
  }),
}

export type Api = typeof api
export type MethodName = keyof Api
export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>
export type ParsedInput<M extends MethodName> = z.output<Api[M]['input']>
export type MethodOutput<M extends MethodName> = z.output<Api[M]['output']>

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(api, name)
}
