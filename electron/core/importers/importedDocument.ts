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

/**
 * The longest title a document keeps (as long as a note's). A longer first line or heading is
 * not taken for the title: it stays in the text, and the title comes from elsewhere.
 */
export const maxTitleLength = 300

/** Whether a line of the text can be the title: not empty, and not so long that it is text. */
export function fitsTitle(line: string | undefined): line is string {
  return line !== undefined && line.trim() !== '' && line.length <= maxTitleLength
}

const bounds = { author: 300, authors: 50, excerpt: 300, url: 2048, tag: 100, tags: 100 }

/**
 * What a file says about itself, within bounds: imported files are written by anyone, and a
 * 10 MB `<title>` or a list of 100,000 tags would sit in the catalog and in every list that shows
 * the source. Names and the title are cut at a word with an ellipsis; a URL too long is dropped;
 * tags are kept as the user could have typed them (at most 100 of 100 characters).
 */
export function boundedDocument(document: ImportedDocument): ImportedDocument {
  const { excerpt } = document.details
  return {
    ...document,
    title: cut(document.title, maxTitleLength),
    authors: document.authors.slice(0, bounds.authors).map((author) => cut(author, bounds.author)),
    url: document.url !== null && document.url.length <= bounds.url ? document.url : null,
    ...(document.tags && {
      tags: [...new Set(document.tags.map((tag) => cut(tag, bounds.tag)))].slice(0, bounds.tags),
    }),
    details:
      excerpt === undefined
        ? document.details
        : { ...document.details, excerpt: cut(excerpt, bounds.excerpt) },
  }
}

/** The text, or its start cut after a word (if one ends in its second half) with `…`. */
function cut(text: string, length: number): string {
  if (text.length <= length) return text
  const start = text.slice(0, length - 1)
  const space = start.lastIndexOf(' ')
  const word = space > length / 2 ? start.slice(0, space) : start
  // Never half of a surrogate pair.
  const whole = /[\ud800-\udbff]$/.test(word) ? word.slice(0, -1) : word
  return `${whole.trimEnd()}…`
}
