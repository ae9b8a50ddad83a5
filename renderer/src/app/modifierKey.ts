/** How this platform writes the command modifier: ⌘ on Apple systems, Ctrl elsewhere. */
export function modifierKeyLabel(): string {
  return /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl'
}
