import { createHash } from 'node:crypto'
import {
  linkSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type BigIntStats,
} from 'node:fs'
import { mkdir, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AnnotationFileSchema } from './annotationStore'
import { syncFolder, writeFileAtomically } from './durableFile'
import { describeProblem, parseJsonObject } from './jsonStore'
import { NoteFileSchema } from './noteStore'

/** The folders holding one small file per item (a source's annotations, a note). */
export const itemFolders = ['annotations', 'notes'] as const

/** A note or annotation file, relative to the library: `annotations/<source>.json`, `notes/<id>.json`. */
export type ItemFile = `${(typeof itemFolders)[number]}/${string}.json`

/** One plain file name inside an item folder: no other folder, no `..` (as `ItemFileSchema`). */
const itemFileName = /^(?:annotations|notes)\/[\w-][\w.-]*\.json$/

export function isItemFile(file: string): file is ItemFile {
  return itemFileName.test(file)
}

/**
 * How a backup holds one item file: the sha256 and size of its copy, the identity the library's
 * file had when it was copied (inode, change and modification times, in ns: a library file with
 * that same identity is that very version, see `sameVersion`), and which backup made the copy.
 */
export type ItemEntry = {
  sha256: string
  bytes: number
  ino: string
  mtimeNs: string
  ctimeNs: string
  copiedAt: string
}
export type ItemList = ReadonlyMap<string, ItemEntry>

/**
 * The list of a backup's item files, beside its manifest (which holds this list's sha256): one
 * line a file, `<sha256> <bytes> <ino> <mtimeNs> <ctimeNs> <copiedAt> <file>`. Plain lines, not
 * JSON checked by a schema: at 11,000 files that read several times slower.
 */
export const itemListName = 'items.txt'
const itemLine = /^([0-9a-f]{64}) (\d+) (\d+) (\d+) (\d+) (\S+) (\S+)$/

/** What a backup's manifest says of its item list. */
export type ItemListRef = { count: number; sha256: string }

/** A backup as `listBackups` gives it, as far as its items go. */
export type BackupWithItems = {
  folder: string
  manifest: { takenAt: string; libraryId: string | null; items?: ItemListRef | undefined }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** The note and annotation files of a library now, sorted. */
export async function listItemFiles(root: string): Promise<ItemFile[]> {
  const files: ItemFile[] = []
  for (const folder of itemFolders) {
    for (const name of await readdir(join(root, folder)).catch(() => [] as string[])) {
      const file = `${folder}/${name}`
      if (isItemFile(file)) files.push(file)
    }
  }
  return files.sort()
}

/** What is wrong with an item file's bytes, in words; undefined when its store would open it. */
export function itemProblem(file: ItemFile, bytes: Uint8Array): string | undefined {
  try {
    const data = parseJsonObject(Buffer.from(bytes).toString('utf8'))
    if (file.startsWith('notes/')) {
      const note = NoteFileSchema.parse(data)
      if (`notes/${note.id}.json` !== file) throw new Error(`it holds the note ${note.id}`)
    } else AnnotationFileSchema.parse(data)
    return undefined
  } catch (error) {
    return describeProblem(error)
  }
}

/** A backup's item list; empty when it has none (older backups) or it does not match its sha256. */
export async function readItemList(backup: BackupWithItems | undefined): Promise<ItemList> {
  const listed = backup?.manifest.items
  if (!backup || !listed) return new Map()
  const bytes = await readFile(join(backup.folder, itemListName)).catch(() => undefined)
  if (!bytes || sha256(bytes) !== listed.sha256) return new Map()
  const list = new Map<string, ItemEntry>()
  for (const line of bytes.toString('utf8').split('\n')) {
    const [, sum = '', size, ino = '', mtimeNs = '', ctimeNs = '', copiedAt = '', file] =
      itemLine.exec(line) ?? []
    if (file !== undefined && isItemFile(file))
      list.set(file, { sha256: sum, bytes: Number(size), ino, mtimeNs, ctimeNs, copiedAt })
  }
  return list
}

/** Writes a backup's item list durably; what its manifest is to say of it. */
export async function writeItemList(folder: string, list: ItemList): Promise<ItemListRef> {
  const lines = [...list].map(
    ([file, e]) =>
      `${e.sha256} ${e.bytes} ${e.ino} ${e.mtimeNs} ${e.ctimeNs} ${e.copiedAt} ${file}\n`,
  )
  const bytes = Buffer.from(lines.join(''))
  await writeFileAtomically(join(folder, itemListName), bytes)
  return { count: list.size, sha256: sha256(bytes) }
}

/**
 * Whether a library file is still the version `entry` copied: the same inode, size, and change
 * and modification times to the nanosecond (the identity rsync and git trust). Casefile replaces
 * these files by rename, so a new version is a new inode; an edit in place changes the times.
 */
function sameVersion(entry: ItemEntry | undefined, stats: BigIntStats): entry is ItemEntry {
  return (
    entry !== undefined &&
    entry.ino === String(stats.ino) &&
    entry.bytes === Number(stats.size) &&
    entry.mtimeNs === String(stats.mtimeNs) &&
    entry.ctimeNs === String(stats.ctimeNs)
  )
}

/** The stats of a file, or undefined when it is gone. */
function statOf(path: string): BigIntStats | undefined {
  try {
    return statSync(path, { bigint: true })
  } catch {
    return undefined
  }
}

/** The stats of the library's item files, each taken once per backup. */
export type ItemStats = Map<ItemFile, BigIntStats | undefined>

/**
 * Whether the library's item files are exactly those the newest backup holds, each the same
 * version: then a new backup would hold nothing new. Stops at the first difference; the stats
 * taken go into `seen`, for `backUpItems`.
 */
export async function itemsUnchanged(
  root: string,
  files: readonly ItemFile[],
  newest: ItemList,
  seen: ItemStats,
): Promise<boolean> {
  if (files.length !== newest.size) return false
  for (const [n, file] of files.entries()) {
    if (n % sliceSize === 0) await yieldToEvents()
    const stats = statOf(join(root, file))
    seen.set(file, stats)
    if (!stats || !sameVersion(newest.get(file), stats)) return false
  }
  return true
}

/** Link errors that mean "no hard links here" (FAT, some shares): copy instead. */
const cannotLink = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'])

/**
 * Puts every good note and annotation file into the backup folder `to` and lists them.
 *
 * A version already in the newest backup (`previous`) is a hard link to that backup's copy: free
 * in time and space, even at 10,000 files. This is safe because nothing ever writes a backup's
 * copy again (restoring reads it): both names keep the same bytes until both are removed, and
 * rotating the older backup away removes one name only. The library's own file is never linked:
 * Casefile replaces it by rename, but damage happens in place (a disk error, a tool writing into
 * it), and a backup sharing its inode would be damaged with it. Where links are not possible
 * (FAT, some shares), the version is copied again.
 *
 * A new version is read once: checked as its store would open it (a damaged file is left out,
 * so a backup never holds damage), hashed, and copied. Copies are not fsynced one by one (10,000
 * took 39 s here, against 1.3 s without); a copy a crash cut short is found by its size when the
 * next backup links it (and copied again), and by its sha256 when it is restored.
 */
export async function backUpItems(
  root: string,
  to: { folder: string; takenAt: string },
  files: readonly ItemFile[],
  previous: { folder: string; takenAt: string; list: ItemList } | undefined,
  seen: ItemStats = new Map(),
): Promise<ItemList> {
  for (const folder of itemFolders) await mkdir(join(to.folder, folder), { recursive: true })
  const list = new Map<string, ItemEntry>()
  let linking = true
  for (const [n, file] of files.entries()) {
    if (n % sliceSize === 0) await yieldToEvents()
    const stats = seen.has(file) ? seen.get(file) : statOf(join(root, file))
    if (!stats) continue
    const entry = previous?.list.get(file)
    const copy = join(to.folder, file)
    if (linking && previous && sameVersion(entry, stats)) {
      // Only a copy the previous backup made may not have reached the disk yet: check its size.
      const check = entry.copiedAt === previous.takenAt ? entry.bytes : undefined
      const linked = linkWhole(join(previous.folder, file), copy, check)
      if (linked === 'linked') {
        list.set(file, entry)
        continue
      }
      if (linked === 'never') linking = false
    }
    const copied = copyVersion(file, join(root, file), copy, stats, entry)
    if (copied) list.set(file, { ...copied, copiedAt: to.takenAt })
  }
  for (const folder of itemFolders) await syncFolder(join(to.folder, folder))
  return list
}

/** Links a backup's copy into the new backup, if it is whole (of `bytes`, when given). */
function linkWhole(
  from: string,
  to: string,
  bytes: number | undefined,
): 'linked' | 'not this one' | 'never' {
  try {
    linkSync(from, to)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? ''
    if (code === 'ENOENT' || code === 'EMLINK') return 'not this one'
    if (cannotLink.has(code)) return 'never'
    throw error
  }
  if (bytes === undefined || statSync(to).size === bytes) return 'linked'
  unlinkSync(to)
  return 'not this one'
}

/** Copies a library file into a backup; undefined when it is damaged or gone. */
function copyVersion(
  file: ItemFile,
  from: string,
  copy: string,
  stats: BigIntStats,
  entry: ItemEntry | undefined,
): Omit<ItemEntry, 'copiedAt'> | undefined {
  let bytes: Buffer
  try {
    bytes = readFileSync(from)
  } catch {
    return undefined
  }
  const sum = sha256(bytes)
  // A version listed before was checked then.
  if (entry?.sha256 !== sum && itemProblem(file, bytes) !== undefined) return undefined
  writeFileSync(copy, bytes, { flag: 'wx' })
  return {
    sha256: sum,
    bytes: bytes.length,
    ino: String(stats.ino),
    mtimeNs: String(stats.mtimeNs),
    ctimeNs: String(stats.ctimeNs),
  }
}

/**
 * The item files of one folder that do not open, each with what is wrong. A file that is still
 * the version the newest backup copied (`known`) was good then and holds the same bytes now, so
 * it is not read again: at 10,000 sources this is a stat each instead of reading 40 MB.
 */
export async function unreadableItemFiles(
  root: string,
  folder: (typeof itemFolders)[number],
  known: ItemList,
): Promise<{ file: ItemFile; problem: string }[]> {
  const unreadable: { file: ItemFile; problem: string }[] = []
  const files = (await listItemFiles(root)).filter((file) => file.startsWith(`${folder}/`))
  for (const [n, file] of files.entries()) {
    if (n % sliceSize === 0) await yieldToEvents()
    const path = join(root, file)
    const stats = statOf(path)
    if (!stats || sameVersion(known.get(file), stats)) continue
    let bytes: Buffer
    try {
      bytes = readFileSync(path)
    } catch {
      continue
    }
    const problem = itemProblem(file, bytes)
    if (problem !== undefined) unreadable.push({ file, problem })
  }
  return unreadable
}

/** A good copy of one item file (its bytes match the list and open), and the backup holding it. */
export type GoodItemCopy = {
  takenAt: string
  path: string
  libraryId: string | null
  bytes: Buffer
}

/** The newest good copy of each of `files` in `backups` (newest first); a file with none is left out. */
export async function newestGoodItemCopies(
  backups: readonly BackupWithItems[],
  files: readonly ItemFile[],
): Promise<Map<ItemFile, GoodItemCopy>> {
  const found = new Map<ItemFile, GoodItemCopy>()
  for (const backup of backups) {
    const wanted = files.filter((file) => !found.has(file))
    if (wanted.length === 0) break
    const list = await readItemList(backup)
    for (const file of wanted) {
      const listed = list.get(file)
      if (!listed) continue
      const bytes = await readFile(join(backup.folder, file)).catch(() => undefined)
      if (bytes && sha256(bytes) === listed.sha256 && itemProblem(file, bytes) === undefined) {
        const { takenAt, libraryId } = backup.manifest
        found.set(file, { takenAt, path: backup.folder, libraryId, bytes })
      }
    }
  }
  return found
}

/** The item files of a library and the newest backup's list of them, when already at hand. */
export type ItemsAtHand = { files: readonly ItemFile[]; newest: ItemList }

/**
 * The backups to keep beyond the newest few for the notes and annotations: for each file of the
 * library the newest backup lacks (damaged when it was taken), the newest backup holding it.
 * Files no longer in the library hold nothing back.
 */
export async function holdersOfLeftOutItems(
  root: string,
  backups: readonly BackupWithItems[],
  atHand?: ItemsAtHand,
): Promise<string[]> {
  const [newest, ...older] = backups
  if (!newest) return []
  const inNewest = atHand?.newest ?? (await readItemList(newest))
  const files = atHand?.files ?? (await listItemFiles(root))
  let missing = files.filter((file) => !inNewest.has(file))
  const holders: string[] = []
  for (const backup of older) {
    if (missing.length === 0) break
    const list = await readItemList(backup)
    if (missing.some((file) => list.has(file))) holders.push(backup.folder)
    missing = missing.filter((file) => !list.has(file))
  }
  return holders
}

/**
 * Files are stat'ed, linked, read and copied with the synchronous calls a slice at a time
 * (measured at 10,000 files: about twice as fast as through the thread pool), yielding between
 * slices so searches and saves are not kept waiting.
 */
const sliceSize = 200

function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
