import { useEffect } from 'react'
import { isEditableTarget } from '../../app/isEditableTarget'
import type { Importer } from './useImport'

/** Ctrl/Cmd+V outside a text field turns the clipboard (text or files) into a new source. */
export function usePasteImport({ importFiles, importText }: Importer): void {
  useEffect(() => {
    const paste = (event: ClipboardEvent) => {
      if (isEditableTarget(event.target) || !event.clipboardData) return
      const files = [...event.clipboardData.files]
      const text = event.clipboardData.getData('text/plain')
      if (files.length > 0) {
        event.preventDefault()
        void importFiles(files)
      } else if (text.trim() !== '') {
        event.preventDefault()
        void importText(text)
      }
    }
    document.addEventListener('paste', paste)
    return () => document.removeEventListener('paste', paste)
  }, [importFiles, importText])
}
