import { z } from 'zod'
import { TlpSchema } from './marking'

/** W3C Web Annotation TextQuoteSelector: the quote and up to 32 characters either side. */
export const TextQuoteSelectorSchema = z.object({
  exact: z.string().min(1).max(100_000),
  prefix: z.string().max(32),
  suffix: z.string().max(32),
})
export type TextQuoteSelector = z.infer<typeof TextQuoteSelectorSchema>

/** W3C Web Annotation TextPositionSelector: a half-open range of the canonical text. */
export const TextPositionSelectorSchema = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().positive() })
  .refine((p) => p.end > p.start, { message: 'end must be greater than start' })
export type TextPositionSelector = z.infer<typeof TextPositionSelectorSchema>

export const AnnotationTargetSchema = z.object({
  textSha256: z.string(),
  quote: TextQuoteSelectorSchema,
  position: TextPositionSelectorSchema,
})
export type AnnotationTarget = z.infer<typeof AnnotationTargetSchema>

export const HighlightColorSchema = z.enum(['yellow', 'green', 'blue', 'pink', 'purple'])
export type HighlightColor = z.infer<typeof HighlightColorSchema>

/**
 * How an annotation's target was last found in its source's text: `exact`, `fuzzy` (with the
 * match's score, 0–1) or `orphaned` (kept and listed, attached nowhere). Absent: made on this
 * very text, so exact.
 */
export const AnchorStateSchema = z.object({
  status: z.enum(['exact', 'fuzzy', 'orphaned']),
  score: z.number().min(0).max(1),
  checkedAt: z.string(),
})
export type AnchorState = z.infer<typeof AnchorStateSchema>

export const CredibilitySchema = z.number().int().min(1).max(6)

export const AnnotationSchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  target: AnnotationTargetSchema,
  comment: z.string(),
  tags: z.array(z.string()),
  color: HighlightColorSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set when the annotation is moved to the trash; null while it is live. */
  deletedAt: z.string().nullable(),
  anchor: AnchorStateSchema.optional(),
  /** The actors and events this passage is linked to (absent in files from before links). */
  actorIds: z.array(z.string()).optional(),
  eventIds: z.array(z.string()).optional(),
  /** Admiralty information credibility: 1 (confirmed) to 6 (cannot be judged). */
  credibility: CredibilitySchema.optional(),
  tlp: TlpSchema.optional(),
})
export type Annotation = z.infer<typeof AnnotationSchema>
