import {
  credibilityWords,
  describeDate,
  reliabilityWords,
  tlpWords,
  type Actor,
  type BriefSection,
  type CaseEvent,
  type DateSpec,
  type Source,
} from '../model'
import type { BriefData, BriefPassage } from './briefData'
import { formatCitation } from './citation'
import { escapeMarkdown } from './escapeMarkdown'

/** What the Markdown of a brief says, and how many citations it carries. */
export type RenderedBrief = { markdown: string; citations: number }

/**
 * The Markdown brief: YAML front matter (title, day, author, TLP, generator), the marking at the
 * top and at the bottom, the intro, then the chosen sections in their order (key judgements,
 * timeline, actors, key passages), an appendix of the sources cited, and a footnote on every
 * quote citing its passage (see `formatCitation`). Everything taken from a source or typed by the
 * analyst is escaped: it reads as text, never as markup. The intro is the analyst's own note,
 * written in Markdown, and stays Markdown (its headings moved below the brief's).
 */
export function renderBriefMarkdown(
  data: BriefData,
  sections: readonly BriefSection[],
): RenderedBrief {
  const citations = new Citations(data.passages)
  const marking = `**TLP:${data.brief.tlp}** — ${tlpWords[data.brief.tlp]}.`
  const lines: string[] = [
    '---',
    `title: ${yamlString(data.brief.title)}`,
    `date: ${yamlString(data.brief.generatedAt.slice(0, 10))}`,
    ...(data.brief.author === '' ? [] : [`author: ${yamlString(data.brief.author)}`]),
    `tlp: ${yamlString(data.brief.tlp)}`,
    `generator: ${yamlString(data.brief.generator)}`,
    '---',
    '',
    marking,
    '',
    `# ${escapeMarkdown(data.brief.title)}`,
    '',
    byLine(data),
    '',
  ]
  const leftOut = leftOutLine(data)
  if (leftOut) lines.push(leftOut, '')
  if (data.intro !== null && data.intro.trim() !== '')
    lines.push(...demoteHeadings(resolveCasefileLinks(data.intro, citations), 2), '')
  // Sections of a whole case run to hundreds of thousands of lines: joined, not spread as arguments.
  const parts = [lines, ...sections.map((section) => renderSection(section, data, citations))]
  parts.push(sourcesAppendix(citations), ['---', '', marking, ''], citations.footnotes())
  const markdown = parts
    .filter((part) => part.length > 0)
    .map((part) => part.join('\n'))
    .join('\n')
  return { markdown: markdown.trimEnd() + '\n', citations: citations.count }
}

function renderSection(section: BriefSection, data: BriefData, citations: Citations): string[] {
  switch (section) {
    case 'judgements':
      return judgements(data, citations)
    case 'timeline':
      return timeline(data.events)
    case 'actors':
      return actorsSection(data.actors)
    case 'notes':
      return notesSection(data.notes, citations)
    case 'passages':
      return keyPassages(data.passages, citations)
  }
}

/** Relations as sentences, with their confidence and a citation of each passage they rest on. */
function judgements(data: BriefData, citations: Citations): string[] {
  if (data.relations.length === 0) return []
  const names = new Map<string, string>([
    ...data.actors.map((actor): [string, string] => [actor.id, actor.name]),
    ...data.events.map((event): [string, string] => [event.id, event.title]),
  ])
  const lines = ['## Key judgements', '']
  for (const relation of data.relations) {
    const from = escapeMarkdown(names.get(relation.from.id) ?? '?')
    const to = escapeMarkdown(names.get(relation.to.id) ?? '?')
    const refs = relation.evidence.map((id) => citations.ref(id)).join('')
    const evidence = relation.evidence.length === 0 ? ' No passage cited.' : ''
    lines.push(
      `- **${from}** — ${escapeMarkdown(relation.type)} → **${to}** (${relation.confidence}).${refs}${evidence}`,
    )
    if (relation.note.trim() !== '') lines.push(`  ${escapeMarkdown(oneLine(relation.note))}`)
  }
  return [...lines, '']
}

/** The events by date, each with the precision its date is known to. */
function timeline(events: readonly CaseEvent[]): string[] {
  if (events.length === 0) return []
  const lines = [
    '## Timeline',
    '',
    '| Occurred | Precision | Event | Place | Reported |',
    '| --- | --- | --- | --- | --- |',
  ]
  for (const event of events) {
    const cells = [
      describeDate(event.occurred),
      precisionWords(event.occurred),
      `**${escapeMarkdown(event.title)}**${event.description.trim() === '' ? '' : ` — ${escapeMarkdown(oneLine(event.description))}`}`,
      escapeMarkdown(event.place),
      event.reported ? describeDate(event.reported) : '',
    ]
    lines.push(`| ${cells.join(' | ')} |`)
  }
  return [...lines, '']
}

function precisionWords(spec: DateSpec): string {
  return spec.precision === 'range' ? 'between these dates' : `to the ${spec.precision}`
}

function actorsSection(actors: readonly Actor[]): string[] {
  if (actors.length === 0) return []
  const lines = ['## Actors', '']
  for (const actor of actors) {
    lines.push(`### ${escapeMarkdown(actor.name)}`, '')
    const aliases =
      actor.aliases.length === 0
        ? ''
        : ` Also known as ${actor.aliases.map(escapeMarkdown).join(', ')}.`
    lines.push(`*${actor.kind.replace('-', ' ')}*.${aliases}`, '')
    if (actor.description.trim() !== '') lines.push(escapeMarkdown(actor.description.trim()), '')
  }
  return lines
}

/** The notes picked by hand, each under its title, its headings below it, its quotes cited. */
function notesSection(notes: BriefData['notes'], citations: Citations): string[] {
  if (notes.length === 0) return []
  const lines = ['## Notes', '']
  for (const note of notes) {
    lines.push(`### ${escapeMarkdown(note.title)}`, '')
    const body = withoutTitleHeading(note.markdown, note.title)
    lines.push(...demoteHeadings(resolveCasefileLinks(body, citations), 3), '')
  }
  return lines
}

/** A note's Markdown without its first line when that is a heading of the note's own title. */
function withoutTitleHeading(markdown: string, title: string): string {
  const [first = '', ...rest] = markdown.trim().split('\n')
  const heading = /^#{1,6} +(.*?) *#* *$/.exec(first)
  return heading && heading[1] === escapeMarkdown(title) ? rest.join('\n') : markdown
}

/** Each passage as a blockquote with its citation, then the analyst's comment; by source. */
function keyPassages(passages: readonly BriefPassage[], citations: Citations): string[] {
  if (passages.length === 0) return ['## Key passages', '', '_No passages in this brief._', '']
  const lines = ['## Key passages', '']
  let source: Source | undefined
  for (const { annotation, source: of } of passages) {
    if (of !== source) {
      source = of
      lines.push(`### ${escapeMarkdown(of.title)}`, '')
    }
    const paragraphs = annotation.target.quote.exact.split(/\n{2,}/)
    paragraphs.forEach((paragraph, i) => {
      if (i > 0) lines.push('>')
      const ref = i === paragraphs.length - 1 ? citations.ref(annotation.id) : ''
      lines.push(`> ${escapeMarkdown(paragraph).replace(/\n/g, '\n> ')}${ref}`)
    })
    lines.push('')
    if (annotation.comment.trim() !== '') lines.push(escapeMarkdown(annotation.comment.trim()), '')
    const grade = admiraltyGrade(of, annotation.credibility)
    if (grade) lines.push(grade, '')
  }
  return lines
}

/** `*Graded B2: usually reliable source; information probably true.*`, from what is known. */
function admiraltyGrade(source: Source, credibility: number | undefined): string | undefined {
  if (source.reliability === null && credibility === undefined) return undefined
  const code = `${source.reliability ?? 'F'}${credibility ?? 6}`
  const words = [
    source.reliability ? `${reliabilityWords[source.reliability]} source` : undefined,
    credibility ? `information ${credibilityWords[credibility]}` : undefined,
  ].filter((part) => part !== undefined)
  return `*Graded ${code}: ${words.join('; ')}.*`
}

/** One entry per source cited, with its reliability grade and both hashes. */
function sourcesAppendix(citations: Citations): string[] {
  const sources = citations.sources()
  if (sources.length === 0) return []
  const lines = ['## Sources', '']
  sources.forEach((source, i) => {
    const grade = source.reliability
      ? `reliability ${source.reliability} (${reliabilityWords[source.reliability]})`
      : 'reliability not graded'
    lines.push(
      `${i + 1}. *${escapeMarkdown(source.title)}*${authorsAndDate(source)}. ${escapeMarkdown(originOf(source))}; ` +
        `${grade}; text sha256 \`${source.textSha256}\`; original sha256 \`${source.originalSha256}\`.`,
    )
  })
  return [...lines, '']
}

/**
 * The footnotes of the brief: one per passage, numbered in the order they are first cited, and
 * only those cited (a passage cited twice, as evidence and as a key passage, keeps one number).
 */
class Citations {
  private readonly byAnnotation: Map<string, BriefPassage>
  private readonly numbers = new Map<string, number>()

  constructor(passages: readonly BriefPassage[]) {
    this.byAnnotation = new Map(passages.map((passage) => [passage.annotation.id, passage]))
  }

  get count(): number {
    return this.numbers.size
  }

  /** `[^n]` for an annotation the brief holds; nothing for one it does not. */
  ref(annotationId: string): string {
    if (!this.byAnnotation.has(annotationId)) return ''
    let n = this.numbers.get(annotationId)
    if (n === undefined) {
      n = this.numbers.size + 1
      this.numbers.set(annotationId, n)
    }
    return `[^${n}]`
  }

  sources(): Source[] {
    const sources: Source[] = []
    for (const id of this.numbers.keys()) {
      const { source } = this.byAnnotation.get(id) as BriefPassage
      if (!sources.includes(source)) sources.push(source)
    }
    return sources
  }

  footnotes(): string[] {
    return [...this.numbers].map(([id, n]) => {
      const { annotation, source, place } = this.byAnnotation.get(id) as BriefPassage
      const body = formatCitation({
        quote: annotation.target.quote.exact,
        sourceTitle: source.title,
        authors: source.authors,
        publishedAt: source.publishedAt,
        origin: originOf(source),
        place,
        textSha256: source.textSha256,
      })
      return `[^${n}]: ${body}`
    })
  }
}

function byLine(data: BriefData): string {
  const author = data.brief.author === '' ? '' : `${escapeMarkdown(data.brief.author)}, `
  return `*${author}${data.brief.generatedAt.slice(0, 10)}. ${escapeMarkdown(data.brief.generator)}.*`
}

function leftOutLine(data: BriefData): string | undefined {
  const { byTlp, orphans } = data.leftOut
  const parts: string[] = []
  if (byTlp > 0)
    parts.push(
      `${byTlp} item${byTlp === 1 ? '' : 's'} marked more restrictively than TLP:${data.brief.tlp} ${byTlp === 1 ? 'is' : 'are'} left out`,
    )
  if (orphans > 0)
    parts.push(
      `${orphans} orphaned passage${orphans === 1 ? ' is' : 's are'} left out (no longer in ${orphans === 1 ? 'its source' : 'their sources'})`,
    )
  return parts.length === 0 ? undefined : `_${parts.join('; ')}._`
}

function authorsAndDate(source: Source): string {
  const authors = source.authors.length > 0 ? `, ${escapeMarkdown(source.authors.join(', '))}` : ''
  const date = source.publishedAt ? ` (${escapeMarkdown(source.publishedAt)})` : ''
  return authors + date
}

/** Where a source came from: its address when known, else the name of the file imported. */
function originOf(source: Source): string {
  return source.origin.url ?? source.origin.fileName
}

function oneLine(text: string): string {
  return text.trim().replace(/\s+/g, ' ')
}

/**
 * The intro note's own links made readable outside Casefile: a mention (`[@Iran](casefile:actor/…)`)
 * becomes its name, and a quoted passage's link (`— [Title](casefile:annotation/ID…)`) its
 * source's title with the passage's footnote, when the brief holds that passage.
 */
function resolveCasefileLinks(markdown: string, citations: Citations): string {
  return markdown
    .replace(/\[@((?:\\.|[^\]\\\n])*)\]\(casefile:(?:actor|event)\/[^)\s]*\)/g, '$1')
    .replace(
      /\[((?:\\.|[^\]\\\n])*)\]\(casefile:annotation\/([^)?\s]+)(?:\?[^)\s]*)?\)/g,
      (_link, title: string, id: string) => `*${title}*${citations.ref(decoded(id))}`,
    )
}

function decoded(component: string): string {
  try {
    return decodeURIComponent(component)
  } catch {
    return component
  }
}

/**
 * A note's lines, its headings `levels` down (with 2, a `#` of the note becomes `###`) so that
 * they sit under the brief's own; at most level 6. Fenced code is left as it is.
 */
function demoteHeadings(markdown: string, levels: number): string[] {
  let fenced = false
  return markdown
    .trim()
    .split('\n')
    .map((line) => {
      if (/^\s{0,3}(```|~~~)/.test(line)) fenced = !fenced
      if (fenced) return line
      return line.replace(
        /^(#{1,6}) /,
        (_all, marks: string) => `${'#'.repeat(Math.min(6, marks.length + levels))} `,
      )
    })
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
