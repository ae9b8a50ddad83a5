import { CasefileError } from '../../../shared/api'

export type DecodedText = { text: string; charset: string }

/**
 * Bytes to text: UTF-8 (with or without BOM, or UTF-16 with a BOM) when the bytes are valid as
 * such, else Windows-1252, the superset of Latin-1 that old mail and web pages mostly are.
 * Binary data is refused: a text file has no NUL bytes and few control characters.
 */
export function decodeText(bytes: Uint8Array, fileName: string): DecodedText {
  if (bytes.length === 0) throw new CasefileError('bad_file', `${fileName} is empty.`)
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes), charset: 'utf-16le' }
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes), charset: 'utf-16be' }
  if (looksBinary(bytes)) {
    throw new CasefileError(
      'bad_file',
      `${fileName} looks like a binary file, not text: it cannot be imported as a text source.`,
    )
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8' }
  } catch {
    return decodeAs(bytes, 'windows-1252')
  }
}

/**
 * Bytes in a named charset (a WHATWG label: `iso-8859-1` is read as Windows-1252, as browsers
 * do). Throws a RangeError for a label no decoder knows.
 */
export function decodeAs(bytes: Uint8Array, label: string): DecodedText {
  const decoder = new TextDecoder(label)
  const text = decoder.decode(bytes)
  const charset = decoder.encoding
  return { text: charset === 'windows-1252' ? mendC1(text) : text, charset }
}

/** Windows-1252's characters for bytes 0x80–0x9F (the five it leaves undefined stay controls). */
const windows1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ'

/**
 * C1 controls as the Windows-1252 characters they were meant to be. Node 20.18.3+ decodes
 * windows-1252 (and so iso-8859-1) as Latin-1, leaving U+0092 for ’ (nodejs/node#60888); text
 * never means a C1 control, and normalisation would silently delete it.
 */
export function mendC1(text: string): string {
  return text.replace(/[\u0080-\u009F]/g, (c) => windows1252High[c.charCodeAt(0) - 0x80] ?? c)
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192)
  let controls = 0
  for (const byte of sample) {
    if (byte === 0) return true
    if (byte < 9 || (byte > 13 && byte < 32)) controls++
  }
  return controls > sample.length * 0.1
}
