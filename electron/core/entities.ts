import { randomUUID } from 'node:crypto'
import {
  CasefileError,
  type EntityTrashEntry,
  type LinkedAnnotation,
  type ParsedInput,
  type SearchHit,
} from '../../shared/api'
import {
  compareDateSpecs,
  type Actor,
  type Annotation,
  type CaseEvent,
  type NoteSummary,
  stricterTlp,
  type Relation,
} from '../../shared/model'
import { queryTerms, type IndexedItem } from '../../shared/search'
import { foldForMentions, type MentionTarget } from '../../shared/text/mentions'
import type { TrashItem } from './catalog'
import type { Staged } from './changeQueue'
import { actorItem, entitySearchHit, eventItem } from './entityItems'
import type { EntityFile } from './entityStore'
import { annotationItem } from './indexedItems'
import { EntityTrash, type EntityTrashItem } from './entityTrash'
import type { JsonStore } from './jsonStore'
import { notFound } from './notFound'

/** An annotation file of one source, as the library keeps it. */
export type AnnotationFileRef = {
  sourceTitle: string
  file: JsonStore<{ annotations: Annotation[] }>
}

/** What the case model needs of its library: the change queue, the index, the trash, passages. */
export type EntityHost = {
  change<T>(apply: () => Promise<Staged<T>>): Promise<T>
  search: { add(item: IndexedItem): void; remove(id: string): void }
  trash: JsonStore<{ items: TrashItem[] }>
  /** The annotation files that may hold links: every source with live or trashed annotations. */
  annotationFiles(): Promise<AnnotationFileRef[]>
  /** Whether a live annotation has this id. */
  isLiveAnnotation(id: string): boolean
  /** The live notes that mention an actor or an event, most recently changed first. */
  notesMentioning(kind: 'actor' | 'event', id: string): NoteSummary[]
}

/** An actor or event page's links: relations, passages and the notes that mention it. */
type EntityLinks = {
  relations: Relation[]
  annotations: LinkedAnnotation[]
  notes: NoteSummary[]
}

type EntityKind = 'actor' | 'event'

const fold = (text: string) => foldForMentions(text).folded

/**
 * Actors, events and relations (`entities.json`): created, changed, trashed and restored through
 * the library's change queue, indexed for search, and linked to passages.
 */
export class Entities {
  private readonly trash: EntityTrash

  constructor(
    private readonly store: JsonStore<EntityFile>,
    private readonly host: EntityHost,
  ) {
    this.trash = new EntityTrash(store, host)
    this.lookup = { revision: -1, actors: new Map(), events: new Map() }
  }

  private get data(): EntityFile {
    return this.store.data
  }

  /** The live actors and events by id, worked out again after each change of the file's data. */
  private lookup: { revision: number; actors: Map<string, Actor>; events: Map<string, CaseEvent> }
  private get byId(): { actors: Map<string, Actor>; events: Map<string, CaseEvent> } {
    const revision = this.store.revision
    if (this.lookup.revision !== revision) {
      const live = <T extends { id: string; deletedAt: string | null }>(items: readonly T[]) =>
        new Map(items.filter((item) => item.deletedAt === null).map((item) => [item.id, item]))
      this.lookup = { revision, actors: live(this.data.actors), events: live(this.data.events) }
    }
    return this.lookup
  }

  /** False while `entities.json` is damaged: the case model is then unavailable, the rest works. */
  get available(): boolean {
    return this.store.damage === undefined
  }

  /** Refuses a change that moves items in or out of the trash before any file is touched. */
  private requireTrash(): void {
    this.store.requireReadable()
    this.host.trash.requireReadable()
  }

  async createActor(input: ParsedInput<'actors.create'>): Promise<Actor> {
    const now = new Date().toISOString()
    const actor: Actor = {
      id: randomUUID(),
      name: input.name,
      aliases: uniqueNames(input.aliases, input.name),
      kind: input.kind,
      description: input.description,
      tags: input.tags,
      tlp: input.tlp,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    }
    return this.host.change(async () => {
      this.host.search.add(actorItem(actor))
      return { result: actor, saved: this.store.update((data) => void data.actors.push(actor)) }
    })
  }

  listActors(query?: string): Actor[] {
    const wanted = query === undefined ? '' : fold(query).trim()
    return this.data.actors
      .filter((actor) => actor.deletedAt === null)
      .filter(
        (actor) =>
          wanted === '' || [actor.name, ...actor.aliases].some((n) => fold(n).includes(wanted)),
      )
      .sort((a, b) => fold(a.name).localeCompare(fold(b.name)))
  }

  async getActor(id: string): Promise<{ actor: Actor } & EntityLinks> {
    const actor = this.actor(id)
    return {
      actor,
      relations: this.listRelations({ actorId: id }),
      annotations: await this.linkedAnnotations('actor', id),
      notes: this.host.notesMentioning('actor', id),
    }
  }

  async updateActor(input: ParsedInput<'actors.update'>): Promise<Actor> {
    return this.host.change(async () => {
      const actor = this.actor(input.id)
      const saved = this.store.update(() => {
        if (input.name !== undefined) actor.name = input.name
        if (input.aliases !== undefined) actor.aliases = input.aliases
        actor.aliases = uniqueNames(actor.aliases, actor.name)
        if (input.kind !== undefined) actor.kind = input.kind
        if (input.description !== undefined) actor.description = input.description
        if (input.tags !== undefined) actor.tags = input.tags
        if (input.tlp !== undefined) actor.tlp = input.tlp
        actor.updatedAt = new Date().toISOString()
      })
      this.host.search.add(actorItem(actor))
      return { result: actor, saved }
    })
  }

  async deleteActor(id: string): Promise<Actor> {
    this.requireTrash()
    return this.host.change(async () => {
      const actor = this.actor(id)
      const saved = this.trash.put('actor', actor)
      this.host.search.remove(`ac:${id}`)
      return { result: actor, saved }
    })
  }

  /**
   * Merges one actor into another. Every relation and passage link (trashed ones too) moves to
   * the kept actor; the merged one goes to the trash with a pointer, so nothing is lost.
   */
  async mergeActors(
    keepId: string,
    mergeId: string,
  ): Promise<{ actor: Actor; movedRelations: number; movedAnnotations: number }> {
    this.requireTrash()
    const files = await this.host.annotationFiles()
    return this.host.change(async () => {
      const keep = this.actor(keepId)
      const merged = this.actor(mergeId)
      const now = new Date().toISOString()
      const moved = this.data.relations.filter(
        (relation) => relation.from.id === mergeId || relation.to.id === mergeId,
      )
      const saves: Array<Promise<unknown>> = [
        this.store.update(() => {
          keep.aliases = uniqueNames([...keep.aliases, merged.name, ...merged.aliases], keep.name)
          keep.tags = [...new Set([...keep.tags, ...merged.tags])]
          keep.description = [keep.description, merged.description]
            .filter((part, i, all) => part !== '' && all.indexOf(part) === i)
            .join('\n\n')
          keep.tlp = stricterTlp(keep.tlp, merged.tlp)
          keep.updatedAt = now
          for (const relation of moved) {
            if (relation.from.id === mergeId) relation.from.id = keepId
            if (relation.to.kind === 'actor' && relation.to.id === mergeId) relation.to.id = keepId
            relation.updatedAt = now
          }
          merged.mergedInto = keepId
        }),
      ]
      // A relation between the two actors would now relate the kept actor to itself: trashed.
      for (const relation of moved) {
        if (
          relation.to.kind === 'actor' &&
          relation.to.id === relation.from.id &&
          !relation.deletedAt
        )
          saves.push(this.trash.put('relation', relation))
      }
      saves.push(this.trash.put('actor', merged, keepId))
      let movedAnnotations = 0
      for (const { file } of files) {
        const linked = file.data.annotations.filter((a) => a.actorIds?.includes(mergeId))
        if (linked.length === 0) continue
        movedAnnotations += linked.length
        saves.push(
          file.update(() => {
            for (const annotation of linked) {
              annotation.actorIds = [
                ...new Set((annotation.actorIds ?? []).map((a) => (a === mergeId ? keepId : a))),
              ]
              annotation.updatedAt = now
            }
          }),
        )
        // Their links are facets of the index: a filter by the kept actor must not rule them out.
        for (const annotation of linked)
          if (annotation.deletedAt === null) this.host.search.add(annotationItem(annotation))
      }
      this.host.search.add(actorItem(keep))
      this.host.search.remove(`ac:${mergeId}`)
      return {
        result: { actor: keep, movedRelations: moved.length, movedAnnotations },
        saved: Promise.all(saves),
      }
    })
  }

  async createEvent(input: ParsedInput<'events.create'>): Promise<CaseEvent> {
    const now = new Date().toISOString()
    const event: CaseEvent = {
      id: randomUUID(),
      ...input,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    }
    return this.host.change(async () => {
      this.host.search.add(eventItem(event))
      return { result: event, saved: this.store.update((data) => void data.events.push(event)) }
    })
  }

  listEvents(query?: string): CaseEvent[] {
    const wanted = query === undefined ? '' : fold(query).trim()
    return this.data.events
      .filter((event) => event.deletedAt === null)
      .filter(
        (event) =>
          wanted === '' || fold(event.title).includes(wanted) || fold(event.place).includes(wanted),
      )
      .sort((a, b) => fold(a.title).localeCompare(fold(b.title)))
  }

  async getEvent(id: string): Promise<{ event: CaseEvent } & EntityLinks> {
    const event = this.event(id)
    return {
      event,
      relations: this.listRelations({ eventId: id }),
      annotations: await this.linkedAnnotations('event', id),
      notes: this.host.notesMentioning('event', id),
    }
  }

  async updateEvent(input: ParsedInput<'events.update'>): Promise<CaseEvent> {
    return this.host.change(async () => {
      const event = this.event(input.id)
      const saved = this.store.update(() => {
        if (input.title !== undefined) event.title = input.title
        if (input.occurred !== undefined) event.occurred = input.occurred
        if (input.reported !== undefined) event.reported = input.reported
        if (input.place !== undefined) event.place = input.place
        if (input.description !== undefined) event.description = input.description
        if (input.tags !== undefined) event.tags = input.tags
        if (input.tlp !== undefined) event.tlp = input.tlp
        event.updatedAt = new Date().toISOString()
      })
      this.host.search.add(eventItem(event))
      return { result: event, saved }
    })
  }

  async deleteEvent(id: string): Promise<CaseEvent> {
    this.requireTrash()
    return this.host.change(async () => {
      const event = this.event(id)
      const saved = this.trash.put('event', event)
      this.host.search.remove(`ev:${id}`)
      return { result: event, saved }
    })
  }

  /** Live events in time order (see `compareDateSpecs`: coarse before fine), ties by title. */
  timeline(filter: { actorId?: string | undefined; tag?: string | undefined }): CaseEvent[] {
    let related: Set<string> | undefined
    if (filter.actorId !== undefined) {
      this.actor(filter.actorId)
      related = new Set(
        this.listRelations({ actorId: filter.actorId })
          .filter((relation) => relation.to.kind === 'event')
          .map((relation) => relation.to.id),
      )
    }
    return this.data.events
      .filter((event) => event.deletedAt === null)
      .filter((event) => related === undefined || related.has(event.id))
      .filter((event) => filter.tag === undefined || event.tags.includes(filter.tag))
      .sort((a, b) => compareDateSpecs(a.occurred, b.occurred) || a.title.localeCompare(b.title))
  }

  async createRelation(input: ParsedInput<'relations.create'>): Promise<Relation> {
    return this.host.change(async () => {
      this.actor(input.from.id)
      if (input.to.kind === 'actor') this.actor(input.to.id)
      else this.event(input.to.id)
      if (input.to.kind === 'actor' && input.to.id === input.from.id)
        throw new CasefileError('invalid_input', 'An actor cannot be related to itself.')
      for (const annotationId of input.evidence) {
        if (!this.host.isLiveAnnotation(annotationId))
          throw new CasefileError(
            'invalid_input',
            `The evidence ${annotationId} is not an annotation of this library.`,
          )
      }
      const now = new Date().toISOString()
      const relation: Relation = {
        id: randomUUID(),
        from: { kind: 'actor', id: input.from.id },
        to: { kind: input.to.kind, id: input.to.id },
        type: input.type,
        confidence: input.confidence,
        evidence: [...new Set(input.evidence)],
        note: input.note,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      }
      return {
        result: relation,
        saved: this.store.update((data) => void data.relations.push(relation)),
      }
    })
  }

  /** Live relations whose both ends are live, oldest first, optionally touching one item. */
  listRelations(filter: {
    actorId?: string | undefined
    eventId?: string | undefined
  }): Relation[] {
    const live = (kind: EntityKind, id: string) =>
      (kind === 'actor' ? this.data.actors : this.data.events).some(
        (item) => item.id === id && item.deletedAt === null,
      )
    return this.data.relations.filter(
      (relation) =>
        relation.deletedAt === null &&
        live('actor', relation.from.id) &&
        live(relation.to.kind, relation.to.id) &&
        (filter.actorId === undefined ||
          relation.from.id === filter.actorId ||
          (relation.to.kind === 'actor' && relation.to.id === filter.actorId)) &&
        (filter.eventId === undefined ||
          (relation.to.kind === 'event' && relation.to.id === filter.eventId)),
    )
  }

  async deleteRelation(id: string): Promise<Relation> {
    this.requireTrash()
    return this.host.change(async () => {
      const relation = this.data.relations.find((r) => r.id === id && r.deletedAt === null)
      if (!relation) throw notFound('relation', id)
      return { result: relation, saved: this.trash.put('relation', relation) }
    })
  }

  /** Throws unless every id is a live actor (or event): what a passage may be linked to. */
  requireLive(actorIds: readonly string[], eventIds: readonly string[]): void {
    for (const id of actorIds) this.actor(id)
    for (const id of eventIds) this.event(id)
  }

  /**
   * When a query is one of a live actor's names or aliases (as search folds them), the actor's
   * other names, so that searching `Tehran` also finds what says `Iran`.
   */
  otherNames(query: string): string[] {
    const wanted = nameKey(query)
    if (wanted === '' || !this.available) return []
    const others = new Set<string>()
    for (const actor of this.data.actors) {
      if (actor.deletedAt !== null) continue
      const names = [actor.name, ...actor.aliases]
      if (!names.some((name) => nameKey(name) === wanted)) continue
      for (const name of names) if (nameKey(name) !== wanted) others.add(name)
    }
    return [...others]
  }

  /** Changes whenever the actors and events may have: what is worked out from them is good while it stays. */
  get revision(): number {
    return this.store.revision
  }

  /** The live actors, by every name they go by, for mention detection. */
  mentionTargets(): { targets: MentionTarget[]; names: Map<string, string> } {
    if (!this.available) return { targets: [], names: new Map() }
    const actors = this.data.actors.filter((actor) => actor.deletedAt === null)
    return {
      targets: actors.map((actor) => ({ id: actor.id, names: [actor.name, ...actor.aliases] })),
      names: new Map(actors.map((actor) => [actor.id, actor.name])),
    }
  }

  /** A live actor by id, or undefined (what search filters read). */
  liveActor(id: string): Actor | undefined {
    if (!this.available) return undefined
    return this.byId.actors.get(id)
  }

  /** A live event by id, or undefined. */
  liveEvent(id: string): CaseEvent | undefined {
    if (!this.available) return undefined
    return this.byId.events.get(id)
  }

  /** The search hit of an indexed actor (`ac:`) or event (`ev:`), if it is still live. */
  searchHit(indexId: string, query: string): SearchHit | undefined {
    if (!this.available) return undefined
    return entitySearchHit(this.data, indexId, query)
  }

  /** How the trash lists a trashed actor, event or relation. */
  trashEntry(item: EntityTrashItem): EntityTrashEntry | undefined {
    // While entities.json is damaged its items are left out of the trash list, the rest shown.
    if (!this.available) return undefined
    return this.trash.entry(item)
  }

  /** Takes an actor out of the trash; one merged into another cannot be (it is refused). */
  restoreActor(id: string): Promise<Actor> {
    this.requireTrash()
    return this.trash.restoreActor(id)
  }

  restoreEvent(id: string): Promise<CaseEvent> {
    this.requireTrash()
    return this.trash.restoreEvent(id)
  }

  /** Takes a relation out of the trash, once both its ends are live. */
  restoreRelation(id: string): Promise<Relation> {
    this.requireTrash()
    return this.trash.restoreRelation(id)
  }

  /** Every live passage linked to an actor or event, with its source title. */
  private async linkedAnnotations(kind: EntityKind, id: string): Promise<LinkedAnnotation[]> {
    const linked: LinkedAnnotation[] = []
    for (const { sourceTitle, file } of await this.host.annotationFiles()) {
      for (const annotation of file.data.annotations) {
        const ids = kind === 'actor' ? annotation.actorIds : annotation.eventIds
        if (annotation.deletedAt === null && ids?.includes(id))
          linked.push({ annotation, sourceTitle })
      }
    }
    return linked
  }

  private actor(id: string): Actor {
    this.store.requireReadable()
    const actor = this.byId.actors.get(id)
    if (!actor) throw notFound('actor', id)
    return actor
  }

  private event(id: string): CaseEvent {
    this.store.requireReadable()
    const event = this.byId.events.get(id)
    if (!event) throw notFound('event', id)
    return event
  }
}

/** Aliases without repeats (as folded) and without the name itself. */
function uniqueNames(aliases: readonly string[], name: string): string[] {
  const seen = new Set([fold(name)])
  const unique: string[] = []
  for (const alias of aliases) {
    const key = fold(alias)
    if (seen.has(key)) continue
    seen.add(key)
    unique.push(alias)
  }
  return unique
}

/**
 * A name as search compares it, remembered by the name as written: every query looks at every
 * actor's names, and folding 750 names each time cost a millisecond of each search.
 */
function nameKey(name: string): string {
  let key = nameKeys.get(name)
  if (key === undefined) {
    key = queryTerms(name).join(' ')
    if (nameKeys.size >= 20_000) nameKeys.clear()
    nameKeys.set(name, key)
  }
  return key
}
const nameKeys = new Map<string, string>()
