import type { Annotation, Source } from '../model'
import type { Place } from './briefData'
import { escapeMarkdown } from './escapeMarkdown'

export type BriefItem = {
  source: Source
  annotations: readonly Annotation[]
  /** Where an offset of the source text lies: its paragraph (1-based) and, in a paged original, its page. */
  placeOf: (offset: number) => Place
}

export type BriefInput = {
  title: string
  generatedAt: string
  generator: string
  items: readonly BriefItem[]
  /** Orphaned annotations left out: their passages are no longer in their sources' texts. */
  orphansLeftOut?: number
}

/**
 * The Markdown brief: YAML front matter, then each source's annotated passages as blockquotes
 * followed by the analyst's comment, each quote carrying a footnote that cites its source (title,
 * authors, date, page and paragraph, sha256 prefix and the exact quote), and an appendix of sources.
 */
export function renderBriefMarkdown(input: BriefInput): string {
  const lines: string[] = [
    '---',
    `title: ${yamlString(input.title)}`,
    `date: ${yamlString(input.generatedAt)}`,
    `generator: ${yamlString(input.generator)}`,
    '---',
    '',
    `# ${escapeMarkdown(input.title)}`,
    '',
  ]
  if (input.orphansLeftOut) {
    const n = input.orphansLeftOut
    lines.push(
      `_${n} orphaned highlight${n === 1 ? ' is' : 's are'} left out: ${n === 1 ? 'its passage is' : 'their passages are'} no longer in ${n === 1 ? 'its source' : 'their sources'}._`,
      '',
    )
  }
  const footnotes: string[] = []
  const cited = input.items.filter((item) => item.annotations.length > 0)
  if (cited.length === 0) lines.push('_No annotated passages yet._', '')
  else lines.push('## Key passages', '')
  for (const item of cited) {
    lines.push(`### ${escapeMarkdown(item.source.title)}`, '')
    for (const annotation of item.annotations) {
      const n = footnotes.length + 1
      const paragraphs = annotation.target.quote.exact.split(/\n{2,}/)
      paragraphs.forEach((paragraph, i) => {
        if (i > 0) lines.push('>')
        lines.push(`> ${escapeMarkdown(paragraph)}${i === paragraphs.length - 1 ? `[^${n}]` : ''}`)
      })
      lines.push('')
      if (annotation.comment.trim() !== '')
        lines.push(escapeMarkdown(annotation.comment.trim()), '')
      footnotes.push(`[^${n}]: ${citation(item, annotation)}`)
    }
  }
  if (cited.length > 0) {
    lines.push('## Sources', '')
    for (const { source } of cited) {
      lines.push(
        `- ${escapeMarkdown(source.title)}${byline(source)}. File ${escapeMarkdown(source.origin.fileName)}; ` +
          `text sha256 \`${source.textSha256}\`; original sha256 \`${source.originalSha256}\`.`,
      )
    }
    lines.push('')
  }
  lines.push(...footnotes)
  return lines.join('\n').trimEnd() + '\n'
}

/**
 * A YAML double-quoted string (JSON's escapes are valid YAML) with `<`, `>` and `&` escaped too,
 * so a viewer that does not know front matter shows it as text, not as HTML.
 */
function yamlString(value: string): string {
  return JSON.stringify(value).replace(
    /[<>&]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

function byline(source: Source): string {
  const authors = source.authors.length > 0 ? `, ${escapeMarkdown(source.authors.join(', '))}` : ''
  const date = source.publishedAt ? ` (${escapeMarkdown(source.publishedAt)})` : ''
  return authors + date
}

function citation(item: BriefItem, annotation: Annotation): string {
  const { source } = item
  const { paragraph, page } = item.placeOf(annotation.target.position.start)
  const place = page === undefined ? `paragraph ${paragraph}` : `p. ${page}, paragraph ${paragraph}`
  const quote = escapeMarkdown(annotation.target.quote.exact.replace(/\s+/g, ' '))
  return `“${quote}” — *${escapeMarkdown(source.title)}*${byline(source)}, ${place}; sha256 \`${source.textSha256.slice(0, 12)}\`.`
}
