import type { SourceDetails, SourceKind } from '../../../shared/model'
import type { DraftBlock } from '../../../shared/text'

/** What an importer makes of a file, before it becomes a source. */
export type ImportedDocument = {
  kind: SourceKind
  title: string
  authors: string[]
  publishedAt: string | null
  url: string | null
  /** The charset the bytes were decoded from (`binary` for formats that are not text). */
  charset: string
  /** The language the document declares (BCP 47), if it declares one. */
  language: string | null
  blocks: DraftBlock[]
  /** Tags the document carries (Markdown front matter). */
  tags?: string[]
  details: SourceDetails
}

/**
 * One file format. `parse` gets the file's bytes and its name (for messages), and either returns
 * the document or throws a `CasefileError` that names the file and says what is wrong with it.
 */
export type Importer = {
  name: string
  version: string
  /** Lower-case extensions with their dot (`''` for a file without one). */
  extensions: readonly string[]
  parse(bytes: Uint8Array, fileName: string): Promise<ImportedDocument>
}

/** A title for a document that names none: its file name without the extension. */
export function titleFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName
  return base.replace(/\.[^.]+$/, '').trim() || base
}
