import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { CasefileError } from '../../shared/api'
import {
  backUpItems,
  holdersOfLeftOutItems,
  isItemFile,
  itemsUnchanged,
  listItemFiles,
  newestGoodItemCopies,
  readItemList,
  writeItemList,
  type ItemFile,
  type ItemList,
  type ItemsAtHand,
  type ItemStats,
} from './backupItems'
import { BriefFileSchema } from './briefs'
import { TrashSchema, validateCatalog } from './catalog'
import { syncFolder, writeFileAtomically } from './durableFile'
import { EntityFileSchema } from './entityStore'
import { describeProblem, parseJsonObject } from './jsonStore'
import { SavedSearchFileSchema } from './savedSearches'

/** How many backups are kept (README, "Where data lives"); older ones are removed. */
export const backupsKept = 10

/** At open and on close, a backup is taken only if the newest is older than this (and differs). */
export const backupGapMs = 60 * 60 * 1000

/**
 * The library's small records, each copied whole into a backup (the catalog with its journal).
 * Backups also hold every note and annotation file, linked rather than copied (`backUpItems`).
 */
export const backedUpFiles = [
  'casefile.json',
  'casefile.journal',
  'trash.json',
  'entities.json',
  'searches.json',
  'briefs.json',
] as const
export type BackedUpFile = (typeof backedUpFiles)[number]

const catalogPair: readonly BackedUpFile[] = ['casefile.json', 'casefile.journal']

const ManifestSchema = z.object({
  takenAt: z.string(),
  reason: z.enum(['open', 'close', 'migration']),
  libraryId: z.string().nullable(),
  files: z.record(z.string(), z.object({ sha256: z.string(), bytes: z.number().int() })),
  /**
   * The note and annotation files, listed in `items.json` beside (thousands of entries, read only
   * when needed): how many, and that list's sha256. Absent from backups made before they were held.
   */
  items: z.object({ count: z.number().int(), sha256: z.string() }).optional(),
})
type Manifest = z.infer<typeof ManifestSchema>
export type BackupReason = Manifest['reason']

/** One backup: when it was taken and its folder. */
export type BackupRef = { takenAt: string; path: string }

const manifestName = 'manifest.json'

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

const fileChecks: Record<BackedUpFile, (bytes: Buffer) => void> = {
  'casefile.json': (bytes) => void validateCatalog(parseJsonObject(bytes.toString('utf8'))),
  'casefile.journal': checkJournal,
  'trash.json': (bytes) => void TrashSchema.parse(parseJsonObject(bytes.toString('utf8'))),
  'entities.json': (bytes) => void EntityFileSchema.parse(parseJsonObject(bytes.toString('utf8'))),
  'searches.json': (bytes) =>
    void SavedSearchFileSchema.parse(parseJsonObject(bytes.toString('utf8'))),
  'briefs.json': (bytes) => void BriefFileSchema.parse(parseJsonObject(bytes.toString('utf8'))),
}

/** What is wrong with a file's bytes, in words, or undefined when it parses and validates. */
export function problemOf(file: BackedUpFile, bytes: Buffer): string | undefined {
  try {
    fileChecks[file](bytes)
    return undefined
  } catch (error) {
    return describeProblem(error)
  }
}

/**
 * The journal read without changing it (see `CatalogJournal`): every line but a torn last one
 * must carry its checksum.
 */
function checkJournal(bytes: Buffer): void {
  let offset = 0
  for (let line = 1; offset < bytes.length; line++) {
    const end = bytes.indexOf(0x0a, offset)
    if (end === -1 || end === bytes.length - 1) return
    const text = bytes.subarray(offset, end)
    const json = text.subarray(17)
    if (text[16] !== 0x20 || sha256(json).slice(0, 16) !== text.toString('latin1', 0, 16))
      throw new Error(`line ${line} is damaged`)
    offset = end + 1
  }
}

/** The backups of a library with a readable manifest, newest first. */
export async function listBackups(root: string): Promise<{ folder: string; manifest: Manifest }[]> {
  const folder = join(root, 'backups')
  const names = await readdir(folder).catch(() => [] as string[])
  const found: { folder: string; manifest: Manifest }[] = []
  for (const name of names) {
    try {
      const raw = await readFile(join(folder, name, manifestName), 'utf8')
      found.push({ folder: join(folder, name), manifest: ManifestSchema.parse(JSON.parse(raw)) })
    } catch {
      // No manifest: a backup cut short (the manifest is written last); rotation removes it.
    }
  }
  return found.sort((a, b) => b.manifest.takenAt.localeCompare(a.manifest.takenAt))
}

export type TakeBackupOptions = {
  reason: BackupReason
  libraryId: string | null
  /** Skip when the newest backup is younger than this, or holds the same files (0: always take). */
  gapMs?: number
  now?: Date
  /**
   * Runs the reading of the records while the library takes no change, so the catalog and its
   * journal are one moment. The note and annotation files need no such moment (`backUpItems`).
   */
  quiet?: (<T>(work: () => Promise<T>) => Promise<T>) | undefined
}

/**
 * Copies the library's small records that parse and validate into `backups/<time>/`, and its good
 * note and annotation files (each version copied once, then linked from backup to backup: see
 * `backUpItems`), with a manifest (sha256 of each record, and of the item list) written last; a
 * damaged file is left out, so a backup never holds damage. Then keeps the newest `backupsKept`
 * (see `rotateBackups`).
 */
export async function takeBackup(
  root: string,
  options: TakeBackupOptions,
): Promise<BackupRef | undefined> {
  const now = options.now ?? new Date()
  const backups = await listBackups(root)
  const newest = backups[0]
  const gapMs = options.gapMs ?? 0
  if (newest && gapMs > 0 && now.getTime() - Date.parse(newest.manifest.takenAt) < gapMs)
    return undefined
  const read = await (options.quiet ?? ((work) => work()))(() => readRecords(root))
  const copies = goodFiles(read, newest?.manifest.files ?? {})
  const itemFiles = await listItemFiles(root)
  if (copies.size === 0 && itemFiles.length === 0) return undefined
  const files: Manifest['files'] = {}
  for (const [name, copy] of copies) files[name] = { sha256: copy.sha256, bytes: copy.bytes.length }
  const previous = newest && {
    folder: newest.folder,
    takenAt: newest.manifest.takenAt,
    list: await readItemList(newest),
  }
  const seen: ItemStats = new Map()
  if (
    gapMs > 0 &&
    previous &&
    sameFiles(newest.manifest.files, files) &&
    (await itemsUnchanged(root, itemFiles, previous.list, seen))
  )
    return undefined
  const takenAt = now.toISOString()
  const folder = join(root, 'backups', await freeName(root, takenAt))
  await mkdir(folder, { recursive: true })
  let list: ItemList
  try {
    for (const [name, copy] of copies) await writeFileAtomically(join(folder, name), copy.bytes)
    list = await backUpItems(root, { folder, takenAt }, itemFiles, previous, seen)
    const items = await writeItemList(folder, list)
    const manifest: Manifest = {
      takenAt,
      reason: options.reason,
      libraryId: options.libraryId,
      files,
      items,
    }
    await writeFileAtomically(join(folder, manifestName), JSON.stringify(manifest, null, 2))
    await syncFolder(folder)
    await syncFolder(join(root, 'backups'))
  } catch (error) {
    // A backup cut short (a full disk) leaves nothing half-written behind.
    await rm(folder, { recursive: true, force: true }).catch(() => undefined)
    throw error
  }
  await rotateBackups(root, backupsKept, { files: itemFiles, newest: list })
  return { takenAt, path: folder }
}

/**
 * The bytes of each record there is (one that cannot be read counts as empty). Only this needs
 * the library to take no change; checking them (the catalog: megabytes) comes after.
 */
async function readRecords(root: string): Promise<Map<BackedUpFile, Buffer>> {
  const read = new Map<BackedUpFile, Buffer>()
  for (const name of backedUpFiles) {
    const bytes = await readFile(join(root, name)).catch((error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' ? undefined : Buffer.alloc(0),
    )
    if (bytes) read.set(name, bytes)
  }
  return read
}

/**
 * The records that parse and validate; the catalog and its journal only together. A record with
 * the sha256 of its copy in the newest backup was checked then (the catalog takes a good part
 * of a second to check at 10,000 sources; its hash, a few milliseconds).
 */
function goodFiles(
  read: ReadonlyMap<BackedUpFile, Buffer>,
  known: Manifest['files'],
): Map<BackedUpFile, { bytes: Buffer; sha256: string }> {
  const good = new Map<BackedUpFile, { bytes: Buffer; sha256: string }>()
  for (const [name, bytes] of read) {
    const sum = sha256(bytes)
    if (known[name]?.sha256 === sum || problemOf(name, bytes) === undefined)
      good.set(name, { bytes, sha256: sum })
  }
  const journalFine = good.has('casefile.journal') || !read.has('casefile.journal')
  if (!good.has('casefile.json') || !journalFine) for (const name of catalogPair) good.delete(name)
  return good
}

function sameFiles(a: Manifest['files'], b: Manifest['files']): boolean {
  const names = Object.keys(b)
  return (
    Object.keys(a).length === names.length &&
    names.every((name) => a[name]?.sha256 === b[name]?.sha256)
  )
}

/** A folder name from the time (without `:`, which Windows refuses), unique among the backups. */
async function freeName(root: string, takenAt: string): Promise<string> {
  const base = takenAt.replace(/[:.]/g, '-')
  const taken = new Set(await readdir(join(root, 'backups')).catch(() => [] as string[]))
  let name = base
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`
  return name
}

/**
 * Keeps the newest `kept` backups, and any older one holding the newest copy of a file that
 * none of those holds (a file damaged for a while is left out of new backups: its last good copy
 * must not be rotated away). Removes the rest, and backups cut short (no manifest).
 */
export async function rotateBackups(
  root: string,
  kept = backupsKept,
  atHand?: ItemsAtHand,
): Promise<void> {
  const folder = join(root, 'backups')
  const backups = await listBackups(root)
  const keep = new Set(backups.slice(0, kept).map((backup) => backup.folder))
  for (const name of backedUpFiles) {
    const newest = backups.find((backup) => backup.manifest.files[name])
    if (newest) keep.add(newest.folder)
  }
  for (const held of await holdersOfLeftOutItems(root, backups, atHand)) keep.add(held)
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    if (!keep.has(join(folder, name)))
      await rm(join(folder, name), { recursive: true, force: true })
  }
}

/** The newest backup holding a good copy of `file` (its bytes match the manifest and validate). */
export async function newestGoodBackup(
  root: string,
  file: BackedUpFile | ItemFile,
): Promise<(BackupRef & { libraryId: string | null; copies: Map<string, Buffer> }) | undefined> {
  if (isItemFile(file)) {
    const found = (await newestGoodItemCopies(await listBackups(root), [file])).get(file)
    if (!found) return undefined
    const { bytes, ...backup } = found
    return { ...backup, copies: new Map([[file, bytes]]) }
  }
  const wanted = catalogPair.includes(file) ? catalogPair : [file]
  for (const { folder, manifest } of await listBackups(root)) {
    const copies = new Map<BackedUpFile, Buffer>()
    for (const name of wanted) {
      const listed = manifest.files[name]
      if (!listed) continue
      const bytes = await readFile(join(folder, name)).catch(() => undefined)
      if (bytes && sha256(bytes) === listed.sha256 && problemOf(name, bytes) === undefined)
        copies.set(name, bytes)
    }
    const complete = wanted.every((name) => copies.has(name) || !manifest.files[name])
    if (copies.has(wanted[0] ?? file) && complete)
      return { takenAt: manifest.takenAt, path: folder, libraryId: manifest.libraryId, copies }
  }
  return undefined
}

export type RestoredBackup = {
  /** The files put back (the catalog comes back with its journal). */
  files: (BackedUpFile | ItemFile)[]
  from: BackupRef
  /** Where the files that were there went, beside them (`<name>.damaged-<time>`). */
  movedAside: string[]
}

/**
 * Puts the newest good copy of `file` back (of `casefile.json` or `casefile.journal`: the pair
 * from one backup; or one note or annotation file). What is there now is moved aside as
 * `<name>.damaged-<time>`, never deleted; a copy is written, so the backup keeps its own. For a
 * part or item of an open library, the caller reads it again; the catalog is restored while the
 * library is closed. A backup made for another library (another `libraryId`) is refused.
 */
export async function restoreBackup(
  root: string,
  file: BackedUpFile | ItemFile,
  libraryId: string | null = null,
): Promise<RestoredBackup> {
  const backup = await newestGoodBackup(root, file)
  if (!backup) {
    throw new CasefileError(
      'not_found',
      `There is no good backup of ${file} in ${join(root, 'backups')}.`,
    )
  }
  if (libraryId !== null && backup.libraryId !== null && backup.libraryId !== libraryId) {
    throw new CasefileError(
      'bad_file',
      `The backup in ${backup.path} was made of another library; ${file} was not restored.`,
    )
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const files = isItemFile(file) || !catalogPair.includes(file) ? [file] : [...catalogPair]
  const movedAside: string[] = []
  for (const name of files) {
    const aside = `${name}.damaged-${stamp}`
    try {
      await rename(join(root, name), join(root, aside))
      movedAside.push(aside)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    const copy = backup.copies.get(name)
    if (copy) await writeFileAtomically(join(root, name), copy)
  }
  await syncFolder(dirname(join(root, file)))
  return { files, from: { takenAt: backup.takenAt, path: backup.path }, movedAside }
}

/** The sentence a refusal to open ends with: where the newest good backup of `file` is. */
export async function backupOffer(root: string, file: BackedUpFile): Promise<string> {
  const backup = await newestGoodBackup(root, file).catch(() => undefined)
  if (!backup) return ` There is no good backup of ${file}.`
  const names = [...backup.copies.keys()].join(' and ')
  return (
    ` The newest good backup is from ${backup.takenAt}, in ${backup.path}: close Casefile and ` +
    `run \`casefile --library "${root}" backup restore ${file}\` (the damaged file is kept ` +
    `beside it), or copy ${names} from there into the library folder yourself.`
  )
}
