/**
 * The file types Casefile imports, by extension (lower case, with the dot). The core's importers
 * are tested to agree with this list; the renderer offers it in the file picker and uses it to
 * pass over other files in a dropped folder.
 */
export const importableExtensions = [
  '.txt',
  '.text',
  '.md',
  '.markdown',
  '.html',
  '.htm',
  '.xhtml',
  '.eml',
  '.pdf',
] as const

/** The largest file Casefile imports, in bytes: 50 MB, said in every refusal. */
export const maxImportBytes = 50 * 1024 * 1024

/** Whether a file name has an extension Casefile imports. A file without one is read as text. */
export function isImportableName(fileName: string): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? fileName
  const dot = base.lastIndexOf('.')
  if (dot <= 0) return true
  return (importableExtensions as readonly string[]).includes(base.slice(dot).toLowerCase())
}
