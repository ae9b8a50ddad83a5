import { z } from 'zod'
import { TlpSchema } from './marking'

/** The sections a brief can hold after its intro, in the order the analyst puts them. */
export const BriefSectionSchema = z.enum(['judgements', 'timeline', 'actors', 'notes', 'passages'])
export type BriefSection = z.infer<typeof BriefSectionSchema>
export const defaultBriefSections: readonly BriefSection[] = [
  'judgements',
  'timeline',
  'actors',
  'notes',
  'passages',
]

const id = z.string().min(1).max(200)
const ids = z.array(id).max(10_000)

/**
 * What a brief covers. Passages come in when they are linked to a chosen actor or event, carry a
 * chosen tag, answer the saved search, are the evidence of a relation the brief states, or were
 * picked by hand (alone or quoted in a note picked by hand). An empty scope covers the whole case.
 */
export const BriefScopeSchema = z
  .object({
    actorIds: ids.default([]),
    eventIds: ids.default([]),
    tags: z.array(z.string().min(1).max(100)).max(100).default([]),
    savedSearchId: id.nullable().default(null),
    annotationIds: ids.default([]),
    /** Notes picked by hand: each one in the brief's notes section, its quoted passages cited. */
    noteIds: ids.default([]),
  })
  .strict()
export type BriefScope = z.infer<typeof BriefScopeSchema>

/** Items the analyst dropped from the brief although its scope takes them in. */
export const BriefDroppedSchema = z
  .object({
    annotationIds: ids.default([]),
    actorIds: ids.default([]),
    eventIds: ids.default([]),
    relationIds: ids.default([]),
  })
  .strict()
export type BriefDropped = z.infer<typeof BriefDroppedSchema>

/** The parts of a brief the analyst chooses: what `briefs.save` and `briefs.preview` take. */
export const BriefDraftSchema = z
  .object({
    title: z.string().trim().min(1).max(500).default('Casefile brief'),
    author: z.string().trim().max(300).default(''),
    tlp: TlpSchema.default('AMBER'),
    /** The note whose text opens the brief. */
    introNoteId: id.nullable().default(null),
    scope: BriefScopeSchema.default(BriefScopeSchema.parse({})),
    /** The sections after the intro, in order; a section left out is not exported. */
    sections: z
      .array(z.enum(BriefSectionSchema.options))
      .max(BriefSectionSchema.options.length)
      .refine((sections) => new Set(sections).size === sections.length, {
        message: 'a section is listed twice',
      })
      .default([...defaultBriefSections]),
    dropped: BriefDroppedSchema.default(BriefDroppedSchema.parse({})),
  })
  .strict()
export type BriefDraft = z.infer<typeof BriefDraftSchema>

/** A brief the analyst saved, to export again as the case grows. */
export const BriefSchema = z.object({
  id: z.string(),
  ...BriefDraftSchema.shape,
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Brief = z.infer<typeof BriefSchema>
