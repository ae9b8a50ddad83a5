import { z } from 'zod'
import { TlpSchema } from './marking'

/** The kinds of item search finds. */
export const SearchKindSchema = z.enum(['source', 'annotation', 'actor', 'event', 'note'])
export type SearchKind = z.infer<typeof SearchKindSchema>

/** A date filter bound: `2024`, `2024-03` or `2024-03-15`. */
const searchDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, {
  message: 'write a date as 2024, 2024-03 or 2024-03-15',
})
const ids = z.array(z.string().min(1).max(200)).max(100)

/**
 * What narrows a search besides its words. Each filter given must hold (within one filter, any of
 * its values will do): `actorIds` keeps what is linked to or mentions an actor by any of its
 * names, `from`/`to` what is dated within the range (a source: published, else imported; an
 * annotation: created; a note: last changed; an event: when it occurred; actors have no date).
 */
export const SearchFiltersSchema = z
  .object({
    kinds: z.array(SearchKindSchema).max(5).optional(),
    tags: z.array(z.string().min(1).max(100)).max(100).optional(),
    actorIds: ids.optional(),
    eventIds: ids.optional(),
    tlp: z.array(TlpSchema).max(5).optional(),
    from: searchDate.optional(),
    to: searchDate.optional(),
    /** Words of 5+ letters also match words one typo away. */
    typo: z.boolean().optional(),
  })
  .strict()
export type SearchFilters = z.infer<typeof SearchFiltersSchema>

/** A search the analyst named, to run again. */
export const SavedSearchSchema = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  filters: SearchFiltersSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type SavedSearch = z.infer<typeof SavedSearchSchema>
