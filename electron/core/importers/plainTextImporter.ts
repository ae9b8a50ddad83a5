import { normalizeText, paragraphsOf } from '../../../shared/text'
import { decodeText } from './decodeText'
import { fitsTitle, titleFromFileName, type Importer } from './importedDocument'

const headerLine = /^(from|by|author|title|subject|date|url|source):[ \t]*(.*)$/i

/**
 * Plain text. Understands a header block of `Key: value` lines (From/By/Author, Title/Subject,
 * Date, URL) and the seed articles' shape: a `From:` author line, then the title line, then
 * paragraphs. Without a header, the first line is the title, unless it is too long to be one.
 */
export const plainTextImporter: Importer = {
  name: 'plain-text',
  version: '1',
  extensions: ['.txt', '.text', ''],
  async parse(bytes, fileName) {
    const { text: raw, charset } = decodeText(bytes, fileName)
    const lines = normalizeText(raw).split('\n')
    const header = new Map<string, string>()
    while (lines.length > 0) {
      const match = headerLine.exec(lines[0] ?? '')
      if (!match) break
      header.set((match[1] ?? '').toLowerCase(), (match[2] ?? '').trim())
      lines.shift()
    }
    while (lines[0] === '') lines.shift()
    let title = header.get('title') ?? header.get('subject')
    if (title === undefined && lines.length > 1 && fitsTitle(lines[0]))
      title = lines.shift()?.trim()
    while (lines[0] === '') lines.shift()
    const author = header.get('from') ?? header.get('by') ?? header.get('author')
    return {
      kind: 'text',
      charset,
      language: null,
      details: {},
      title: title && title !== '' ? title : titleFromFileName(fileName),
      authors: author ? [author] : [],
      publishedAt: header.get('date') || null,
      url: header.get('url') || header.get('source') || null,
      blocks: paragraphsOf(lines.join('\n')),
    }
  },
}
