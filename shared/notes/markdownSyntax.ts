/**
 * How mentions and citations read in Markdown: as a link and as a quote that any Markdown reader
 * shows sensibly, and that Casefile reads back into the same nodes.
 *
 *     We think [@Iran](casefile:actor/4f…) did it.
 *
 *     > “The Iranian government denied any involvement”
 *     > — [Iran Denies Albanian Cyberattack](casefile:annotation/9c…?source=be…)
 */

/** Characters that would start Markdown syntax inside a quote, a label or a title. */
const special = /[\\`*_[\]<>#|~]/g

export function escapeMarkdown(text: string): string {
  return text.replace(special, (char) => `\\${char}`)
}

export function unescapeMarkdown(text: string): string {
  return text.replace(/\\(.)/g, '$1')
}

export type MentionSyntax = { kind: 'actor' | 'event'; id: string; label: string }

export function renderMention({ kind, id, label }: MentionSyntax): string {
  return `[@${escapeMarkdown(label)}](casefile:${kind}/${encodeURIComponent(id)})`
}

const mentionPattern = /^\[@((?:\\.|[^\]\\\n])*)\]\(casefile:(actor|event)\/([^)\s]+)\)/

export function readMention(src: string): (MentionSyntax & { raw: string }) | undefined {
  const match = mentionPattern.exec(src)
  if (!match) return undefined
  const [raw, label = '', kind, id = ''] = match
  return {
    raw,
    kind: kind === 'event' ? 'event' : 'actor',
    id: decodeURIComponent(id),
    label: unescapeMarkdown(label),
  }
}

export type CitationSyntax = {
  annotationId: string
  sourceId: string
  sourceTitle: string
  quote: string
}

export function renderCitation(citation: CitationSyntax): string {
  const lines = escapeMarkdown(citation.quote).split('\n')
  const quoted = lines.map((line, index) => {
    const open = index === 0 ? '“' : ''
    const close = index === lines.length - 1 ? '”' : ''
    return `> ${open}${line}${close}`.trimEnd()
  })
  const query = citation.sourceId ? `?source=${encodeURIComponent(citation.sourceId)}` : ''
  const link = `casefile:annotation/${encodeURIComponent(citation.annotationId)}${query}`
  return [...quoted, `> — [${escapeMarkdown(citation.sourceTitle)}](${link})`].join('\n')
}

const citationPattern =
  /^> “((?:[^\n]|\n> ?)*?)”\n> — \[((?:\\.|[^\]\\\n])*)\]\(casefile:annotation\/([^)?\s]+)(?:\?source=([^)\s]+))?\)(?:\n|$)/

export function readCitation(src: string): (CitationSyntax & { raw: string }) | undefined {
  const match = citationPattern.exec(src)
  if (!match) return undefined
  const [raw, quote = '', title = '', annotationId = '', sourceId = ''] = match
  const lines = quote.split('\n').map((line) => line.replace(/^> ?/, ''))
  return {
    raw,
    quote: unescapeMarkdown(lines.join('\n')),
    sourceTitle: unescapeMarkdown(title),
    annotationId: decodeURIComponent(annotationId),
    sourceId: decodeURIComponent(sourceId),
  }
}
