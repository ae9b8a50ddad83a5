import { z } from 'zod'

/** Events the core pushes to clients while long work runs. */
export const events = {
  'import.progress': z.object({
    done: z.number().int(),
    total: z.number().int(),
    fileName: z.string(),
  }),
  'archive.progress': z.object({
    done: z.number().int(),
    total: z.number().int(),
    bytes: z.number().int(),
  }),
  'library.changed': z.object({
    what: z.enum(['sources', 'annotations', 'entities', 'notes', 'searches', 'briefs']),
    /** The one item that changed, when one did (a note's id for `notes`). */
    id: z.string().optional(),
  }),
}
export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.infer<Events[E]>
