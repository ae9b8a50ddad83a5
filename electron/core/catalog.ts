import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { SourceSchema } from '../../shared/model'
import { CatalogStore } from './catalogStore'
import { writeFileDurably } from './durableFile'
import { JsonStore, parseJsonObject } from './jsonStore'

/**
 * The catalog's schema versions:
 * - 1 (Casefile 0.1, before #9): `{ schemaVersion: 1, sources, settings }`.
 * - 2: adds `libraryId`, a random id given to the library once, recorded in each backup's
 *   manifest so a backup is never put back into another library.
 */
export const currentSchemaVersion = 2

// Loose objects: fields written by a newer Casefile survive this one's writes.
export const CatalogSchema = z.looseObject({
  schemaVersion: z.literal(currentSchemaVersion),
  libraryId: z.string().min(1),
  sources: z.array(SourceSchema.loose()),
  settings: z.record(z.string(), z.unknown()),
})
export type Catalog = z.infer<typeof CatalogSchema>

type CatalogOfAnyVersion = Record<string, unknown> & { schemaVersion: number }

/** Migrations by the version they start from: each takes a catalog one version up. */
const migrations: Record<number, (catalog: CatalogOfAnyVersion) => CatalogOfAnyVersion> = {
  1: (catalog) => ({ ...catalog, schemaVersion: 2, libraryId: randomUUID() }),
}

const emptyCatalog = (): Catalog => ({
  schemaVersion: currentSchemaVersion,
  libraryId: randomUUID(),
  sources: [],
  settings: {},
})

/** The schema version a catalog says it has; throws, in words, for one this Casefile cannot read. */
function versionOf(data: unknown): number {
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw new Error('it does not say which schema version it has')
  if (version > currentSchemaVersion) {
    throw new Error(
      `it was written by a newer Casefile (schema ${version}; this one reads ${currentSchemaVersion})`,
    )
  }
  return version
}

/** A catalog of any version this Casefile reads, migrated (in memory) and validated. */
export function validateCatalog(data: unknown): Catalog {
  let catalog = data as CatalogOfAnyVersion
  for (let version = versionOf(data); version < currentSchemaVersion; version++) {
    const migrate = migrations[version]
    if (!migrate) throw new Error(`no migration from schema ${version}`)
    catalog = migrate(catalog)
  }
  return CatalogSchema.parse(catalog)
}

export type OpenCatalogOptions = {
  /** Runs before an older catalog is migrated and written back (to take a backup). */
  beforeMigration?: (fromVersion: number) => Promise<void>
}

/**
 * Opens `casefile.json` and its journal `casefile.journal` (see `CatalogStore`); a new library
 * starts empty, a damaged file is refused and kept as is. A catalog of an older schema is
 * migrated: `beforeMigration` first, then the migrated catalog is written back durably (so the
 * migration happens once), then opened. One of a newer schema is refused, untouched.
 */
export async function openCatalog(
  path: string,
  options: OpenCatalogOptions = {},
): Promise<CatalogStore> {
  const older = await olderCatalog(path)
  if (older) {
    await options.beforeMigration?.(older.version)
    await writeFileDurably(path, JSON.stringify(older.migrated))
  }
  return CatalogStore.open(path, journalPathOf(path), emptyCatalog(), validateCatalog)
}

/** The catalog migrated, when the file holds a good catalog of an older schema. */
async function olderCatalog(
  path: string,
): Promise<{ version: number; migrated: Catalog } | undefined> {
  let raw: string
  try {
    raw = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  try {
    const data = parseJsonObject(raw)
    const version = versionOf(data)
    if (version === currentSchemaVersion) return undefined
    return { version, migrated: validateCatalog(data) }
  } catch {
    // Damaged or newer: left for `CatalogStore.open` to refuse, untouched, in the same words.
    return undefined
  }
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

/** Opens `trash.json`; a damaged one leaves the trash unavailable, the rest of the library open. */
export function openTrash(path: string): Promise<JsonStore<Trash>> {
  return JsonStore.openPart(
    path,
    { items: [] },
    (data) => TrashSchema.parse(data),
    'the trash (deleting, restoring and listing what was deleted)',
  )
}
