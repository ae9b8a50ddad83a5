import type { Annotation, HighlightColor } from '../../../../shared/model'

/** What the analyst is writing about a passage: comment, tags (and a half-typed one), colour. */
export type AnnotationDraft = {
  comment: string
  tags: string[]
  /** Text typed in the tag field and not yet turned into a tag. */
  tagText: string
  color: HighlightColor
}

export const emptyDraft: AnnotationDraft = { comment: '', tags: [], tagText: '', color: 'yellow' }

export function draftOf(annotation: Annotation): AnnotationDraft {
  return {
    comment: annotation.comment,
    tags: annotation.tags,
    tagText: '',
    color: annotation.color,
  }
}

/** The tags a draft will save: its chips and whatever is still typed in the field. */
export function draftTags(draft: AnnotationDraft): string[] {
  return uniqueTags([...draft.tags, ...parseTags(draft.tagText)])
}

/** `"ransomware, Harbour Spider,"` → `['ransomware', 'Harbour Spider']`. */
export function parseTags(text: string): string[] {
  return uniqueTags(text.split(','))
}

/** Trimmed, non-empty, at most 100 characters (as the core accepts), each once. */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>()
  const kept: string[] = []
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, ' ').slice(0, 100)
    const key = tag.toLocaleLowerCase()
    if (tag === '' || seen.has(key)) continue
    seen.add(key)
    kept.push(tag)
  }
  return kept
}

/** Whether saving this draft would change the annotation. */
export function draftChanges(annotation: Annotation, draft: AnnotationDraft): boolean {
  const tags = draftTags(draft)
  return (
    draft.comment !== annotation.comment ||
    draft.color !== annotation.color ||
    tags.length !== annotation.tags.length ||
    tags.some((tag, index) => tag !== annotation.tags[index])
  )
}
