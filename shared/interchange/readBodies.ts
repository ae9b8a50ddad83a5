import { hasType, isRecord, listOf } from './jsonValues'

const maxCommentLength = 100_000
const maxTags = 100
const maxTagLength = 100

/**
 * An annotation's comment and tags, from its bodies (a string IRI, a TextualBody, a Choice, or an
 * array of them), its `bodyValue`, and Hypothesis's `text` and `tags`. Tagging bodies are tags;
 * every other text is the comment, several joined by a blank line. A string is why they cannot
 * be kept.
 */
export function readBodies(
  annotation: Record<string, unknown>,
): { comment: string; tags: string[] } | string {
  const comments: string[] = []
  const tags = new Set<string>()
  for (const body of listOf(annotation.body)) readBody(body, comments, tags)
  for (const text of [annotation.bodyValue, annotation.text])
    if (typeof text === 'string' && text.trim() !== '') comments.push(text)
  for (const tag of listOf(annotation.tags)) if (typeof tag === 'string') tags.add(tag.trim())
  tags.delete('')
  const comment = comments.join('\n\n')
  if (comment.length > maxCommentLength)
    return `has a comment of ${comment.length} characters; Casefile keeps up to ${maxCommentLength}.`
  if (tags.size > maxTags) return `has ${tags.size} tags; Casefile keeps up to ${maxTags}.`
  const long = [...tags].find((tag) => tag.length > maxTagLength)
  if (long !== undefined)
    return `has a tag of ${long.length} characters ("${long.slice(0, 40)}…"); Casefile keeps tags of up to ${maxTagLength}.`
  return { comment, tags: [...tags] }
}

function readBody(body: unknown, comments: string[], tags: Set<string>, depth = 0): void {
  // An IRI body is an external resource (W3C §3.2.1): keep the link as the comment.
  if (typeof body === 'string') {
    if (body.trim() !== '') comments.push(body.trim())
    return
  }
  if (!isRecord(body)) return
  if (hasType(body, 'Choice')) {
    // The first item is the default choice (W3C §3.2.7).
    if (depth < 4) readBody(listOf(body.items)[0], comments, tags, depth + 1)
    return
  }
  const tagging = listOf(body.purpose).some(
    (purpose) => typeof purpose === 'string' && /(^|:)tagging$/.test(purpose),
  )
  const text = textOf(body)
  if (text === null || text.trim() === '') return
  if (tagging) tags.add(text.trim())
  else comments.push(text)
}

/** A body's text: its `value` (HTML reduced to text), else the IRI it names. */
function textOf(body: Record<string, unknown>): string | null {
  const value = body.value ?? body['rdf:value'] ?? body.chars
  if (typeof value === 'string') {
    const format = listOf(body.format)[0]
    return format === 'text/html' ? htmlToText(value) : value
  }
  const iri = body.id ?? body['@id'] ?? body.source
  return typeof iri === 'string' ? iri : null
}

const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
}

/** Enough of HTML to read a comment: line breaks kept, tags dropped, entities decoded. */
function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|blockquote)>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (entity, name: string) => {
      const code = name.startsWith('#x')
        ? parseInt(name.slice(2), 16)
        : name.startsWith('#')
          ? parseInt(name.slice(1), 10)
          : undefined
      if (code === undefined) return entities[name.toLowerCase()] ?? entity
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity
    })
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
