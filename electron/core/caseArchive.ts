import { createHash, randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import {
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
  type FileHandle,
} from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate'
import { CasefileError } from '../../shared/api'
import { casefileVersion } from './briefExport'
import {
  ArchiveCounts,
  ArchiveProblemError,
  checkArchive,
  readEntry,
  type ArchiveEntry,
  type CheckedArchive,
  archiveFormat,
  archiveFormatVersion,
  isCompressed,
  isLeftBehind,
  isLibraryFile,
  libraryFolders,
  libraryPrefix,
  manifestPath,
  webAnnotationsPath,
  type CaseArchiveFile,
  type CaseArchiveManifest,
} from './caseArchiveManifest'
import { syncFolder } from './durableFile'

export type { CaseArchiveCounts, CaseArchiveManifest } from './caseArchiveManifest'

/** Files handled so far of `total`, and the bytes of their contents (as in the library). */
export type ArchiveProgress = { done: number; total: number; bytes: number }

export type ExportCaseArchiveOptions = {
  /** The library folder. */
  library: string
  /** The archive to write; it appears only once complete (written as `<file>.partial` first). */
  file: string
  /**
   * Runs the reading of the library while it takes no writes, so the archive is one moment of
   * the case. For a closed library: `(work) => work()`.
   */
  quiet: <T>(work: () => Promise<T>) => Promise<T>
  /** The library's annotations as a W3C Web Annotation collection (JSON), asked for inside `quiet`. */
  webAnnotations: () => Promise<string>
  /** Who wrote the archive (default `Casefile <version>`). */
  generator?: string
  onProgress?: (progress: ArchiveProgress) => void
}

export type ExportCaseArchiveResult = {
  file: string
  manifest: CaseArchiveManifest
  /** Bytes of the archive written. */
  bytes: number
  /** Files and folders of the library folder that are not part of its layout, left out. */
  skipped: string[]
}

/** fflate writes no zip64: entries and offsets must fit the classic zip's 16 and 32 bits. */
const maxEntries = 0xffff
const maxArchiveBytes = 0xffffffff

/**
 * Writes the library as one zip archive: its records, its annotations as W3C Web Annotations,
 * and a manifest with every file's size and sha256 (layout: see `caseArchiveManifest.ts`). Memory
 * stays bounded: files are streamed, only the small JSON files are read whole. A failure leaves no
 * archive and no partial file.
 */
export async function exportCaseArchive(
  options: ExportCaseArchiveOptions,
): Promise<ExportCaseArchiveResult> {
  const root = resolve(options.library)
  const file = resolve(options.file)
  const partial = `${file}.partial`
  let out: FileHandle | undefined
  try {
    out = await open(partial, 'w')
    const writer = new ArchiveWriter(out)
    const { manifest, skipped } = await options.quiet(() => writeLibrary(root, writer, options))
    await out.datasync()
    await out.close()
    out = undefined
    await rename(partial, file)
    await syncFolder(dirname(file))
    return { file, manifest, bytes: writer.written, skipped }
  } catch (error) {
    await out?.close().catch(() => undefined)
    await rm(partial, { force: true })
    if (error instanceof CasefileError) throw error
    throw new CasefileError(
      'io_error',
      `The archive ${file} could not be written (${messageOf(error)}). Nothing was left behind.`,
      { cause: error },
    )
  }
}

/** The archive's entries, written while the library is quiet: its files, the W3C file, the manifest. */
async function writeLibrary(
  root: string,
  writer: ArchiveWriter,
  options: ExportCaseArchiveOptions,
): Promise<{ manifest: CaseArchiveManifest; skipped: string[] }> {
  const createdAt = new Date()
  const listing = await listLibrary(root)
  const total = listing.files.length + 1
  if (total + 1 > maxEntries)
    throw new CasefileError(
      'invalid_input',
      `The library at ${root} has ${listing.files.length} files; an archive holds at most ${maxEntries - 2}.`,
    )
  const counts = new ArchiveCounts()
  const files: CaseArchiveFile[] = []
  let bytes = 0
  for (const relative of listing.files) {
    const path = join(root, relative)
    const contents = ArchiveCounts.reads(relative)
      ? await readWhole(path, (data) => counts.add(relative, data))
      : createReadStream(path, { highWaterMark: 1 << 20 })
    const name = `${libraryPrefix}${relative}`
    files.push(await writer.add(name, contents, isCompressed(relative), createdAt))
    bytes += files.at(-1)?.size ?? 0
    options.onProgress?.({ done: files.length, total, bytes })
  }
  const annotations = Buffer.from(await options.webAnnotations(), 'utf8')
  files.push(await writer.add(webAnnotationsPath, [annotations], false, createdAt))
  options.onProgress?.({ done: total, total, bytes: bytes + annotations.length })
  const manifest: CaseArchiveManifest = {
    format: archiveFormat,
    version: archiveFormatVersion,
    createdAt: createdAt.toISOString(),
    generator: options.generator ?? `Casefile ${casefileVersion}`,
    schemaVersion: counts.schemaVersion,
    counts: counts.counts(),
    files,
  }
  const json = Buffer.from(JSON.stringify(manifest, null, 2), 'utf8')
  await writer.add(manifestPath, [json], false, createdAt)
  await writer.end()
  return { manifest, skipped: listing.skipped }
}

/** The library's files that travel, sorted, and what else the folder holds (see the layout). */
async function listLibrary(root: string): Promise<{ files: string[]; skipped: string[] }> {
  const files: string[] = []
  const skipped: string[] = []
  const top = await readdir(root, { withFileTypes: true }).catch((error: unknown) => {
    throw new CasefileError('not_found', `There is no library at ${root} (${messageOf(error)}).`)
  })
  for (const entry of top) {
    if (isLeftBehind(entry.name)) continue
    const folder = libraryFolders.find((name) => name === entry.name)
    if (folder && entry.isDirectory()) {
      for (const child of await readdir(join(root, folder), { withFileTypes: true })) {
        const relative = `${folder}/${child.name}`
        if (isLeftBehind(relative)) continue
        if (child.isFile() && isLibraryFile(relative)) files.push(relative)
        else skipped.push(child.isDirectory() ? `${relative}/` : relative)
      }
    } else if (entry.isFile() && isLibraryFile(entry.name)) files.push(entry.name)
    else skipped.push(entry.isDirectory() ? `${entry.name}/` : entry.name)
  }
  if (!files.includes('casefile.json') && !files.includes('casefile.journal'))
    throw new CasefileError('not_found', `${root} is not a Casefile library (no casefile.json).`)
  return { files: files.sort(), skipped: skipped.sort() }
}

async function readWhole(path: string, read: (data: Uint8Array) => void): Promise<Uint8Array[]> {
  const data = await readFile(path)
  read(data)
  return [data]
}

/**
 * fflate's streaming `Zip`, written to a file with backpressure: each chunk pushed is compressed
 * at once (synchronously) and what it produced is written before the next chunk is read.
 */
class ArchiveWriter {
  written = 0
  private pending: Uint8Array[] = []
  private failed: Error | undefined
  private readonly zip = new Zip((error, data) => {
    if (error) this.failed ??= error
    else this.pending.push(data)
  })

  constructor(private readonly out: FileHandle) {}

  /** Adds one file, its contents hashed on the way: its entry for the manifest. */
  async add(
    name: string,
    contents: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
    stored: boolean,
    mtime: Date,
  ): Promise<CaseArchiveFile> {
    const entry = stored ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 })
    entry.mtime = mtime
    this.zip.add(entry)
    const hash = createHash('sha256')
    let size = 0
    let held: Uint8Array | undefined // one chunk behind, so the last one is pushed as final
    for await (const chunk of contents) {
      if (held) {
        entry.push(held)
        await this.drain()
      }
      held = chunk
      hash.update(held)
      size += held.length
    }
    entry.push(held ?? new Uint8Array(0), true)
    await this.drain()
    return { path: name, size, sha256: hash.digest('hex') }
  }

  async end(): Promise<void> {
    this.zip.end()
    await this.drain()
  }

  private async drain(): Promise<void> {
    if (this.failed) throw this.failed
    const chunks = this.pending
    this.pending = []
    for (const chunk of chunks) {
      this.written += chunk.length
      if (this.written > maxArchiveBytes)
        throw new CasefileError(
          'invalid_input',
          'The library does not fit one archive: zip files written by Casefile hold at most 4 GB.',
        )
      await this.out.write(chunk)
    }
  }
}

export type ImportCaseArchiveOptions = {
  /** The archive to read. */
  file: string
  /** Where the library goes: a folder that does not exist yet, or an empty one. */
  library: string
  /** The most bytes the archive may unpack to (default 32 GB): a guard against zip bombs. */
  maxBytes?: number
  onProgress?: (progress: ArchiveProgress) => void
}

export type CaseArchiveSummary = {
  file: string
  manifest: CaseArchiveManifest
  /** Files checked (the manifest's), and the bytes of their contents. */
  files: number
  bytes: number
}

export const defaultMaxArchiveBytes = 32 * 1024 ** 3

/**
 * Unpacks an archive into an empty library folder. Everything is checked before anything is
 * written (names, layout, manifest, sizes); files are then unpacked into a hidden sibling folder,
 * each checked against its size and sha256 as it is written, and that folder is renamed into
 * place. On any failure the sibling folder is removed and the target is left exactly as it was.
 * The library's search index is not in the archive: opening the library rebuilds it.
 */
export async function importCaseArchive(
  options: ImportCaseArchiveOptions,
): Promise<CaseArchiveSummary & { library: string }> {
  const file = resolve(options.file)
  const target = resolve(options.library)
  const existed = await emptyTarget(target)
  const staging = join(dirname(target), `.${basename(target)}.importing-${randomUUID()}`)
  let targetRemoved = false
  try {
    const summary = await withArchive(file, 'imported', options, async (archive) => {
      await mkdir(staging)
      for (const folder of libraryFolders) await mkdir(join(staging, folder))
      return unpackAll(archive, options.onProgress, async (entry, expected, read) => {
        if (!expected.path.startsWith(libraryPrefix)) return read(async () => undefined)
        const path = join(staging, expected.path.slice(libraryPrefix.length))
        const out = await open(path, 'wx')
        try {
          await read((chunk) => out.write(chunk).then(() => undefined))
          await out.datasync()
        } finally {
          await out.close()
        }
      })
    })
    for (const folder of libraryFolders) await syncFolder(join(staging, folder))
    await syncFolder(staging)
    if (existed) {
      await rmdir(target) // renaming onto a folder, even an empty one, fails on Windows
      targetRemoved = true
    }
    await rename(staging, target)
    await syncFolder(dirname(target))
    return { ...summary, library: target }
  } catch (error) {
    await rm(staging, { recursive: true, force: true })
    if (targetRemoved) await mkdir(target).catch(() => undefined)
    if (error instanceof CasefileError) throw error
    throw new CasefileError(
      'io_error',
      `The archive ${file} could not be imported into ${target} (${messageOf(error)}). ${target} was left as it was.`,
      { cause: error },
    )
  }
}

/**
 * Checks an archive against its manifest without unpacking it: every name, size and sha256.
 * What a user runs on a backup kept elsewhere.
 */
export async function verifyCaseArchive(
  file: string,
  options: { maxBytes?: number; onProgress?: (progress: ArchiveProgress) => void } = {},
): Promise<CaseArchiveSummary> {
  const path = resolve(file)
  return withArchive(path, 'verified', options, (archive) =>
    unpackAll(archive, options.onProgress, (_entry, _expected, read) =>
      read(async () => undefined),
    ),
  )
}

/** A folder that may receive a library: absent (false) or empty (true); anything else refused. */
async function emptyTarget(target: string): Promise<boolean> {
  try {
    const names = await readdir(target)
    if (names.length === 0) return true
    throw new CasefileError(
      'invalid_input',
      `${target} is not empty: an archive is imported only into a new or empty folder.`,
    )
  } catch (error) {
    if (error instanceof CasefileError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT')
      throw new CasefileError(
        'invalid_input',
        `${target} cannot receive a library (${messageOf(error)}).`,
      )
  }
  try {
    await readdir(dirname(target))
  } catch {
    throw new CasefileError('not_found', `The folder ${dirname(target)} does not exist.`)
  }
  return false
}

type Archive = CheckedArchive

/** Opens and checks an archive, runs `work` on it, and words any refusal with the archive's name. */
async function withArchive<T>(
  file: string,
  verb: 'imported' | 'verified',
  options: { maxBytes?: number },
  work: (archive: Archive) => Promise<T>,
): Promise<T> {
  let handle: FileHandle
  try {
    handle = await open(file, 'r')
  } catch (error) {
    throw new CasefileError(
      'not_found',
      `The archive ${file} cannot be read (${messageOf(error)}).`,
    )
  }
  try {
    const archive = await checkArchive(handle, file, options.maxBytes ?? defaultMaxArchiveBytes)
    return await work(archive)
  } catch (error) {
    if (!(error instanceof ArchiveProblemError)) throw error
    const tail = verb === 'imported' ? ' Nothing was written.' : ''
    throw new CasefileError(
      'bad_file',
      `The archive ${file} cannot be ${verb}: ${error.message}.${tail}`,
      {
        cause: error,
      },
    )
  } finally {
    await handle.close()
  }
}

type EntrySink = (
  entry: ArchiveEntry,
  expected: CaseArchiveFile,
  read: (sink: (chunk: Uint8Array) => Promise<void>) => Promise<void>,
) => Promise<void>

/** Reads every entry the manifest lists, in archive order, each checked against it. */
async function unpackAll(
  archive: Archive,
  onProgress: ((progress: ArchiveProgress) => void) | undefined,
  sink: EntrySink,
): Promise<CaseArchiveSummary> {
  const { manifest, listed } = archive
  let bytes = 0
  let done = 0
  for (const { entry, expected } of listed) {
    await sink(entry, expected, (write) => readEntry(archive.handle, entry, expected, write))
    bytes += expected.size
    onProgress?.({ done: ++done, total: listed.length, bytes })
  }
  return { file: archive.file, manifest, files: listed.length, bytes }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
