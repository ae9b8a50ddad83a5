import { z } from 'zod'
import { SourceSchema } from '../../shared/model'
import { CatalogStore } from './catalogStore'
import { JsonStore } from './jsonStore'

export const currentSchemaVersion = 1

// Loose objects: fields written by a newer Casefile survive this one's writes.
export const CatalogSchema = z.looseObject({
  schemaVersion: z.literal(currentSchemaVersion),
  sources: z.array(SourceSchema.loose()),
  settings: z.record(z.string(), z.unknown()),
})
export type Catalog = z.infer<typeof CatalogSchema>

const emptyCatalog = (): Catalog => ({
  schemaVersion: currentSchemaVersion,
  sources: [],
  settings: {},
})

function validateCatalog(data: unknown): Catalog {
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion
  if (typeof version === 'number' && version > currentSchemaVersion) {
    throw new Error(
      `it was written by a newer Casefile (schema ${version}; this one reads ${currentSchemaVersion})`,
    )
  }
  return CatalogSchema.parse(data)
}

/**
 * Opens `casefile.json` and its journal `casefile.journal` (see `CatalogStore`); a new library
 * starts empty, a damaged file is refused and kept as is.
 */
export function openCatalog(path: string): Promise<CatalogStore> {
  return CatalogStore.open(path, journalPathOf(path), emptyCatalog(), validateCatalog)
}

/** `casefile.json` → `casefile.journal`, beside it. */
function journalPathOf(catalogPath: string): string {
  return `${catalogPath.replace(/\.json$/, '')}.journal`
}

const AnnotationTrashItemSchema = z.object({
  kind: z.literal('annotation'),
  id: z.string(),
  sourceId: z.string(),
  deletedAt: z.string(),
})

/** An actor, event or relation in the trash; it stays in entities.json, marked deleted. */
const EntityTrashItemSchema = z.object({
  kind: z.enum(['actor', 'event', 'relation']),
  id: z.string(),
  deletedAt: z.string(),
  /** For an actor merged into another: the actor that now carries its names and links. */
  mergedInto: z.string().optional(),
})

/** A note in the trash; it stays in its file (`notes/<id>.json`), marked deleted. */
const NoteTrashItemSchema = z.object({
  kind: z.literal('note'),
  id: z.string(),
  deletedAt: z.string(),
})

export const TrashSchema = z.looseObject({
  items: z.array(
    z.discriminatedUnion('kind', [
      AnnotationTrashItemSchema,
      EntityTrashItemSchema,
      NoteTrashItemSchema,
    ]),
  ),
})
export type Trash = z.infer<typeof TrashSchema>
export type TrashItem = Trash['items'][number]
export type AnnotationTrashItem = z.infer<typeof AnnotationTrashItemSchema>
export type NoteTrashItem = z.infer<typeof NoteTrashItemSchema>

export function openTrash(path: string): Promise<JsonStore<Trash>> {
  return JsonStore.open(path, { items: [] }, (data) => TrashSchema.parse(data))
}
