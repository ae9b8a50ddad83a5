/** Characters that carry no text: zero-width space, BOM/zero-width no-break space, soft hyphen. */
const invisible = /[\u200B\uFEFF\u00AD]/g
/** Control characters (C0 but tab and newline, DEL, C1): they only arrive from broken encodings. */
const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g
/** Horizontal white space of every kind, folded to one plain space. */
const horizontalSpace = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g

/**
 * The normalisation every imported text goes through before it becomes canonical: NFC, Unix line
 * ends, no invisible or control characters, one kind of space. Quotes and dashes are kept as
 * written (the reader and the brief quote the source faithfully); search folds them instead.
 */
export function normalizeText(raw: string): string {
  return raw
    .replace(/\r\n?|\u2028|\u2029/g, '\n')
    .normalize('NFC')
    .replace(invisible, '')
    .replace(controls, '')
    .replace(horizontalSpace, ' ')
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim()
}
