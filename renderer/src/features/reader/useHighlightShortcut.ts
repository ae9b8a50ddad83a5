import { useEffect } from 'react'
import { isEditableTarget } from '../../app/isEditableTarget'

type HighlightKeys = {
  /** Highlight the selection now; false when there was nothing to highlight. */
  highlight: () => boolean
  /** Open (or focus) the comment for the selection; false when there was nothing to comment on. */
  comment: () => boolean
}

/**
 * Outside text fields: `h` (or Ctrl/Cmd+Shift+H) highlights the current selection at once, `c`
 * opens the popover to comment on it.
 */
export function useHighlightShortcut({ highlight, comment }: HighlightKeys): void {
  useEffect(() => {
    const keydown = (event: KeyboardEvent) => {
      const plain = !event.ctrlKey && !event.metaKey && !event.altKey
      const free = plain && !isEditableTarget(event.target)
      const chord =
        event.key.toLowerCase() === 'h' && event.shiftKey && (event.ctrlKey || event.metaKey)
      const run =
        (free && event.key === 'h') || chord
          ? highlight
          : free && event.key === 'c'
            ? comment
            : null
      if (run?.()) event.preventDefault()
    }
    document.addEventListener('keydown', keydown)
    return () => document.removeEventListener('keydown', keydown)
  }, [highlight, comment])
}
