import type { Annotation, HighlightColor, RelationEnd, Tlp } from '../../../../shared/model'
import type { RelationDraft } from '../case/relationDraft'

/**
 * What the analyst is writing about a passage: comment, tags (and a half-typed one), colour, the
 * actors and events it is linked to, and (for a new passage) a relation it is evidence of.
 */
export type AnnotationDraft = {
  comment: string
  tags: string[]
  /** Text typed in the tag field and not yet turned into a tag. */
  tagText: string
  color: HighlightColor
  links: RelationEnd[]
  relation?: RelationDraft | undefined
  /** Admiralty information credibility (1–6) and TLP marking; undefined: not given. */
  credibility?: number | undefined
  tlp?: Tlp | undefined
}

export const emptyDraft: AnnotationDraft = {
  comment: '',
  tags: [],
  tagText: '',
  color: 'yellow',
  links: [],
}

export function draftOf(annotation: Annotation): AnnotationDraft {
  return {
    comment: annotation.comment,
    tags: annotation.tags,
    tagText: '',
    color: annotation.color,
    links: linksOf(annotation),
    credibility: annotation.credibility,
    tlp: annotation.tlp,
  }
}

/** The actors, then the events, a passage is linked to. */
export function linksOf(annotation: Annotation): RelationEnd[] {
  return [
    ...(annotation.actorIds ?? []).map((id) => ({ kind: 'actor' as const, id })),
    ...(annotation.eventIds ?? []).map((id) => ({ kind: 'event' as const, id })),
  ]
}

/** `links` as `annotations.link` takes them. */
export function linkIds(links: readonly RelationEnd[]) {
  const ids = (kind: RelationEnd['kind']) =>
    links.filter((end) => end.kind === kind).map((end) => end.id)
  return { actorIds: ids('actor'), eventIds: ids('event') }
}

/** Whether two lists of links hold the same actors and events (in any order). */
export function sameLinks(a: readonly RelationEnd[], b: readonly RelationEnd[]): boolean {
  const key = (end: RelationEnd) => `${end.kind}:${end.id}`
  const keys = new Set(a.map(key))
  return a.length === b.length && b.every((end) => keys.has(key(end)))
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
    draft.credibility !== annotation.credibility ||
    draft.tlp !== annotation.tlp ||
    tags.length !== annotation.tags.length ||
    tags.some((tag, index) => tag !== annotation.tags[index]) ||
    !sameLinks(draft.links, linksOf(annotation))
  )
}
