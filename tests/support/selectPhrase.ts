/**
 * Selects the first occurrence of `phrase` in the text of `root`, as a user's drag would, and
 * says whether it was found. Self-contained (DOM globals only), so Playwright can also run it
 * inside the page: `locator.evaluate(selectPhrase, phrase)`.
 */
export function selectPhrase(root: Element, phrase: string): boolean {
  const texts: Text[] = []
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text)
  const at = texts
    .map((text) => text.data)
    .join('')
    .indexOf(phrase)
  if (at < 0) return false
  const range = document.createRange()
  let offset = 0
  for (const text of texts) {
    const next = offset + text.length
    if (at >= offset && at < next) range.setStart(text, at - offset)
    if (at + phrase.length > offset && at + phrase.length <= next) {
      range.setEnd(text, at + phrase.length - offset)
      break
    }
    offset = next
  }
  const selection = window.getSelection()
  selection?.removeAllRanges()
  selection?.addRange(range)
  return true
}
