import type { KeyboardEvent } from 'react'

/** In a list of buttons, ArrowDown and ArrowUp move the focus to the next or previous one. */
export function arrowFocus(event: KeyboardEvent<HTMLElement>, selector = 'button'): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
  const buttons = [...event.currentTarget.querySelectorAll<HTMLElement>(selector)]
  const at = buttons.indexOf(document.activeElement as HTMLElement)
  const next = buttons[event.key === 'ArrowDown' ? at + 1 : Math.max(0, at - 1)]
  if (next) {
    event.preventDefault()
    next.focus()
  }
}
