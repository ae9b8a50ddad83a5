import { createHash } from 'node:crypto'
import type { BriefData, BriefNote, BriefPassage, Place } from '../../shared/brief'
import {
  tlpAllows,
  type Annotation,
  type Block,
  type BriefDraft,
  type Relation,
  type Source,
} from '../../shared/model'
import { noteDocToMarkdown } from '../../shared/notes'
import type { Library } from './library'

export const casefileVersion = '0.1.0'

/** The most saved-search hits a brief takes in. */
const maxSearchHits = 1000

/**
 * Everything a brief covers, read from the library and cut to the brief's marking. The scope
 * picks actors, events and passages (see `BriefScopeSchema`); an empty scope takes the whole case;
 * the passages the intro note quotes come in as well.
 * Actors and events at the other end of a chosen one's relations come in too, so that the
 * relations the brief states have both their ends in it. Whatever is marked more restrictively
 * than the brief, whatever the analyst dropped, and orphaned passages stay out (the first and
 * the last counted).
 */
export async function gatherBrief(
  library: Library,
  draft: BriefDraft,
  options: { id?: string | undefined; generatedAt?: string } = {},
): Promise<BriefData> {
  const { scope, dropped } = draft
  const whole =
    scope.actorIds.length === 0 &&
    scope.eventIds.length === 0 &&
    scope.tags.length === 0 &&
    scope.savedSearchId === null &&
    scope.annotationIds.length === 0 &&
    scope.noteIds.length === 0
  let byTlp = 0
  const allowed = <T extends { tlp: Source['tlp'] }>(items: T[]): T[] => {
    const kept = items.filter((item) => tlpAllows(draft.tlp, item.tlp))
    byTlp += items.length - kept.length
    return kept
  }

  const liveActors = new Map(library.entities.listActors().map((actor) => [actor.id, actor]))
  const liveEvents = new Map(library.entities.timeline({}).map((event) => [event.id, event]))
  const relations = library.entities.listRelations({})

  const actorIds = new Set(whole ? liveActors.keys() : scope.actorIds)
  const eventIds = new Set(whole ? liveEvents.keys() : scope.eventIds)
  const annotationIds = new Set<string>(scope.annotationIds)
  const searchHits =
    scope.savedSearchId === null ? [] : await savedSearchHits(library, scope.savedSearchId)
  for (const hit of searchHits) {
    if (hit.kind === 'actor') actorIds.add(hit.id)
    else if (hit.kind === 'event') eventIds.add(hit.id)
    else if (hit.kind === 'annotation') annotationIds.add(hit.id)
  }
  // The other ends of the chosen actors' and events' relations.
  for (const relation of relations) {
    const toChosen =
      relation.to.kind === 'actor' ? actorIds.has(relation.to.id) : eventIds.has(relation.to.id)
    if (actorIds.has(relation.from.id) || toChosen) {
      actorIds.add(relation.from.id)
      if (relation.to.kind === 'actor') actorIds.add(relation.to.id)
      else eventIds.add(relation.to.id)
    }
  }
  for (const id of dropped.actorIds) actorIds.delete(id)
  for (const id of dropped.eventIds) eventIds.delete(id)

  const actors = allowed(pick(liveActors, actorIds))
  const events = allowed(pick(liveEvents, eventIds))
  const keptEnds = new Set([...actors, ...events].map((item) => item.id))
  const stated = relations.filter(
    (relation) =>
      !dropped.relationIds.includes(relation.id) &&
      keptEnds.has(relation.from.id) &&
      keptEnds.has(relation.to.id),
  )
  for (const relation of stated) for (const id of relation.evidence) annotationIds.add(id)
  const intro =
    draft.introNoteId === null ? undefined : await noteOf(library, draft, draft.introNoteId)
  const notes: Array<NonNullable<NoteRead>> = []
  for (const id of scope.noteIds) {
    const note = await noteOf(library, draft, id)
    if (note) notes.push(note)
  }
  for (const note of [intro, ...notes]) {
    if (note === 'restricted') byTlp++
    else for (const id of note?.annotationIds ?? []) annotationIds.add(id)
  }

  const annotations = await chosenAnnotations(library, {
    whole,
    tags: new Set(scope.tags.map((tag) => tag.toLowerCase())),
    actorIds: new Set(scope.actorIds),
    eventIds: new Set(scope.eventIds),
    annotationIds,
  })
  const live = annotations.filter((annotation) => !dropped.annotationIds.includes(annotation.id))
  const anchored = live.filter((annotation) => annotation.anchor?.status !== 'orphaned')
  const orphans = live.length - anchored.length
  const passages = allowed(await passagesOf(library, anchored))

  const cited = new Set(passages.map((passage) => passage.annotation.id))
  const sources: Source[] = []
  for (const { source } of passages) if (!sources.includes(source)) sources.push(source)

  return {
    brief: {
      id: options.id ?? draftId(draft),
      title: draft.title,
      author: draft.author,
      tlp: draft.tlp,
      generatedAt: options.generatedAt ?? new Date().toISOString(),
      generator: `Casefile ${casefileVersion}`,
    },
    intro: intro === undefined || intro === 'restricted' ? null : intro.markdown,
    notes: notes.flatMap((note) => {
      if (note === 'restricted') return []
      const { annotationIds: _cited, ...shown } = note
      return [shown]
    }),
    actors,
    events,
    relations: stated.map((relation): Relation => ({
      ...relation,
      evidence: relation.evidence.filter((id) => cited.has(id)),
    })),
    passages,
    sources,
    leftOut: { byTlp, orphans },
  }
}

/** The live items of `ids`, in the order the library lists them. */
function pick<T>(live: Map<string, T>, ids: Set<string>): T[] {
  return [...live].filter(([id]) => ids.has(id)).map(([, item]) => item)
}

async function savedSearchHits(library: Library, id: string) {
  const search = library.savedSearches.get(id)
  return library.searchQuery(search.query, maxSearchHits, search.filters)
}

/**
 * The live annotations the brief takes: all of them for the whole case; else those linked to a
 * chosen actor or event, carrying a chosen tag, or named (hand-picked, evidence, search hits).
 * In source order (the catalog's), then by position in the text.
 */
async function chosenAnnotations(
  library: Library,
  chosen: {
    whole: boolean
    tags: Set<string>
    actorIds: Set<string>
    eventIds: Set<string>
    annotationIds: Set<string>
  },
): Promise<Annotation[]> {
  const takes = (annotation: Annotation) =>
    chosen.whole ||
    chosen.annotationIds.has(annotation.id) ||
    annotation.tags.some((tag) => chosen.tags.has(tag.toLowerCase())) ||
    (annotation.actorIds ?? []).some((id) => chosen.actorIds.has(id)) ||
    (annotation.eventIds ?? []).some((id) => chosen.eventIds.has(id))
  const taken: Annotation[] = []
  for (const source of library.listSources()) {
    const annotations = await library.listAnnotations(source.id)
    taken.push(...annotations.filter(takes))
  }
  return taken
}

async function passagesOf(
  library: Library,
  annotations: readonly Annotation[],
): Promise<BriefPassage[]> {
  const passages: BriefPassage[] = []
  const blocksOf = new Map<string, { source: Source; blocks: Block[] }>()
  for (const annotation of annotations) {
    let read = blocksOf.get(annotation.sourceId)
    if (!read) {
      read = await library.getSource(annotation.sourceId)
      blocksOf.set(annotation.sourceId, read)
    }
    passages.push({
      annotation,
      source: read.source,
      place: placeOf(read.blocks, annotation.target.position.start),
      tlp: annotation.tlp ?? read.source.tlp,
    })
  }
  return passages
}

/** The paragraph an offset lies in, counted from the top of its page in a paged original. */
export function placeOf(blocks: readonly Block[], offset: number): Place {
  const index = Math.max(
    0,
    blocks.findIndex((block) => block.end > offset),
  )
  const page = blocks[index]?.page
  if (page === undefined) return { paragraph: index + 1 }
  const firstOfPage = blocks.findIndex((block) => block.page === page)
  return { paragraph: index - firstOfPage + 1, page }
}

type NoteRead = (BriefNote & { annotationIds: string[] }) | 'restricted' | undefined

/** A live note as Markdown with the passages it quotes; `restricted` when marked above the brief. */
async function noteOf(library: Library, draft: BriefDraft, id: string): Promise<NoteRead> {
  const note = await library.notes.get(id)
  if (note.deletedAt !== null) return undefined
  if (!tlpAllows(draft.tlp, note.tlp)) return 'restricted'
  return {
    id: note.id,
    title: note.title,
    markdown: noteDocToMarkdown(note.doc),
    tlp: note.tlp,
    createdAt: note.createdAt,
    updatedAt: note.updatedAt,
    annotationIds: note.annotationIds,
  }
}

/** An unsaved brief's id: the same choices give the same id (STIX ids derive from it). */
function draftId(draft: BriefDraft): string {
  return createHash('sha256').update(JSON.stringify(draft)).digest('hex').slice(0, 32)
}
