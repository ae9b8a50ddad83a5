import { join } from 'node:path'
import { z } from 'zod'
import { ActorSchema, EventSchema, RelationSchema } from '../../shared/model'
import { JsonStore } from './jsonStore'

// Loose: fields written by a newer Casefile survive this one's writes.
export const EntityFileSchema = z.looseObject({
  actors: z.array(ActorSchema.loose()),
  events: z.array(EventSchema.loose()),
  relations: z.array(RelationSchema.loose()),
})
export type EntityFile = z.infer<typeof EntityFileSchema>

export function entityFilePath(libraryRoot: string): string {
  return join(libraryRoot, 'entities.json')
}

/**
 * Opens `entities.json`: the actors, events and relations of the case, small enough (hundreds
 * to a few thousand items) to share one file. A damaged file is kept as it is, and leaves the
 * case model unavailable while sources, annotations and notes work (see `JsonStore.openPart`).
 */
export function openEntityStore(libraryRoot: string): Promise<JsonStore<EntityFile>> {
  return JsonStore.openPart(
    entityFilePath(libraryRoot),
    { actors: [], events: [], relations: [] },
    (data) => EntityFileSchema.parse(data),
    'actors, events and relations',
  )
}
