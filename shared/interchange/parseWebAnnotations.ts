import { contextLength } from '../anchoring/describeRange'
import { HighlightColorSchema, type HighlightColor } from '../model/annotation'
import { hasType, isRecord, listOf, typeOf, type Json } from './jsonValues'
import { readBodies } from './readBodies'
import {
  sha256Urn,
  uuidUrn,
  type ParsedWebAnnotation,
  type WebAnnotationProblem,
} from './webAnnotationShape'

/** Beyond this many annotations in one document, the rest are reported, not read. */
export const maxWebAnnotations = 100_000

const maxQuoteLength = 100_000

/**
 * Reads W3C Web Annotations from any JSON value: an AnnotationCollection (its embedded pages),
 * an AnnotationPage, an array of annotations, one annotation, or Hypothesis's JSON (an API answer,
 * `{ rows }`, or an export file, `{ annotations }`, with `text`, `tags` and `uri`). It never
 * throws: whatever cannot be used is a problem naming the item's index and what is wrong.
 */
export function parseWebAnnotations(document: unknown): {
  items: ParsedWebAnnotation[]
  problems: WebAnnotationProblem[]
} {
  const items: ParsedWebAnnotation[] = []
  const problems: WebAnnotationProblem[] = []
  let list: { annotations: unknown[]; total: number }
  try {
    list = annotationList(document, problems)
  } catch {
    return { items, problems: [{ item: 0, reason: 'the document could not be read.' }] }
  }
  list.annotations.forEach((annotation, index) => {
    let parsed: ParsedWebAnnotation | string
    try {
      parsed = parseAnnotation(annotation, index)
    } catch {
      parsed = 'could not be read.'
    }
    if (typeof parsed === 'string') problems.push({ item: index, reason: parsed })
    else items.push(parsed)
  })
  if (list.total > maxWebAnnotations)
    problems.push({
      item: maxWebAnnotations,
      reason:
        `the document holds ${list.total} annotations; only the first ${maxWebAnnotations} ` +
        'were read.',
    })
  return { items, problems }
}

/** The document's annotations (at most maxWebAnnotations of them) and how many it holds. */
function annotationList(
  document: unknown,
  problems: WebAnnotationProblem[],
): { annotations: unknown[]; total: number } {
  if (Array.isArray(document)) return capped(document)
  if (!isRecord(document)) {
    problems.push({
      item: 0,
      reason: `the document is ${describe(document)}, not a Web Annotation, a collection, a page or a list of them.`,
    })
    return { annotations: [], total: 0 }
  }
  // Hypothesis: an API search answer (`rows`), or the client's export file (`annotations`).
  if (Array.isArray(document.rows)) return capped(document.rows)
  if (Array.isArray(document.annotations)) return capped(document.annotations)
  if (hasType(document, 'AnnotationCollection') || 'first' in document) {
    if (isRecord(document.first)) return pages(document.first, problems)
    if (typeof document.first === 'string')
      problems.push({
        item: 0,
        reason: `the collection's annotations are on a page that is not in this document (${clip(document.first)}).`,
      })
    return Array.isArray(document.items) ? capped(document.items) : { annotations: [], total: 0 }
  }
  if (hasType(document, 'AnnotationPage') || Array.isArray(document.items))
    return pages(document, problems)
  return { annotations: [document], total: 1 }
}

function capped(list: unknown[]): { annotations: unknown[]; total: number } {
  return { annotations: list.slice(0, maxWebAnnotations), total: list.length }
}

/** The items of a page and of every following page embedded in it (`next`). */
function pages(first: Json, problems: WebAnnotationProblem[]) {
  const annotations: unknown[] = []
  let total = 0
  const seen = new Set<Json>()
  for (let page: unknown = first; isRecord(page) && !seen.has(page); page = page.next) {
    seen.add(page)
    const items = Array.isArray(page.items)
      ? page.items
      : page.items === undefined
        ? []
        : [page.items]
    for (const item of items) {
      if (annotations.length < maxWebAnnotations) annotations.push(item)
      total++
    }
    if (typeof page.next === 'string')
      problems.push({
        item: total,
        reason: `the annotations from here on are on a page that is not in this document (${clip(page.next)}).`,
      })
  }
  return { annotations, total }
}

function parseAnnotation(value: unknown, index: number): ParsedWebAnnotation | string {
  if (!isRecord(value)) return `is ${describe(value)}, not an annotation object.`
  if (value.target === undefined || value.target === null) return 'has no target.'
  const found = findQuotedTarget(value.target)
  if (typeof found === 'string') return found
  const { target, quoteSelector, positionSelector } = found
  const exact = quoteSelector.exact
  if (typeof exact !== 'string' || exact === '')
    return 'has an empty quote: its TextQuoteSelector has no `exact` text.'
  if (exact.length > maxQuoteLength)
    return `quotes ${exact.length} characters; Casefile keeps quotes of up to ${maxQuoteLength}.`
  const source = sourceOf(value, target)
  if (source.sha256 === null && source.url === null)
    return 'names no source: its target has neither a `urn:sha256:` nor a URL.'
  const bodies = readBodies(value)
  if (typeof bodies === 'string') return bodies
  return {
    index,
    id: idOf(value.id ?? value['@id']),
    source,
    quote: {
      exact,
      prefix: keepEnd(stringOr(quoteSelector.prefix)),
      suffix: keepStart(stringOr(quoteSelector.suffix)),
    },
    position: positionOf(positionSelector),
    comment: bodies.comment,
    tags: bodies.tags,
    color: colorOf(value['casefile:color']),
    created: dateOf(value.created),
    modified: dateOf(value.modified ?? value.updated),
  }
}

type QuotedTarget = { target: Json; quoteSelector: Json; positionSelector: Json | undefined }

/** The first target that quotes text; else why there is none. */
function findQuotedTarget(targets: unknown): QuotedTarget | string {
  const kinds = new Set<string>()
  for (const target of Array.isArray(targets) ? targets : [targets]) {
    if (typeof target === 'string') kinds.add('the whole resource, with no selector')
    if (!isRecord(target)) continue
    const selectors = listOf(target.selector).filter(isRecord)
    if (selectors.length === 0) kinds.add('no selector')
    const quoteSelector = selectors.find(
      (s) => hasType(s, 'TextQuoteSelector') || (typeOf(s).length === 0 && 'exact' in s),
    )
    if (quoteSelector) {
      const positionSelector = selectors.find((s) => hasType(s, 'TextPositionSelector'))
      return { target, quoteSelector, positionSelector }
    }
    for (const selector of selectors) kinds.add(typeOf(selector).join('/') || 'an untyped selector')
  }
  return kinds.size === 0
    ? 'has no TextQuoteSelector: its target is not an object.'
    : `has no TextQuoteSelector (its target has ${[...kinds].slice(0, 5).map(clip).join(', ')}).`
}

/** The original bytes' sha256 (`urn:sha256:`) and the URL the source was seen at. */
function sourceOf(annotation: Json, target: Json): ParsedWebAnnotation['source'] {
  let sha256: string | null = null
  let url: string | null = null
  const names = [
    target.source,
    target.scope,
    target['casefile:url'],
    annotation.uri, // Hypothesis
  ].flatMap((name) => listOf(name).map(iriOf))
  for (const name of names) {
    if (name === null) continue
    const hash = name.toLowerCase().startsWith(sha256Urn) ? name.slice(sha256Urn.length) : null
    if (hash !== null && /^[0-9a-f]{64}$/i.test(hash)) sha256 ??= hash.toLowerCase()
    else url ??= name
  }
  return { sha256, url }
}

function iriOf(value: unknown): string | null {
  const iri = isRecord(value) ? (value.id ?? value['@id']) : value
  return typeof iri === 'string' && iri.trim() !== '' ? iri.trim() : null
}

function idOf(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null
  return value.toLowerCase().startsWith(uuidUrn) ? value.slice(uuidUrn.length) : value
}

function positionOf(selector: Json | undefined): { start: number; end: number } | null {
  const start = selector?.start
  const end = selector?.end
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return null
  const [from, to] = [start as number, end as number]
  return from >= 0 && to > from ? { start: from, end: to } : null
}

function colorOf(value: unknown): HighlightColor | null {
  const color = HighlightColorSchema.safeParse(value)
  return color.success ? color.data : null
}

/** An ISO 8601 date-time, normalised; anything else is no date. */
function dateOf(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null
  const time = Date.parse(value)
  return Number.isNaN(time) ? null : new Date(time).toISOString()
}

/** The 32 characters of a prefix nearest the quote, never half a surrogate pair. */
function keepEnd(prefix: string): string {
  if (prefix.length <= contextLength) return prefix
  const cut = prefix.slice(-contextLength)
  return isLowSurrogate(cut.charCodeAt(0)) ? cut.slice(1) : cut
}

function keepStart(suffix: string): string {
  if (suffix.length <= contextLength) return suffix
  const cut = suffix.slice(0, contextLength)
  return isHighSurrogate(cut.charCodeAt(contextLength - 1)) ? cut.slice(0, -1) : cut
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

const stringOr = (value: unknown) => (typeof value === 'string' ? value : '')

/** A name from the document, short enough to quote in a message. */
const clip = (name: string) => (name.length > 100 ? `${name.slice(0, 100)}…` : name)

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return 'a string'
  if (typeof value === 'number') return `a number (${value})`
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}
