// jsdom lacks a few browser APIs that the UI or Radix touch; these stand-ins keep their shape.
// They replace the browser, never Casefile: every test still runs the real core.

/** Blobs handed to URL.createObjectURL, so a test can read what a download would have saved. */
export const objectUrls = new Map<string, Blob>()

if (!('ResizeObserver' in globalThis)) {
  class ResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.assign(globalThis, { ResizeObserver })
}

// Always replaced (Node's own may be present): a test reads downloads back through objectUrls.
{
  let next = 0
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    const url = `blob:casefile-test/${++next}`
    objectUrls.set(url, blob as Blob)
    return url
  }
  URL.revokeObjectURL = () => {}
}

if (typeof Range.prototype.getBoundingClientRect !== 'function') {
  Range.prototype.getBoundingClientRect = () => new DOMRect(0, 0, 0, 0)
  Range.prototype.getClientRects = () => [] as unknown as DOMRectList
}

/** Reads a Blob as text: Node's Blob has text(), jsdom's only FileReader. */
export function readBlob(blob: Blob): Promise<string> {
  if (typeof blob.text === 'function') return blob.text()
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '')
    reader.onerror = () => reject(reader.error ?? new Error('unreadable blob'))
    reader.readAsText(blob)
  })
}

// cmdk scrolls the chosen item into view; jsdom lays nothing out, so there is nothing to scroll.
if (typeof Element.prototype.scrollIntoView !== 'function') {
  Element.prototype.scrollIntoView = () => {}
}
