import { useEffect } from 'react'
import { isEditableTarget } from '../../app/isEditableTarget'
import type { Importer } from './useImport'

/**
 * Ctrl/Cmd+V outside a text field turns the clipboard into a new source: files as files, a
 * copied web page (HTML) through the HTML importer, anything else as plain text.
 */
export function usePasteImport({ importFiles, importText, importHtml }: Importer): void {
  useEffect(() => {
    const paste = (event: ClipboardEvent) => {
      if (isEditableTarget(event.target) || !event.clipboardData) return
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
    document.addEventListener('paste', paste)
    return () => document.removeEventListener('paste', paste)
  }, [importFiles, importText, importHtml])
}
