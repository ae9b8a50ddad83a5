/**
 * Escapes text taken from a source so that Markdown shows it verbatim: every character that could
 * start emphasis, a link (also a bare URL or address), code, raw HTML, an entity, a table cell or an
 * inline footnote (`^[…]`) is backslash-escaped, and a
 * line that would begin a heading or a list is defused. Source text never becomes markup.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\\`*_[\]<>|~&{}^]/g, (char) => `\\${char}`)
      .replace(/^(\s*)([#+=-])/gm, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/gm, '$1\\$2')
      // GFM turns bare URLs, www. names and e-mail addresses into links: keep them inert text.
      .replace(/:\/\//g, '\\://')
      .replace(/\b(www)\./gi, '$1\\.')
      .replace(/@/g, '\\@')
  )
}
