import { extname } from 'node:path'
import { CasefileError } from '../../../shared/api'
import { emailImporter } from './emailImporter'
import type { Importer } from './importedDocument'
import { htmlImporter } from './htmlImporter'
import { markdownImporter } from './markdownImporter'
import { pdfImporter } from './pdfImporter'
import { plainTextImporter } from './plainTextImporter'

export type { ImportedDocument, Importer } from './importedDocument'
export { boundedDocument } from './importedDocument'
export { decodeText } from './decodeText'
export { detectLanguage, canonicalLanguage } from './detectLanguage'

const importers: readonly Importer[] = [
  plainTextImporter,
  markdownImporter,
  htmlImporter,
  pdfImporter,
  emailImporter,
]

export const supportedExtensions = importers
  .flatMap((importer) => importer.extensions)
  .filter((ext) => ext !== '')

/** The importer for a file name, or a clear refusal naming the file and what is supported. */
export function importerFor(fileName: string): Importer {
  const extension = extname(fileName).toLowerCase()
  const importer = importers.find((candidate) => candidate.extensions.includes(extension))
  if (!importer) {
    throw new CasefileError(
      'unsupported_format',
      `${fileName}: files of type "${extension}" cannot be imported yet (supported: ${supportedExtensions.join(', ')}).`,
    )
  }
  return importer
}
