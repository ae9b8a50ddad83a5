/**
 * The most a chosen file may weigh before it is read: well above the 64 million characters the
 * core takes (`maxBriefChars`); the core itself refuses, in words, text longer than it takes.
 */
const maxFileBytes = 100_000_000

/** The text of a file the analyst chose; a file far too large to send is refused in words. */
export async function readTextFile(file: File): Promise<string> {
  if (file.size > maxFileBytes)
    throw new Error(`${file.name} is too large (${Math.round(file.size / 1e6)} MB) to read.`)
  return file.text()
}
