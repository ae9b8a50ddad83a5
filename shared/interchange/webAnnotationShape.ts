import { z } from 'zod'
import {
  HighlightColorSchema,
  TextPositionSelectorSchema,
  TextQuoteSelectorSchema,
} from '../model/annotation'

/** The W3C Web Annotation JSON-LD context (https://www.w3.org/TR/annotation-vocab/). */
export const annotationContext = 'http://www.w3.org/ns/anno.jsonld'

/**
 * Casefile's own terms (`casefile:color`, …): a JSON-LD processor expands them into this
 * namespace, and tools that do not know it ignore them. `.invalid` is reserved, so it never
 * collides with anyone's vocabulary.
 */
export const casefileNamespace = 'https://casefile.invalid/ns#'

export const webAnnotationContext = [annotationContext, { casefile: casefileNamespace }] as const

/** The prefix of a source named by the SHA-256 of its original bytes. */
export const sha256Urn = 'urn:sha256:'
export const uuidUrn = 'urn:uuid:'

export const TextualBodySchema = z.object({
  type: z.literal('TextualBody'),
  purpose: z.enum(['commenting', 'tagging']),
  format: z.literal('text/plain').optional(),
  value: z.string(),
})
export type TextualBody = z.infer<typeof TextualBodySchema>

/**
 * The target: a SpecificResource whose `source` is the original bytes (`urn:sha256:`), selected
 * by quote and by position in Casefile's canonical text of them. `scope` (W3C §4.2.6, "the
 * context in which the source was seen") carries the page's URL, when it is known.
 */
export const WebAnnotationTargetSchema = z.object({
  type: z.literal('SpecificResource'),
  source: z.string(),
  scope: z.string().optional(),
  selector: z.tuple([
    TextQuoteSelectorSchema.extend({ type: z.literal('TextQuoteSelector') }),
    z.object({
      type: z.literal('TextPositionSelector'),
      start: z.number().int().nonnegative(),
      end: z.number().int().positive(),
    }),
  ]),
  /** The SHA-256 of the canonical text the selectors count in. */
  'casefile:textSha256': z.string(),
  'casefile:title': z.string(),
})
export type WebAnnotationTarget = z.infer<typeof WebAnnotationTargetSchema>

/** One annotation as Casefile writes it. */
export const WebAnnotationSchema = z.object({
  id: z.string(),
  type: z.literal('Annotation'),
  motivation: z.enum(['commenting', 'highlighting']),
  created: z.string(),
  modified: z.string(),
  body: z.array(TextualBodySchema).optional(),
  target: WebAnnotationTargetSchema,
  'casefile:color': HighlightColorSchema,
  /** How the annotation was last anchored, when not simply exact (see AnchorState). */
  'casefile:anchor': z.enum(['exact', 'fuzzy', 'orphaned']).optional(),
  'casefile:anchorScore': z.number().optional(),
  'casefile:anchorCheckedAt': z.string().optional(),
})
export type WebAnnotation = z.infer<typeof WebAnnotationSchema>

export const AnnotationCollectionSchema = z.object({
  '@context': z.tuple([z.literal(annotationContext), z.object({ casefile: z.string() })]),
  id: z.string(),
  type: z.literal('AnnotationCollection'),
  label: z.string(),
  total: z.number().int().nonnegative(),
  generated: z.string(),
  first: z.object({
    id: z.string(),
    type: z.literal('AnnotationPage'),
    startIndex: z.literal(0),
    items: z.array(WebAnnotationSchema),
  }),
})
export type AnnotationCollection = z.infer<typeof AnnotationCollectionSchema>

/**
 * One annotation read from another tool's (or Casefile's) document, before it is matched to a
 * source. `index` is its 0-based place in the document's list of annotations; `id` is the uuid of
 * a `urn:uuid:` id, else the raw id.
 */
export const ParsedWebAnnotationSchema = z.object({
  index: z.number().int().nonnegative(),
  id: z.string().nullable(),
  source: z.object({ sha256: z.string().nullable(), url: z.string().nullable() }),
  quote: TextQuoteSelectorSchema,
  position: TextPositionSelectorSchema.nullable(),
  comment: z.string(),
  tags: z.array(z.string()),
  color: HighlightColorSchema.nullable(),
  created: z.string().nullable(),
  modified: z.string().nullable(),
})
export type ParsedWebAnnotation = z.infer<typeof ParsedWebAnnotationSchema>

/** An item that could not be read: its 0-based index in the document, and why, in words. */
export type WebAnnotationProblem = { item: number; reason: string }
