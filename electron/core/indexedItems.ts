import type { Annotation, Source } from '../../shared/model'
import type { IndexedItem } from '../../shared/search'
import type { AnnotationStore } from './annotationStore'
import type { ContentStore } from './contentStore'

/** What search reads of an annotation: its quote, comment and tags. */
export function annotationText(annotation: Annotation): string {
  return [annotation.target.quote.exact, annotation.comment, annotation.tags.join(' ')]
    .filter((part) => part !== '')
    .join('\n')
}

export function sourceItem(source: Source, text: string): IndexedItem {
  return {
    id: `s:${source.id}`,
    sourceId: source.id,
    title: [source.title, ...source.authors].join('\n'),
    body: text,
  }
}

export function annotationItem(annotation: Annotation): IndexedItem {
  return {
    id: `a:${annotation.id}`,
    sourceId: annotation.sourceId,
    title: '',
    body: annotationText(annotation),
    facets: [
      ...annotation.tags.map((tag) => `tag:${tag.toLowerCase()}`),
      ...(annotation.actorIds ?? []).map((id) => `actor:${id}`),
      ...(annotation.eventIds ?? []).map((id) => `event:${id}`),
      ...(annotation.tlp ? [`tlp:${annotation.tlp}`] : []),
    ],
  }
}

/**
 * Everything the index holds, read from the store, for a rebuild. A source whose text or
 * annotations cannot be read is skipped and named in `skipped`, so one damaged file does not keep
 * the whole library from opening.
 */
export async function* indexedItemsOf(
  sources: readonly Source[],
  content: ContentStore,
  annotations: AnnotationStore,
  skipped: string[],
): AsyncGenerator<IndexedItem> {
  for (const source of sources) {
    let items: IndexedItem[]
    try {
      items = [sourceItem(source, await content.text(source.textSha256))]
      for (const annotation of await annotations.all(source.id)) {
        if (annotation.deletedAt === null) items.push(annotationItem(annotation))
      }
    } catch (error) {
      skipped.push(`“${source.title}”: ${error instanceof Error ? error.message : String(error)}`)
      continue
    }
    yield* items
  }
}
