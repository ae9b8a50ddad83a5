import markdownIt, { type MarkdownIt, type Token } from 'markdown-it'
import footnote from 'markdown-it-footnote'
import type { Place } from './briefData'
import { escapeMarkdown } from './escapeMarkdown'

/** What one footnote of a brief cites: a quote and the passage of the source it comes from. */
export type CitationParts = {
  quote: string
  sourceTitle: string
  authors: readonly string[]
  publishedAt: string | null
  /** The source's URL if known, else its file name. */
  origin: string
  place: Place
  textSha256: string
}

/** A citation read back from a brief: its parts as the reader sees them. */
export type CitedPassage = {
  quote: string
  sourceTitle: string
  authors: string[]
  publishedAt: string | null
  /** Null in briefs written before footnotes named their origin. */
  origin: string | null
  place: Place
  /** As many leading hex digits of the source text's sha256 as the footnote gives (12 in Casefile's). */
  textSha256Prefix: string
}

/** One footnote definition of a brief: a citation, or why it cannot be read as one. */
export type BriefFootnote = {
  /** Its position among the brief's footnote definitions, from 1. */
  n: number
  /** As written: `1` for `[^1]`; empty for an inline footnote `^[…]`. */
  label: string
  /** How many times the brief refers to it. */
  references: number
  /** Its text as a reader sees it, shortened, for a report. */
  text: string
} & ({ readable: true; citation: CitedPassage } | { readable: false; problem: string })

export type BriefCitations = {
  footnotes: BriefFootnote[]
  /** Labels of references `[^x]` that no footnote defines, once each. */
  undefinedReferences: string[]
}

/** The largest brief read, in UTF-16 code units: beyond it, a clear refusal rather than minutes of parsing. */
export const maxBriefChars = 64_000_000
/** How many hex digits of the source text's sha256 a footnote gives. */
export const citedHashLength = 12
/** A source without a title is cited under this one (emphasis cannot be empty in Markdown). */
export const untitled = 'Untitled'

/**
 * The body of one footnote (what follows `[^n]: `):
 * `“QUOTE” — *TITLE*, AUTHOR, AUTHOR (DATE), `ORIGIN`, p. P, paragraph N; sha256 `PREFIX`.`
 * Authors, date and page are left out when unknown. Everything from the source is escaped (and
 * in authors and date also `,`, `(` and `)`, so that the byline reads back unambiguously); the
 * origin is a code span, so a URL stays inert and tells this format from the older one that had
 * none; every field's white space is collapsed to single spaces, so the footnote stays one line.
 */
export function formatCitation(parts: CitationParts): string {
  const authors = parts.authors.map(field).filter((author) => author !== '')
  const date = field(parts.publishedAt ?? '')
  const byline =
    (authors.length > 0 ? `, ${authors.map(bylineText).join(', ')}` : '') +
    (date === '' ? '' : ` (${bylineText(date)})`)
  const quote = escapeMarkdown(collapse(parts.quote))
  const title = escapeMarkdown(field(parts.sourceTitle) || untitled)
  const hash = parts.textSha256.slice(0, citedHashLength).toLowerCase()
  return `“${quote}” — *${title}*${byline}, ${codeSpan(field(parts.origin))}, ${formatPlace(parts.place)}; sha256 \`${hash}\`.`
}

/** `paragraph 4`, or `p. 2, paragraph 4` in a paged original. */
export function formatPlace(place: { paragraph: number; page?: number | undefined }): string {
  const paragraph = `paragraph ${place.paragraph}`
  return place.page === undefined ? paragraph : `p. ${place.page}, ${paragraph}`
}

/**
 * Every footnote of a brief, read as a citation where it is one (in this format or the older one
 * without origin), and which references resolve. Foreign Markdown is read too: a footnote that is
 * not a Casefile citation is reported with its problem. Throws a RangeError past `maxBriefChars`.
 */
export function readBriefCitations(markdown: string): BriefCitations {
  if (markdown.length > maxBriefChars) {
    const megabytes = Math.round(markdown.length / 1_000_000)
    throw new RangeError(
      `This file holds ${megabytes} million characters; a brief is read up to ${maxBriefChars / 1_000_000} million.`,
    )
  }
  const env: { footnotes?: { list?: { content?: string }[] } } = {}
  const tokens = parser().parse(markdown, env)
  const definitions: { label: string; body: Token[] }[] = []
  const open: { label: string; body: Token[] }[] = []
  const references = new Map<string, number>()
  const inline: { at: number; content: string }[] = []
  const literalReferences: string[] = []
  for (const token of tokens) {
    if (token.type === 'footnote_reference_open') {
      const definition = { label: String((token.meta as { label: string }).label), body: [] }
      definitions.push(definition)
      open.push(definition)
      continue
    }
    if (token.type === 'footnote_reference_close') {
      open.pop()
      continue
    }
    open.at(-1)?.body.push(token)
    for (const child of token.children ?? []) {
      const meta = child.meta as { id: number; label?: string } | null
      if (child.type === 'footnote_ref' && meta?.label !== undefined) {
        references.set(meta.label, (references.get(meta.label) ?? 0) + 1)
      } else if (child.type === 'footnote_ref' && meta) {
        inline.push({
          at: definitions.length,
          content: env.footnotes?.list?.[meta.id]?.content ?? '',
        })
      } else if (child.type === 'text') {
        // A reference the footnote plugin did not take is one with no definition.
        for (const match of child.content.matchAll(/\[\^([^\]\s]+)\]/g))
          literalReferences.push(match[1] ?? '')
      }
    }
  }
  const footnotes = definitions.map((definition): BriefFootnote => {
    const read = readDefinition(definition.body)
    const common = {
      n: 0,
      label: definition.label,
      references: references.get(definition.label) ?? 0,
      text: read.text,
    }
    return typeof read.citation === 'string'
      ? { ...common, readable: false, problem: read.citation }
      : { ...common, readable: true, citation: read.citation }
  })
  for (const { at, content } of inline.reverse()) {
    footnotes.splice(at, 0, {
      n: 0,
      label: '',
      references: 1,
      text: shorten(content),
      readable: false,
      problem: 'It is an inline footnote (^[…]), not a Casefile citation.',
    })
  }
  footnotes.forEach((note, i) => (note.n = i + 1))
  const defined = new Set(definitions.map((definition) => definition.label))
  const undefinedReferences = [...new Set(literalReferences)].filter((label) => !defined.has(label))
  return { footnotes, undefinedReferences }
}

let markdownParser: MarkdownIt | undefined
function parser(): MarkdownIt {
  if (!markdownParser) {
    markdownParser = markdownIt({ html: true }).use(footnote)
    // Escaped characters stay apart from literal ones (a literal `,` separates, an escaped one is
    // text), and footnote definitions stay where they are, referenced or not.
    markdownParser.disable(['text_join', 'footnote_tail'])
  }
  return markdownParser
}

/** Stands in a piece's shape for each character that was escaped: text, never a separator. */
const escaped = '\uE000'

/** A run of text (`shape` as written: escaped characters masked), or a token that delimits. */
type Piece = { kind: 'text' | 'em_open' | 'em_close' | 'code'; text: string; shape: string }

function readDefinition(body: Token[]): { text: string; citation: CitedPassage | string } {
  const text = shorten(body.map(plainText).join(' '))
  const [open, inline, close] = body
  if (
    body.length !== 3 ||
    open?.type !== 'paragraph_open' ||
    inline?.type !== 'inline' ||
    close?.type !== 'paragraph_close'
  ) {
    return { text, citation: 'It is not a single paragraph, as a Casefile citation is.' }
  }
  const children = inline.children ?? []
  const pieces: Piece[] = []
  for (const child of children) {
    const piece = pieceOf(child)
    if (!piece) return { text, citation: notCasefile }
    const last = pieces.at(-1)
    if (piece.kind === 'text' && last?.kind === 'text') {
      last.text += piece.text
      last.shape += piece.shape
    } else pieces.push(piece)
  }
  return { text, citation: readPieces(pieces) }
}

const notCasefile =
  'It is not a Casefile citation (“quote” — *title*, …, paragraph N; sha256 `prefix`.).'

function pieceOf(token: Token): Piece | undefined {
  const { type, content } = token
  if (type === 'text') return { kind: 'text', text: content, shape: content }
  if (type === 'text_special')
    return { kind: 'text', text: content, shape: escaped.repeat(content.length) }
  if (type === 'softbreak') return { kind: 'text', text: ' ', shape: ' ' }
  if (type === 'em_open' || type === 'em_close') return { kind: type, text: '', shape: '' }
  if (type === 'code_inline') return { kind: 'code', text: content, shape: '' }
  return undefined
}

/** `, p. P, paragraph N; sha256 ` (page optional) closing the byline: where it starts, and the place. */
const placePattern = /, (?:p\. (\d+), )?paragraph (\d+); sha256 $/

/** `“Q” — *T*, byline, `origin`, place; sha256 `hash`.` or, older, without the origin. */
function readPieces(pieces: Piece[]): CitedPassage | string {
  const kinds = pieces.map((piece) => piece.kind).join(' ')
  const withOrigin = kinds === 'text em_open text em_close text code text code text'
  if (!withOrigin && kinds !== 'text em_open text em_close text code text') return notCasefile
  const [lead, , title, , byline, ...tail] = pieces as [
    Piece,
    Piece,
    Piece,
    Piece,
    Piece,
    ...Piece[],
  ]
  const [origin, placeText, hash, end] = withOrigin ? tail : [undefined, byline, ...tail]
  if (!lead.shape.startsWith('“') || !lead.shape.endsWith('” — ') || end?.shape !== '.')
    return notCasefile
  const prefix = (hash?.text ?? '').trim().toLowerCase()
  if (!/^[0-9a-f]{8,64}$/.test(prefix))
    return 'Its sha256 is not a hex prefix of a source text’s hash.'
  const placeAt = placePattern.exec(placeText?.shape ?? '')
  const place = placeAt && readPlace(placeAt)
  if (!placeAt || !place || (origin && placeAt.index !== 0))
    return 'Its page and paragraph cannot be read.'
  // The byline runs to the origin's `, ` or, in the older format, to the place.
  const bylineEnd = origin ? byline.shape.length - 2 : placeAt.index
  if (origin && !byline.shape.endsWith(', ')) return notCasefile
  const people = readByline(cut(byline, 0, bylineEnd))
  if (!people) return 'Its authors and date cannot be read.'
  return {
    quote: lead.text.slice(1, -4),
    sourceTitle: title.text,
    ...people,
    origin: origin ? field(origin.text) : null,
    place,
    textSha256Prefix: prefix,
  }
}

function readPlace([, pageText, paragraphText]: RegExpExecArray): Place | undefined {
  const paragraph = Number(paragraphText)
  const page = pageText === undefined ? undefined : Number(pageText)
  const counts = (n: number) => Number.isSafeInteger(n) && n >= 1
  if (!counts(paragraph) || (page !== undefined && !counts(page))) return undefined
  return page === undefined ? { paragraph } : { page, paragraph }
}

/** `, A, B (DATE)`, each part optional, split only where a separator was written unescaped. */
function readByline(byline: Piece): { authors: string[]; publishedAt: string | null } | undefined {
  let rest = byline
  let publishedAt: string | null = null
  if (rest.shape.endsWith(')')) {
    const open = rest.shape.lastIndexOf(' (')
    if (open < 0) return undefined
    publishedAt = rest.text.slice(open + 2, -1)
    rest = cut(rest, 0, open)
  }
  if (rest.shape === '') return { authors: [], publishedAt }
  if (!rest.shape.startsWith(', ')) return undefined
  const authors: string[] = []
  let from = 2
  for (let comma = rest.shape.indexOf(', ', from); ; comma = rest.shape.indexOf(', ', from)) {
    authors.push(rest.text.slice(from, comma < 0 ? undefined : comma))
    if (comma < 0) break
    from = comma + 2
  }
  return { authors, publishedAt }
}

function cut(piece: Piece, start: number, end: number): Piece {
  return { ...piece, text: piece.text.slice(start, end), shape: piece.shape.slice(start, end) }
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ')
}

/** A field of the byline as cited: one line, no white space at its ends. */
function field(text: string): string {
  return collapse(text).trim()
}

function bylineText(text: string): string {
  return escapeMarkdown(text).replace(/[(),]/g, (char) => `\\${char}`)
}

/** A code span holding `text` verbatim, whatever backticks it holds. */
function codeSpan(text: string): string {
  let longest = 0
  for (const run of text.matchAll(/`+/g)) longest = Math.max(longest, run[0].length)
  const fence = '`'.repeat(longest + 1)
  // A space each side keeps a backtick at an end off the fence; Markdown takes one off each side.
  const pad = text === '' || text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

function plainText(token: Token): string {
  if (!token.children)
    return token.type === 'inline' || token.type.startsWith('code') ? token.content : ''
  return token.children
    .map((child) => (child.type.endsWith('break') ? ' ' : child.content))
    .join('')
}

function shorten(raw: string): string {
  const text = raw.replace(/\s+/g, ' ').trim()
  return text.length <= 300 ? text : `${text.slice(0, 299)}…`
}
