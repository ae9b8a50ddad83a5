import { useEffect } from 'react'
import { isEditableTarget } from '../../app/isEditableTarget'
import type { Importer } from './useImport'

/**
 * Ctrl/Cmd+V outside a text field turns the clipboard into a new source: files as files, a
 * copied web page (HTML) through the HTML importer, anything else as plain text. A middle-click
 * does not: on Linux it pastes whatever text was last selected anywhere, and a click with the
 * wheel (to scroll, or on a link) must not import it.
 */
export function usePasteImport({ importFiles, importText, importHtml }: Importer): void {
  useEffect(() => {
    let middleClickAt = -Infinity
    // Any other press or a key (Ctrl+V itself) since the middle-click: the paste is not its doing.
    const press = (event: MouseEvent) => {
      middleClickAt = event.button === 1 ? event.timeStamp : -Infinity
    }
    const key = () => {
      middleClickAt = -Infinity
    }
    const paste = (event: ClipboardEvent) => {
      if (isEditableTarget(event.target) || !event.clipboardData) return
      if (event.timeStamp - middleClickAt < middleClickPasteMs) return
      const files = [...event.clipboardData.files]
      const html = event.clipboardData.getData('text/html')
      const text = event.clipboardData.getData('text/plain')
      if (files.length > 0) {
        event.preventDefault()
        void importFiles(files)
      } else if (/<(p|h[1-6]|li|div|article|blockquote|br)\b/i.test(html)) {
        event.preventDefault()
        void importHtml(html)
      } else if (text.trim() !== '') {
        event.preventDefault()
        void importText(text)
      }
    }
    document.addEventListener('mousedown', press, true)
    document.addEventListener('mouseup', press, true)
    document.addEventListener('keydown', key, true)
    document.addEventListener('paste', paste)
    return () => {
      document.removeEventListener('mousedown', press, true)
      document.removeEventListener('mouseup', press, true)
      document.removeEventListener('keydown', key, true)
      document.removeEventListener('paste', paste)
    }
  }, [importFiles, importText, importHtml])
}

/** How soon after a middle button press a paste is taken as its doing (Chromium pastes at once). */
const middleClickPasteMs = 1000
