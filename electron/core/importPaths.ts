import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { maxImportBytes, toApiError } from '../../shared/api'
import { tooLarge, type Library } from './library'

export type PathImportResult =
  | { file: string; status: 'imported' | 'duplicate'; id: string; title: string }
  | { file: string; status: 'error'; error: string }
  | { file: string; status: 'skipped'; error: string }
  | { file: string; status: 'cancelled' }

const filesInFlight = 8

export type ImportSummary = {
  imported: number
  duplicates: number
  skipped: number
  failed: Array<{ file: string; error: string }>
  /** Files not started because the import was cancelled. */
  cancelled: number
}

/**
 * Imports files and folders (recursively), reporting every file: imported, duplicate, error or,
 * for a file in a folder whose type is not supported, skipped. A bad file never stops the batch.
 * Aborting `signal` starts no more files; those in flight finish and are reported.
 */
export async function* importPaths(
  library: Library,
  paths: readonly string[],
  signal?: AbortSignal,
): AsyncGenerator<PathImportResult> {
  const files: Array<{ path: string; inFolder: boolean }> = []
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined)
    if (!info) {
      yield { file: path, status: 'error', error: `${path} does not exist.` }
    } else if (info.isDirectory()) {
      for (const file of await listFiles(path)) files.push({ path: file, inFolder: true })
    } else {
      files.push({ path, inFolder: false })
    }
  }
  // A few files in flight at once, so their catalog writes coalesce; results keep their order.
  const inFlight: Array<Promise<PathImportResult>> = []
  let next = 0
  const startNext = () => {
    const file = signal?.aborted ? undefined : files[next++]
    if (file) inFlight.push(importOne(library, file.path, file.inFolder))
  }
  while (inFlight.length < filesInFlight && next < files.length) startNext()
  for (let done = 1; inFlight.length > 0; done++) {
    const result = await (inFlight.shift() as Promise<PathImportResult>)
    startNext()
    library.events.emit('import.progress', {
      done,
      total: files.length,
      fileName: basename(result.file),
    })
    yield result
  }
  for (const file of files.slice(next)) yield { file: file.path, status: 'cancelled' }
}

/** Adds one file's result to a batch's summary. */
export function addToSummary(summary: ImportSummary, result: PathImportResult): ImportSummary {
  if (result.status === 'imported') summary.imported++
  else if (result.status === 'duplicate') summary.duplicates++
  else if (result.status === 'skipped') summary.skipped++
  else if (result.status === 'cancelled') summary.cancelled++
  else if (result.status === 'error')
    summary.failed.push({ file: result.file, error: result.error })
  return summary
}

export const emptySummary = (): ImportSummary => ({
  imported: 0,
  duplicates: 0,
  skipped: 0,
  failed: [],
  cancelled: 0,
})

async function importOne(
  library: Library,
  path: string,
  inFolder: boolean,
): Promise<PathImportResult> {
  try {
    const info = await stat(path)
    if (info.size > maxImportBytes) {
      return { file: path, status: 'error', error: tooLarge(path, info.size).message }
    }
    const { status, source } = await library.importFile(path, await readFile(path))
    return { file: path, status, id: source.id, title: source.title }
  } catch (error) {
    const { code, message } = toApiError(error)
    if (code === 'unsupported_format' && inFolder)
      return { file: path, status: 'skipped', error: message }
    return { file: path, status: 'error', error: message }
  }
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true })
  const files: string[] = []
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue
    const path = join(folder, entry.name)
    if (entry.isDirectory()) files.push(...(await listFiles(path)))
    else if (entry.isFile()) files.push(path)
  }
  return files
}
