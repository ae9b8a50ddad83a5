/**
 * Puts text on the clipboard: through the Clipboard API where the page may use it, else through
 * the copy command on a hidden field (the desktop app grants the page no clipboard permission).
 * Rejects when neither works.
 */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text)
    return
  } catch {
    // No Clipboard API, or no permission for it: the copy command needs neither.
  }
  const focused = document.activeElement
  const field = document.createElement('textarea')
  field.value = text
  field.readOnly = true
  field.setAttribute('aria-hidden', 'true')
  field.className = 'visually-hidden'
  document.body.append(field)
  let copied = false
  try {
    field.focus({ preventScroll: true })
    field.select()
    copied = document.execCommand('copy')
  } catch {
    // No copy command either (jsdom has none): said below.
  } finally {
    field.remove()
    if (focused instanceof HTMLElement) focused.focus({ preventScroll: true })
  }
  if (!copied) throw new Error('The clipboard is not available here.')
}
