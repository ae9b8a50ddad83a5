import { createHash, randomUUID } from 'node:crypto'
import type { MethodOutput } from '../../shared/api'
import { reanchor } from '../../shared/anchoring'
import { parseWebAnnotations, toAnnotationCollection } from '../../shared/interchange'
import type { Annotation, Source } from '../../shared/model'
import type { Library } from './library'

/** The annotations of one source, or of every source, as a W3C Web Annotation collection. */
export async function exportAnnotations(
  library: Library,
  sourceId: string | undefined,
): Promise<MethodOutput<'annotations.export'>> {
  const sources = sourceId
    ? [(await library.getSource(sourceId)).source]
    : library.listSources().reverse()
  const items: Array<{ annotation: Annotation; source: Source }> = []
  for (const source of sources) {
    for (const annotation of await library.listAnnotations(source.id))
      items.push({ annotation, source })
  }
  const document = toAnnotationCollection(items, new Date().toISOString())
  return { document, count: items.length }
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The id an imported annotation keeps: its own when it is a UUID, else one derived from it (the
 * same foreign id always gives the same UUID), so importing a file twice is recognised.
 */
function uuidOf(foreignId: string): string {
  if (uuid.test(foreignId)) return foreignId.toLowerCase()
  const hex = createHash('sha256').update(`casefile-import:${foreignId}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`
}

/**
 * Imports Web Annotations: each is matched to its source (by the sha256 of the original bytes,
 * else by URL) and anchored on that source's canonical text: exactly, approximately (its score
 * recorded), or not at all, in which case it is kept as an orphan and never attached elsewhere.
 * An annotation already in the library (same id) is a duplicate and changes nothing.
 */
export async function importAnnotations(
  library: Library,
  document: unknown,
): Promise<MethodOutput<'annotations.import'>> {
  const { items, problems } = parseWebAnnotations(document)
  const answer: MethodOutput<'annotations.import'> = {
    imported: 0,
    exact: 0,
    fuzzy: 0,
    orphaned: 0,
    duplicates: 0,
    skipped: [...problems],
  }
  const bySource = new Map<string, Annotation[]>()
  const seen = new Set<string>()
  // Each source's text read once, however many annotations it gets.
  const texts = new Map<string, string>()
  const now = new Date().toISOString()
  for (const item of items) {
    const id = item.id === null ? randomUUID() : uuidOf(item.id)
    if (library.hasAnnotation(id) || seen.has(id)) {
      answer.duplicates++
      continue
    }
    const source = library.findSource(item.source)
    if (!source) {
      const named = item.source.sha256 ? `urn:sha256:${item.source.sha256}` : item.source.url
      answer.skipped.push({
        item: item.index,
        reason: `no source in this library matches ${named ?? 'its target (it names none)'}.`,
      })
      continue
    }
    const text = texts.get(source.id) ?? (await library.getSource(source.id)).text
    texts.set(source.id, text)
    const found = reanchor(text, source.textSha256, item.quote, item.position ?? undefined, now)
    seen.add(id)
    const annotation: Annotation = {
      id,
      sourceId: source.id,
      target: found.target,
      comment: item.comment,
      tags: item.tags,
      color: item.color ?? 'yellow',
      createdAt: item.created ?? now,
      updatedAt: item.modified ?? now,
      deletedAt: null,
    }
    if (found.anchor) annotation.anchor = found.anchor
    answer[found.status]++
    answer.imported++
    const batch = bySource.get(source.id)
    if (batch) batch.push(annotation)
    else bySource.set(source.id, [annotation])
  }
  for (const [sourceId, annotations] of bySource)
    await library.addAnnotations(sourceId, annotations)
  return answer
}
