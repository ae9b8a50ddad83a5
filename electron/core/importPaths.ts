import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { toApiError } from '../../shared/api'
import type { Library } from './library'

export type PathImportResult =
  | { file: string; status: 'imported' | 'duplicate'; id: string; title: string }
  | { file: string; status: 'error'; error: string }
  | { file: string; status: 'skipped'; error: string }

const maxFileBytes = 50 * 1024 * 1024
const filesInFlight = 8

/**
 * Imports files and folders (recursively), reporting every file: imported, duplicate, error or,
 * for a file in a folder whose type is not supported, skipped. A bad file never stops the batch.
 */
export async function* importPaths(
  library: Library,
  paths: readonly string[],
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
    const file = files[next++]
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
}

async function importOne(
  library: Library,
  path: string,
  inFolder: boolean,
): Promise<PathImportResult> {
  try {
    const info = await stat(path)
    if (info.size > maxFileBytes) {
      return {
        file: path,
        status: 'error',
        error: `${path} is ${Math.round(info.size / 1048576)} MB; files over 50 MB cannot be imported.`,
      }
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
