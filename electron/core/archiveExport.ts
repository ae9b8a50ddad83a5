import { existsSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { CasefileError, type MethodOutput, type ParsedInput } from '../../shared/api'
import { exportAnnotations } from './annotationInterchange'
import { casefileVersion } from './briefGather'
import { exportCaseArchive } from './caseArchive'
import type { Library } from './library'

/**
 * `library.exportArchive`: the library as one zip, read while it takes no changes, written to
 * `path` or beside the library (`<library>-<date>.casefile.zip`). A file already there is never
 * replaced.
 */
export async function exportLibraryArchive(
  library: Library,
  input: ParsedInput<'library.exportArchive'>,
): Promise<MethodOutput<'library.exportArchive'>> {
  const file = resolve(input.path ?? defaultArchivePath(library.layout.root))
  if (existsSync(file))
    throw new CasefileError(
      'invalid_input',
      `${file} already exists: Casefile does not replace a file with an archive. Choose another name.`,
    )
  const written = await exportCaseArchive({
    library: library.layout.root,
    file,
    quiet: (work) => library.quiet(work),
    webAnnotations: async () =>
      JSON.stringify((await exportAnnotations(library, undefined)).document, null, 2),
    generator: `Casefile ${casefileVersion}`,
    onProgress: (progress) => library.events.emit('archive.progress', progress),
  })
  return {
    file: written.file,
    bytes: written.bytes,
    files: written.manifest.files.length,
    counts: written.manifest.counts,
  }
}

function defaultArchivePath(libraryRoot: string): string {
  const day = new Date().toISOString().slice(0, 10)
  return join(dirname(libraryRoot), `${basename(libraryRoot)}-${day}.casefile.zip`)
}
