import { useEffect } from 'react'
import { isEditableTarget } from '../../app/isEditableTarget'

/** `h` (outside text fields) or Ctrl/Cmd+Shift+H: highlight the current selection. */
export function useHighlightShortcut(highlight: () => boolean): void {
  useEffect(() => {
    const keydown = (event: KeyboardEvent) => {
      const plainH = event.key === 'h' && !event.ctrlKey && !event.metaKey && !event.altKey
      const chord =
        event.key.toLowerCase() === 'h' && event.shiftKey && (event.ctrlKey || event.metaKey)
      if (!(plainH && !isEditableTarget(event.target)) && !chord) return
      if (highlight()) event.preventDefault()
    }
    document.addEventListener('keydown', keydown)
    return () => document.removeEventListener('keydown', keydown)
  }, [highlight])
}
