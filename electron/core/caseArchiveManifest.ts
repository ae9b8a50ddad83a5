import { createHash } from 'node:crypto'
import type { FileHandle } from 'node:fs/promises'
import { UnzipInflate, UnzipPassThrough } from 'fflate'
import { z } from 'zod'
import { describeZodError } from '../../shared/api'
import { currentSchemaVersion } from './catalog'

/**
 * What a case archive holds and how its names are checked. An archive is a zip of:
 *
 *   manifest.json             format, version, counts, and every other entry's size and sha256
 *   w3c/annotations.jsonld    the library's annotations as W3C Web Annotations (for other tools;
 *                             verified on import, not unpacked: the library does not read it)
 *   library/...               the library folder's own files, as they are on disk
 *
 * The library files that travel are its records: the lowdb files at the top (`casefile.json`,
 * `trash.json`, `entities.json`, `searches.json`, `briefs.json`... any `<name>.json`), the
 * catalog's journal `casefile.journal` (the catalog is a snapshot plus this journal, replayed on
 * open, so both go as they are), and `annotations/`, `notes/`, `bodies/`, `originals/`, each
 * under the names Casefile gives their files. What is derived or belongs to this machine stays
 * behind: `index/` (rebuilt on open), `backups/`, the `.lock` file and temporary `*.tmp` files.
 * Anything else found in the folder is not exported, and is named in the export's `skipped`.
 * Import accepts exactly these names, so an archive cannot write anywhere else.
 */
export const manifestPath = 'manifest.json'
export const webAnnotationsPath = 'w3c/annotations.jsonld'
export const libraryPrefix = 'library/'
export const archiveFormat = 'casefile-archive'
export const archiveFormatVersion = 1

const sha256Hex = /^[0-9a-f]{64}$/
const id = '[A-Za-z0-9][A-Za-z0-9_-]{0,127}'
const sha = '[0-9a-f]{64}'
/** Library-relative names that travel, each matched whole. */
const libraryFiles = [
  /^[a-z][a-z0-9-]{0,63}\.json$/,
  /^casefile\.journal$/,
  new RegExp(`^annotations/${id}\\.json$`),
  new RegExp(`^notes/${id}\\.json$`),
  new RegExp(`^bodies/${sha}\\.(txt|blocks\\.json)$`),
  new RegExp(`^originals/${sha}\\.[a-z0-9]{1,10}$`),
]
/** The folders whose files travel (the rest of a library's folders are derived or local). */
export const libraryFolders = ['annotations', 'notes', 'bodies', 'originals'] as const
/** Left behind without mention: derived, machine-local or temporary. */
export function isLeftBehind(relative: string): boolean {
  return (
    relative === '.lock' ||
    relative === 'index' ||
    relative === 'backups' ||
    relative.endsWith('.tmp')
  )
}

/** Whether a library-relative path is one of the library's records (see above). */
export function isLibraryFile(relative: string): boolean {
  return libraryFiles.some((pattern) => pattern.test(relative))
}

/** Originals already compressed are stored as they are: deflating them again gains nothing. */
const compressedExtensions = new Set([
  'pdf', 'zip', 'gz', 'bz2', 'xz', '7z', 'png', 'jpg', 'jpeg', 'gif', 'webp',
  'docx', 'xlsx', 'pptx', 'odt', 'epub', 'mp3', 'mp4',
]) // prettier-ignore

export function isCompressed(relative: string): boolean {
  const extension = relative.slice(relative.lastIndexOf('.') + 1)
  return relative.startsWith('originals/') && compressedExtensions.has(extension)
}

// Device names Windows refuses as file names whatever their extension (`con.json`).
const reservedOnWindows = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i

/**
 * Why an archive entry's name is refused, or undefined when it names a file of the layout.
 * The checks come in the order a person would want them explained.
 */
export function entryNameProblem(name: string): string | undefined {
  const shown = JSON.stringify(name)
  if (name === '') return 'an entry has no name'
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name))
    return `the entry ${shown} has a NUL or control character in its name`
  if (name.includes('\\')) return `the entry ${shown} has a backslash in its name`
  if (name.startsWith('/')) return `the entry ${shown} is an absolute path`
  if (/^[A-Za-z]:/.test(name)) return `the entry ${shown} names a drive`
  const segments = name.split('/')
  if (segments.includes('..')) return `the entry ${shown} climbs out of its folder ("..")`
  if (segments.some((segment) => segment === '' || segment === '.'))
    return `the entry ${shown} has an empty or "." segment`
  if (segments.some((segment) => reservedOnWindows.test(segment)))
    return `the entry ${shown} uses a device name Windows reserves`
  const known =
    name === manifestPath ||
    name === webAnnotationsPath ||
    (name.startsWith(libraryPrefix) && isLibraryFile(name.slice(libraryPrefix.length)))
  return known ? undefined : `the entry ${shown} is not part of a Casefile library`
}

const CountsSchema = z.object({
  sources: z.number().int().nonnegative(),
  annotations: z.number().int().nonnegative(),
  notes: z.number().int().nonnegative(),
  actors: z.number().int().nonnegative(),
  events: z.number().int().nonnegative(),
  relations: z.number().int().nonnegative(),
})
export type CaseArchiveCounts = z.infer<typeof CountsSchema>

export const CaseArchiveFileSchema = z.object({
  path: z.string(),
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  sha256: z.string().regex(sha256Hex),
})
export type CaseArchiveFile = z.infer<typeof CaseArchiveFileSchema>

export const CaseArchiveManifestSchema = z.object({
  format: z.literal(archiveFormat),
  version: z.literal(archiveFormatVersion),
  createdAt: z.string(),
  generator: z.string(),
  /** The catalog's schema version (null when its snapshot had not been written yet). */
  schemaVersion: z.number().int().nullable(),
  /** Live items (not in the trash), for a person to recognise the case; not checked on import. */
  counts: CountsSchema,
  files: z.array(CaseArchiveFileSchema),
})
export type CaseArchiveManifest = z.infer<typeof CaseArchiveManifestSchema>

const live = (items: unknown): number =>
  Array.isArray(items)
    ? items.filter((item) => (item as { deletedAt?: unknown } | null)?.deletedAt === null).length
    : 0

/**
 * Counts the case's items from the files read for the archive. Tolerant: a file that does not
 * parse counts nothing (a backup of a damaged library is still worth having).
 */
export class ArchiveCounts {
  private readonly sources = new Set<string>()
  private readonly tally = { annotations: 0, notes: 0, actors: 0, events: 0, relations: 0 }
  schemaVersion: number | null = null

  /** Whether the counts read this library-relative file (it is then read whole). */
  static reads(relative: string): boolean {
    return !relative.startsWith('bodies/') && !relative.startsWith('originals/')
  }

  add(relative: string, bytes: Uint8Array): void {
    try {
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8')
      if (relative === 'casefile.journal') {
        // Each line: a checksum, a space, then `{"sources": [...]}` (see CatalogJournal).
        for (const line of text.split('\n')) if (line !== '') this.sourcesOf(line.slice(17))
        return
      }
      const data = JSON.parse(text) as Record<string, unknown>
      if (relative === 'casefile.json') {
        this.schemaVersion = typeof data.schemaVersion === 'number' ? data.schemaVersion : null
        this.sourcesOf(data)
      } else if (relative === 'entities.json') {
        this.tally.actors += live(data.actors)
        this.tally.events += live(data.events)
        this.tally.relations += live(data.relations)
      } else if (relative.startsWith('annotations/')) {
        this.tally.annotations += live(data.annotations)
      } else if (relative.startsWith('notes/')) {
        this.tally.notes += live([data])
      }
    } catch {
      // Counted as nothing: see above.
    }
  }

  counts(): CaseArchiveCounts {
    return { sources: this.sources.size, ...this.tally }
  }

  private sourcesOf(json: string | Record<string, unknown>): void {
    try {
      const data = typeof json === 'string' ? (JSON.parse(json) as Record<string, unknown>) : json
      if (!Array.isArray(data.sources)) return
      for (const source of data.sources as Array<{ id?: unknown }>)
        if (typeof source.id === 'string') this.sources.add(source.id)
    } catch {
      // A torn last line: never acknowledged, not counted.
    }
  }
}

/** A refusal of an archive, worded to follow "The archive X cannot be imported: ". */
export class ArchiveProblemError extends Error {
  override name = 'ArchiveProblemError'
}

function refuse(problem: string): never {
  throw new ArchiveProblemError(problem)
}

/** One file of the zip, as its central directory describes it. */
export type ArchiveEntry = {
  name: string
  rawName: Buffer
  flags: number
  method: number
  compressedSize: number
  size: number
  offset: number
  /** Where the next entry (or the directory) begins: this entry's data must end before. */
  bound: number
}

export type CheckedArchive = {
  file: string
  handle: FileHandle
  manifest: CaseArchiveManifest
  /** Every entry but the manifest, in archive order, with what the manifest says of it. */
  listed: Array<{ entry: ArchiveEntry; expected: CaseArchiveFile }>
}

const endSignature = 0x06054b50
const centralSignature = 0x02014b50
const localSignature = 0x04034b50
const maxDirectoryBytes = 64 << 20
const maxManifestBytes = 64 << 20

/**
 * Reads the zip's central directory and its manifest, and refuses the archive unless every
 * entry is a file of the layout, listed once in the manifest with the size the zip declares,
 * and all of them together fit `maxBytes`. Reads no entry but the manifest.
 *
 * The central directory, not fflate's streaming `Unzip`, says what the archive holds: it lists
 * every name and size before anything is inflated, and an entry's end is known from it, where a
 * streaming reader looks for the next signature (which an original's own bytes can fake).
 */
export async function checkArchive(
  handle: FileHandle,
  file: string,
  maxBytes: number,
): Promise<CheckedArchive> {
  const { entries, directoryOffset } = await readDirectory(handle)
  const seen = new Set<string>()
  for (const entry of entries) {
    const problem = entryNameProblem(entry.name)
    if (problem) refuse(problem)
    const shown = JSON.stringify(entry.name)
    // Folded: two names that differ only in case are one file on Windows and macOS.
    if (seen.has(entry.name.toLowerCase())) refuse(`the entry ${shown} appears twice`)
    seen.add(entry.name.toLowerCase())
    if (entry.flags & 1) refuse(`the entry ${shown} is encrypted`)
    if (entry.method !== 0 && entry.method !== 8)
      refuse(`the entry ${shown} is compressed with method ${entry.method}, not deflate`)
    if (entry.method === 0 && entry.compressedSize !== entry.size)
      refuse(`the entry ${shown} is stored but its two sizes differ`)
  }
  const sorted = [...entries].sort((a, b) => a.offset - b.offset)
  for (const [at, entry] of sorted.entries()) {
    entry.bound = sorted[at + 1]?.offset ?? directoryOffset
    if (entry.offset + 30 + entry.rawName.length + entry.compressedSize > entry.bound)
      refuse(`the entry ${JSON.stringify(entry.name)} overlaps the next one`)
  }
  const manifestEntry = entries.find((entry) => entry.name === manifestPath)
  if (!manifestEntry) refuse(`it has no ${manifestPath}, so it is not a Casefile archive`)
  const manifest = await readManifest(handle, manifestEntry)
  const expected = new Map(manifest.files.map((listed) => [listed.path, listed]))
  const listed: CheckedArchive['listed'] = []
  for (const entry of sorted) {
    if (entry === manifestEntry) continue
    const shown = JSON.stringify(entry.name)
    const file = expected.get(entry.name) ?? refuse(`the entry ${shown} is not in its manifest`)
    if (file.size !== entry.size)
      refuse(`the entry ${shown} declares ${entry.size} bytes where its manifest says ${file.size}`)
    listed.push({ entry, expected: file })
  }
  for (const path of expected.keys())
    if (!seen.has(path.toLowerCase()))
      refuse(`its manifest lists ${JSON.stringify(path)}, which the archive does not hold`)
  const total = manifest.files.reduce((sum, listed) => sum + listed.size, 0)
  if (total > maxBytes)
    refuse(`it would unpack to ${total} bytes, over the limit of ${maxBytes} bytes`)
  return { file, handle, manifest, listed }
}

async function readManifest(handle: FileHandle, entry: ArchiveEntry): Promise<CaseArchiveManifest> {
  if (entry.size > maxManifestBytes)
    refuse(`its ${manifestPath} declares ${entry.size} bytes, over ${maxManifestBytes}`)
  const chunks: Uint8Array[] = []
  const bound: CaseArchiveFile = { path: manifestPath, size: entry.size, sha256: '' }
  await readEntry(handle, entry, bound, async (chunk) => void chunks.push(chunk))
  let data: unknown
  try {
    data = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    refuse(`its ${manifestPath} is not JSON`)
  }
  const version = (data as { version?: unknown } | null)?.version
  if (typeof version === 'number' && version > archiveFormatVersion)
    refuse(`it was written by a newer Casefile (archive version ${version})`)
  const parsed = CaseArchiveManifestSchema.safeParse(data)
  if (!parsed.success)
    refuse(`its ${manifestPath} is malformed (${describeZodError(parsed.error)})`)
  const manifest = parsed.data
  if (manifest.schemaVersion !== null && manifest.schemaVersion > currentSchemaVersion)
    refuse(
      `it holds a library of a newer Casefile (schema ${manifest.schemaVersion}; this one reads ${currentSchemaVersion})`,
    )
  const paths = new Set<string>()
  for (const { path } of manifest.files) {
    const problem = path === manifestPath ? 'it lists itself' : entryNameProblem(path)
    if (problem) refuse(`its ${manifestPath} is malformed (${problem})`)
    if (paths.has(path.toLowerCase())) refuse(`its ${manifestPath} lists ${path} twice`)
    paths.add(path.toLowerCase())
  }
  return manifest
}

/** The central directory: every entry's name, sizes and place, checked to be where it says. */
async function readDirectory(
  handle: FileHandle,
): Promise<{ entries: ArchiveEntry[]; directoryOffset: number }> {
  const { size } = await handle.stat()
  const tailLength = Math.min(size, 22 + 0xffff)
  const tail = await readAt(handle, size - tailLength, tailLength)
  let end = -1
  for (let at = tail.length - 22; at >= 0 && end < 0; at--)
    if (
      tail.readUInt32LE(at) === endSignature &&
      at + 22 + tail.readUInt16LE(at + 20) === tail.length
    )
      end = at
  if (end < 0) {
    const zip = size >= 4 && (await readAt(handle, 0, 4)).readUInt32LE(0) === localSignature
    refuse(
      zip ? 'it is truncated or damaged (its zip directory is missing)' : 'it is not a zip archive',
    )
  }
  const count = tail.readUInt16LE(end + 10)
  const directorySize = tail.readUInt32LE(end + 12)
  const directoryOffset = tail.readUInt32LE(end + 16)
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff)
    refuse('it is a zip64 archive, which Casefile does not write')
  if (tail.readUInt16LE(end + 4) !== 0 || tail.readUInt16LE(end + 8) !== count)
    refuse('it spans several disks')
  if (directoryOffset + directorySize !== size - tailLength + end)
    refuse('it is truncated or damaged (its zip directory is not where its end record says)')
  if (directorySize > maxDirectoryBytes) refuse('its zip directory is too large')
  const directory = await readAt(handle, directoryOffset, directorySize)
  const entries: ArchiveEntry[] = []
  let at = 0
  for (let n = 0; n < count; n++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== centralSignature)
      refuse('its zip directory is damaged')
    const flags = directory.readUInt16LE(at + 8)
    const nameLength = directory.readUInt16LE(at + 28)
    const rawName = directory.subarray(at + 46, at + 46 + nameLength)
    entries.push({
      name: decodeName(rawName, flags),
      rawName,
      flags,
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      size: directory.readUInt32LE(at + 24),
      offset: directory.readUInt32LE(at + 42),
      bound: 0,
    })
    at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32)
  }
  if (at !== directory.length) refuse('its zip directory is damaged')
  return { entries, directoryOffset }
}

function decodeName(raw: Buffer, flags: number): string {
  if (!(flags & 0x800)) return raw.toString('latin1') // not ASCII: the layout refuses it anyway
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw)
  } catch {
    return raw.toString('latin1')
  }
}

/** Small reads for deflated data: fflate inflates a whole push at once (up to ~1000 × its size). */
const inflateChunk = 32 << 10
const storedChunk = 1 << 20

/**
 * Inflates one entry into `write`, refusing it as soon as it yields more than `expected.size`
 * (a zip bomb), and at its end unless it yielded exactly that many bytes with that sha256 (an
 * empty `expected.sha256` skips the hash).
 */
export async function readEntry(
  handle: FileHandle,
  entry: ArchiveEntry,
  expected: CaseArchiveFile,
  write: (chunk: Uint8Array) => Promise<void>,
): Promise<void> {
  const shown = JSON.stringify(entry.name)
  const header = await readAt(handle, entry.offset, 30)
  if (header.readUInt32LE(0) !== localSignature) refuse(`the entry ${shown} is damaged`)
  const nameLength = header.readUInt16LE(26)
  const localName = await readAt(handle, entry.offset + 30, nameLength)
  if (!localName.equals(entry.rawName))
    refuse(`the entry ${shown} has another name in its local header`)
  let position = entry.offset + 30 + nameLength + header.readUInt16LE(28)
  const end = position + entry.compressedSize
  if (end > entry.bound) refuse(`the entry ${shown} overlaps the next one`)
  const hash = createHash('sha256')
  let size = 0
  let produced: Uint8Array[] = []
  const decoder = entry.method === 8 ? new UnzipInflate() : new UnzipPassThrough()
  decoder.ondata = (error, data) => {
    if (error) throw error
    size += data.length
    if (size > expected.size)
      refuse(`the entry ${shown} inflates to more than the ${expected.size} bytes it declares`)
    hash.update(data)
    produced.push(data)
  }
  const step = entry.method === 8 ? inflateChunk : storedChunk
  do {
    const chunk = await readAt(handle, position, Math.min(step, end - position))
    position += chunk.length
    try {
      decoder.push(chunk, position === end)
    } catch (error) {
      if (error instanceof ArchiveProblemError) throw error
      refuse(
        `the entry ${shown} is damaged (${error instanceof Error ? error.message : String(error)})`,
      )
    }
    for (const data of produced) await write(data)
    produced = []
  } while (position < end)
  if (size !== expected.size)
    refuse(`the entry ${shown} holds ${size} bytes where its manifest says ${expected.size}`)
  if (expected.sha256 !== '' && hash.digest('hex') !== expected.sha256)
    refuse(`the entry ${shown} does not match its sha256 in the manifest (changed or damaged)`)
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length)
  const { bytesRead } = await handle.read(buffer, 0, length, position)
  if (bytesRead < length) refuse('it is truncated (it ends inside an entry)')
  return buffer
}
