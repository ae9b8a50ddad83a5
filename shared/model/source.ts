import { z } from 'zod'
import { ReliabilitySchema, TlpSchema } from './marking'

export const SourceKindSchema = z.enum(['text', 'markdown', 'html', 'email', 'pdf'])
export type SourceKind = z.infer<typeof SourceKindSchema>

export const BlockTypeSchema = z.enum(['paragraph', 'heading', 'list-item', 'quote'])
export type BlockType = z.infer<typeof BlockTypeSchema>

/** One block of a canonical text: a half-open range [start, end) of that text. */
export const BlockSchema = z.object({
  type: BlockTypeSchema,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  level: z.number().int().min(1).max(6).optional(),
  /** The page (1-based) the block comes from, for paged originals (PDF). */
  page: z.number().int().positive().optional(),
})
export type Block = z.infer<typeof BlockSchema>

const sha256 = z.string().regex(/^[0-9a-f]{64}$/)

/** A file attached to an e-mail: listed, not imported. */
export const AttachmentSchema = z.object({
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
})
export type Attachment = z.infer<typeof AttachmentSchema>

/** What an importer learnt of a source beyond the common fields; loose so that it can grow. */
export const SourceDetailsSchema = z.looseObject({
  siteName: z.string().optional(),
  excerpt: z.string().optional(),
  messageId: z.string().optional(),
  to: z.array(z.string()).optional(),
  attachments: z.array(AttachmentSchema).optional(),
  pageCount: z.number().int().nonnegative().optional(),
  /** The writing direction the document declares. */
  dir: z.enum(['ltr', 'rtl']).optional(),
  /** How the language was known: declared by the document, or detected from its text. */
  languageFrom: z.enum(['declared', 'detected']).optional(),
})
export type SourceDetails = z.infer<typeof SourceDetailsSchema>

export const SourceSchema = z.object({
  id: z.string(),
  title: z.string(),
  authors: z.array(z.string()),
  publishedAt: z.string().nullable(),
  origin: z.object({ fileName: z.string(), url: z.string().nullable() }),
  kind: SourceKindSchema,
  language: z.string().nullable(),
  charset: z.string(),
  originalSha256: sha256,
  textSha256: sha256,
  textLength: z.number().int().nonnegative(),
  importer: z.object({ name: z.string(), version: z.string() }),
  importedAt: z.string(),
  tags: z.array(z.string()),
  tlp: TlpSchema,
  reliability: ReliabilitySchema.nullable(),
  details: SourceDetailsSchema.optional(),
  /** The source this one is a newer version of (its annotations moved here when it came in). */
  previousVersionId: z.string().optional(),
  /** The newer version of this source, once one has been imported. */
  supersededBy: z.string().optional(),
})
export type Source = z.infer<typeof SourceSchema>
