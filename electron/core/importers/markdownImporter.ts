import { parse as parseYaml } from 'yaml'
import { normalizeText, type DraftBlock } from '../../../shared/text'
import { decodeText } from './decodeText'
import { canonicalLanguage } from './detectLanguage'
import { fitsTitle, titleFromFileName, type Importer } from './importedDocument'

/**
 * Markdown, read line by line into blocks: headings, list items and quotes keep their kind, other
 * lines gather into paragraphs, and inline markup (emphasis, code, links, images) is reduced to
 * its text. Fenced code is kept as a paragraph of its text. YAML front matter gives the title,
 * author, date, tags, URL and language; else the first heading is the title.
 */
export const markdownImporter: Importer = {
  name: 'markdown',
  version: '1',
  extensions: ['.md', '.markdown'],
  parse(bytes, fileName) {
    const { text: decoded, charset } = decodeText(bytes, fileName)
    const { matter, body: raw } = splitFrontMatter(normalizeText(decoded))
    const blocks: DraftBlock[] = []
    let paragraph: string[] = []
    const endParagraph = () => {
      if (paragraph.length > 0) blocks.push({ type: 'paragraph', text: paragraph.join(' ') })
      paragraph = []
    }
    let fence: string[] | undefined
    for (const line of raw.split('\n')) {
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
    const headingTitle =
      first?.type === 'heading' && fitsTitle(first.text) && blocks.length > 1
        ? first.text
        : undefined
    const title = matter.title ?? headingTitle ?? titleFromFileName(fileName)
    if (headingTitle !== undefined && headingTitle === title) blocks.shift()
    return Promise.resolve({
      kind: 'markdown' as const,
      title,
      authors: matter.authors,
      publishedAt: matter.date,
      url: matter.url,
      charset,
      language: matter.language,
      tags: matter.tags,
      blocks,
      details: {},
    })
  },
}

type FrontMatter = {
  title: string | undefined
  authors: string[]
  date: string | null
  url: string | null
  language: string | null
  tags: string[]
}

const noFrontMatter: FrontMatter = {
  title: undefined,
  authors: [],
  date: null,
  url: null,
  language: null,
  tags: [],
}

/**
 * YAML front matter (`---` … `---` at the very top) and the Markdown after it. Front matter that
 * is not valid YAML, or not a mapping, is not front matter: the text is read as it stands.
 */
function splitFrontMatter(text: string): { matter: FrontMatter; body: string } {
  const match = /^---\n([\s\S]*?)\n(?:---|\.\.\.)(?:\n|$)/.exec(text)
  if (!match) return { matter: noFrontMatter, body: text }
  let data: unknown
  try {
    data = parseYaml(match[1] ?? '', { maxAliasCount: 10, prettyErrors: false })
  } catch {
    return { matter: noFrontMatter, body: text }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { matter: noFrontMatter, body: text }
  const field = (...names: string[]) => {
    for (const name of names) {
      const value = (data as Record<string, unknown>)[name]
      if (value !== undefined && value !== null) return value
    }
    return undefined
  }
  const date = scalar(field('date', 'published', 'publishedAt'))
  const url = scalar(field('url', 'source', 'link'))
  const language = scalar(field('lang', 'language'))
  return {
    matter: {
      title: scalar(field('title')),
      authors: list(field('author', 'authors', 'by')),
      date: date ?? null,
      url: url && /^https?:\/\//i.test(url) ? url : null,
      language: language ? canonicalLanguage(language) : null,
      tags: list(field('tags', 'keywords')),
    },
    body: text.slice(match[0].length),
  }
}

function scalar(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'string' || typeof value === 'number') {
    const text = String(value).trim()
    return text === '' ? undefined : text
  }
  return undefined
}

/** A YAML list, or a comma-separated string, as trimmed non-empty strings. */
function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : []
  return items.map(scalar).filter((item): item is string => item !== undefined)
}

function inlineText(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?!\w)/g, '$1$2')
}
