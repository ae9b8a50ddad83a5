import { normalizeText, type DraftBlock } from '../../../shared/text'
import { decodeText } from './decodeText'
import { titleFromFileName, type Importer } from './importedDocument'

/**
 * Markdown, read line by line into blocks: headings, list items and quotes keep their kind, other
 * lines gather into paragraphs, and inline markup (emphasis, code, links, images) is reduced to
 * its text. Fenced code is kept as a paragraph of its text. The first heading is the title.
 */
export const markdownImporter: Importer = {
  name: 'markdown',
  version: '1',
  extensions: ['.md', '.markdown'],
  async parse(bytes, fileName) {
    const { text: raw, charset } = decodeText(bytes, fileName)
    const blocks: DraftBlock[] = []
    let paragraph: string[] = []
    const endParagraph = () => {
      if (paragraph.length > 0) blocks.push({ type: 'paragraph', text: paragraph.join(' ') })
      paragraph = []
    }
    let fence: string[] | undefined
    for (const line of normalizeText(raw).split('\n')) {
      if (/^(```|~~~)/.test(line)) {
        if (fence) {
          blocks.push({ type: 'paragraph', text: fence.join('\n') })
          fence = undefined
        } else {
          endParagraph()
          fence = []
        }
        continue
      }
      if (fence) {
        fence.push(line)
        continue
      }
      const heading = /^(#{1,6}) +(.*?)(?: +#+)?$/.exec(line)
      const item = /^(?:[-*+]|\d+[.)]) +(.*)$/.exec(line)
      const quote = /^> ?(.*)$/.exec(line)
      if (heading) {
        endParagraph()
        blocks.push({
          type: 'heading',
          level: (heading[1] ?? '#').length,
          text: inlineText(heading[2] ?? ''),
        })
      } else if (item) {
        endParagraph()
        blocks.push({ type: 'list-item', text: inlineText(item[1] ?? '') })
      } else if (quote) {
        endParagraph()
        blocks.push({ type: 'quote', text: inlineText(quote[1] ?? '') })
      } else if (line.trim() === '' || /^(-{3,}|\*{3,}|_{3,})$/.test(line)) {
        endParagraph()
      } else {
        paragraph.push(inlineText(line))
      }
    }
    endParagraph()
    // An unclosed fence runs to the end of the file: keep its text rather than drop it.
    if (fence) blocks.push({ type: 'paragraph', text: fence.join('\n') })
    // A leading heading is the document's title: shown as such, not repeated as the first block.
    const first = blocks[0]
    const title =
      first?.type === 'heading' && first.text.trim() !== '' && blocks.length > 1
        ? (blocks.shift(), first.text)
        : undefined
    return {
      kind: 'markdown',
      charset,
      language: null,
      details: {},
      title: title ?? titleFromFileName(fileName),
      authors: [],
      publishedAt: null,
      url: null,
      blocks,
    }
  },
}

function inlineText(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?!\w)/g, '$1$2')
}
