import type { MethodInput } from '../../../../shared/api'

/** A file's bytes as `sources.import` takes them: text when it is UTF-8, base64 otherwise. */
export async function readFileForImport(
  file: Blob,
  fileName: string,
): Promise<MethodInput<'sources.import'>> {
  const bytes = new Uint8Array(await readBytes(file))
  try {
    return { fileName, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
  } catch {
    // Not UTF-8 (Latin-1, UTF-16...): let the core detect the charset from the bytes.
    return { fileName, base64: toBase64(bytes) }
  }
}

/** Blob.arrayBuffer() where there is one, FileReader where not (older engines, jsdom). */
function readBytes(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer()
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result as ArrayBuffer)
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'))
    reader.readAsArrayBuffer(file)
  })
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  const chunk = 0x8000
  for (let at = 0; at < bytes.length; at += chunk) {
    binary += String.fromCharCode(...bytes.subarray(at, at + chunk))
  }
  return btoa(binary)
}

/** The name a paste gets, e.g. `Pasted text 2025-11-25T21-04-00.txt` or `Pasted page ….html`. */
export function pastedFileName(now = new Date(), type: 'txt' | 'html' = 'txt'): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-')
  return `Pasted ${type === 'html' ? 'page' : 'text'} ${stamp}.${type}`
}
