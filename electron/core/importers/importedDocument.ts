import type { SourceKind } from '../../../shared/model'
import type { DraftBlock } from '../../../shared/text'

/** What an importer makes of a file, before it becomes a source. */
export type ImportedDocument = {
  kind: SourceKind
  title: string
  authors: string[]
  publishedAt: string | null
  url: string | null
  blocks: DraftBlock[]
}

export type Importer = {
  name: string
  version: string
  extensions: readonly string[]
  parse(text: string, fileName: string): ImportedDocument
}

/** A title for a document that names none: its file name without the extension. */
export function titleFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName
  return base.replace(/\.[^.]+$/, '').trim() || base
}
