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
    return { text: new TextDecoder('windows-1252').decode(bytes), charset: 'windows-1252' }
  }
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
