import { z } from 'zod'

/** Where a passage lies: its paragraph (1-based) and, in a paged original, its page (as `Place`). */
export const PlaceSchema = z.object({
  paragraph: z.number().int().positive(),
  page: z.number().int().positive().optional(),
})

/** How one citation of a brief file was found again in the library. */
export const CitationCheckSchema = z.object({
  /** The footnote's position among the brief's footnotes, from 1. */
  n: z.number().int().positive(),
  /** The footnote's label as written (`1` for `[^1]`). */
  label: z.string(),
  quote: z.string(),
  sourceTitle: z.string(),
  /** The sha256 prefix of the source text the footnote gives. */
  textSha256Prefix: z.string(),
  /** Where the footnote says the quote lies. */
  place: PlaceSchema,
  /** Whether the brief refers to this footnote at all. */
  referenced: z.boolean(),
  status: z.enum(['exact', 'fuzzy', 'orphaned']),
  /**
   * How alike the passage found is to the quote, 0–1: 1 when exact (white space aside), below 1
   * when fuzzy, 0 when orphaned.
   */
  score: z.number().min(0).max(1),
  /**
   * The source the quote was checked against: the newest version of the source cited (or of the
   * sources with its title); null when no source of the library fits.
   */
  sourceId: z.string().nullable(),
  /** The source whose text has the footnote's sha256 (the version cited); null if none has. */
  citedSourceId: z.string().nullable(),
  /** Where the quote was found in `sourceId`'s text; absent when orphaned. */
  foundAt: z
    .object({
      start: z.number().int().nonnegative(),
      end: z.number().int().nonnegative(),
      place: PlaceSchema,
    })
    .optional(),
  /** Why it is not exact, or how it was found (a newer version, by title), in words. */
  reason: z.string().optional(),
})
export type CitationCheck = z.infer<typeof CitationCheckSchema>

/** A footnote that is not a Casefile citation: reported, unchecked. */
export const UnreadableFootnoteSchema = z.object({
  n: z.number().int().positive(),
  /** As written; empty for an inline footnote `^[…]`. */
  label: z.string(),
  /** Its text as a reader sees it, shortened. */
  text: z.string(),
  /** Why it cannot be read as a citation. */
  problem: z.string(),
  referenced: z.boolean(),
})
export type UnreadableFootnote = z.infer<typeof UnreadableFootnoteSchema>

/** A brief file checked against the library: every footnote, and every reference that dangles. */
export const BriefVerificationSchema = z.object({
  /** The citations, in the order of their footnotes. */
  citations: z.array(CitationCheckSchema),
  unreadable: z.array(UnreadableFootnoteSchema),
  /** Labels of references `[^x]` that no footnote defines. */
  undefinedRefs: z.array(z.string()),
  /** Labels of footnotes the brief never refers to. */
  unreferenced: z.array(z.string()),
  counts: z.object({
    exact: z.number().int(),
    fuzzy: z.number().int(),
    orphaned: z.number().int(),
    unreadable: z.number().int(),
  }),
})
export type BriefVerification = z.infer<typeof BriefVerificationSchema>
