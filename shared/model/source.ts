import { z } from 'zod'
import { ReliabilitySchema, TlpSchema } from './marking'

export const SourceKindSchema = z.enum(['text', 'markdown'])
export type SourceKind = z.infer<typeof SourceKindSchema>

export const BlockTypeSchema = z.enum(['paragraph', 'heading', 'list-item', 'quote'])
export type BlockType = z.infer<typeof BlockTypeSchema>

/** One block of a canonical text: a half-open range [start, end) of that text. */
export const BlockSchema = z.object({
  type: BlockTypeSchema,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  level: z.number().int().min(1).max(6).optional(),
})
export type Block = z.infer<typeof BlockSchema>

const sha256 = z.string().regex(/^[0-9a-f]{64}$/)

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
})
export type Source = z.infer<typeof SourceSchema>
