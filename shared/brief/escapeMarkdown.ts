/**
 * Escapes text taken from a source so that Markdown shows it verbatim: every character that could
 * start emphasis, a link, code, raw HTML, an entity or a table cell is backslash-escaped, and a
 * line that would begin a heading or a list is defused. Source text never becomes markup.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~&{}]/g, (char) => `\\${char}`)
    .replace(/^(\s*)([#+=-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2')
}
