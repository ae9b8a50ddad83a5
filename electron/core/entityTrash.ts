import { CasefileError, type EntityTrashEntry } from '../../shared/api'
import type { Actor, CaseEvent, Relation, RelationEnd } from '../../shared/model'
import type { IndexedItem } from '../../shared/search'
import type { AnnotationTrashItem, NoteTrashItem, TrashItem } from './catalog'
import type { EntityHost } from './entities'
import { actorItem, eventItem } from './entityItems'
import type { EntityFile } from './entityStore'
import type { JsonStore } from './jsonStore'
import { notFound } from './notFound'

/** An actor, event or relation as trash.json lists it. */
export type EntityTrashItem = Exclude<TrashItem, AnnotationTrashItem | NoteTrashItem>

type Trashable = { actor: Actor; event: CaseEvent; relation: Relation }
type TrashableKind = keyof Trashable

/**
 * The trash side of the case model. A trashed actor, event or relation stays in entities.json,
 * marked deleted, and is listed in trash.json; restoring it clears both and indexes it again.
 */
export class EntityTrash {
  constructor(
    private readonly store: JsonStore<EntityFile>,
    private readonly host: EntityHost,
  ) {}

  private get data(): EntityFile {
    return this.store.data
  }

  /** Marks an item deleted and lists it in the trash; both writes are the returned promise. */
  put(
    kind: TrashableKind,
    item: { id: string; deletedAt: string | null },
    mergedInto?: string,
  ): Promise<unknown> {
    const deletedAt = new Date().toISOString()
    return Promise.all([
      this.store.update(() => void (item.deletedAt = deletedAt)),
      this.host.trash.update(
        (data) =>
          void data.items.push(
            mergedInto === undefined
              ? { kind, id: item.id, deletedAt }
              : { kind, id: item.id, deletedAt, mergedInto },
          ),
      ),
    ])
  }

  /** How the trash lists an item: with the names a person knows its ends and merge target by. */
  entry(item: EntityTrashItem): EntityTrashEntry | undefined {
    if (item.kind === 'actor') {
      const actor = this.trashed('actor', item.id)
      if (!actor) return undefined
      const into = actor.mergedInto ?? item.mergedInto
      const mergedInto = into === undefined ? null : { id: into, name: this.nameOf('actor', into) }
      return { kind: 'actor', actor, mergedInto }
    }
    if (item.kind === 'event') {
      const event = this.trashed('event', item.id)
      return event && { kind: 'event', event }
    }
    const relation = this.trashed('relation', item.id)
    if (!relation) return undefined
    return {
      kind: 'relation',
      relation,
      fromName: this.nameOf('actor', relation.from.id),
      toName: this.nameOf(relation.to.kind, relation.to.id),
    }
  }

  /** Restores an actor, unless it was merged into another (which now carries its names). */
  restoreActor(id: string): Promise<Actor> {
    return this.restore(
      'actor',
      id,
      (actor) => {
        const into = actor.mergedInto ?? this.listed('actor', id)?.mergedInto
        if (into === undefined) return undefined
        const keptName = this.nameOf('actor', into)
        return new CasefileError(
          'invalid_input',
          `“${actor.name}” cannot be restored: it was merged into “${keptName}”, which now carries its names, relations and passage links.`,
        )
      },
      actorItem,
    )
  }

  restoreEvent(id: string): Promise<CaseEvent> {
    return this.restore('event', id, () => undefined, eventItem)
  }

  /** Restores a relation, once both its ends are live (an end in the trash is named). */
  restoreRelation(id: string): Promise<Relation> {
    return this.restore('relation', id, (relation) => {
      const label = `“${this.label(relation)}”`
      for (const end of [relation.from, relation.to]) {
        const known = this.find(end.kind, end.id)
        const name = `the ${end.kind} “${this.nameOf(end.kind, end.id)}”`
        if (!known)
          return new CasefileError('invalid_input', `${label} cannot be restored: ${name} is gone.`)
        if (known.deletedAt !== null)
          return new CasefileError(
            'invalid_input',
            `${label} cannot be restored while ${name} is in the trash: restore that ${end.kind} first.`,
          )
      }
      // A merge trashes a relation between the two actors it joins: it would relate one to itself.
      if (relation.to.kind === 'actor' && relation.to.id === relation.from.id)
        return new CasefileError(
          'invalid_input',
          `${label} cannot be restored: since a merge it would relate “${this.nameOf('actor', relation.from.id)}” to itself.`,
        )
      return undefined
    })
  }

  /**
   * Takes one item out of the trash, inside the queue: `refusal` may refuse it (nothing changes),
   * `indexed` is what search takes of it again.
   */
  private restore<K extends TrashableKind>(
    kind: K,
    id: string,
    refusal: (item: Trashable[K]) => CasefileError | undefined,
    indexed?: (item: Trashable[K]) => IndexedItem,
  ): Promise<Trashable[K]> {
    return this.host.change(async () => {
      const item = this.listed(kind, id) ? this.trashed(kind, id) : undefined
      if (!item) throw notFound(`${kind} in the trash`, id)
      const refused = refusal(item)
      if (refused) throw refused
      const saved = Promise.all([
        this.store.update(() => {
          item.deletedAt = null
          item.updatedAt = new Date().toISOString()
        }),
        this.host.trash.update((data) => {
          data.items = data.items.filter((entry) => entry.kind !== kind || entry.id !== id)
        }),
      ])
      if (indexed) this.host.search.add(indexed(item))
      return { result: item, saved }
    })
  }

  private listed(kind: TrashableKind, id: string): EntityTrashItem | undefined {
    return this.host.trash.data.items.find(
      (entry): entry is EntityTrashItem => entry.kind === kind && entry.id === id,
    )
  }

  private find<K extends TrashableKind>(kind: K, id: string): Trashable[K] | undefined {
    const lists: { [L in TrashableKind]: Array<Trashable[L]> } = {
      actor: this.data.actors,
      event: this.data.events,
      relation: this.data.relations,
    }
    return lists[kind].find((item) => item.id === id)
  }

  private trashed<K extends TrashableKind>(kind: K, id: string): Trashable[K] | undefined {
    const item = this.find(kind, id)
    return item?.deletedAt === null ? undefined : item
  }

  /** An actor's name or an event's title, live or trashed; its id if it is not there at all. */
  private nameOf(kind: RelationEnd['kind'], id: string): string {
    return kind === 'actor'
      ? (this.find('actor', id)?.name ?? id)
      : (this.find('event', id)?.title ?? id)
  }

  /** `Iran — denies → 15 July cyberattack`. */
  private label(relation: Relation): string {
    return `${this.nameOf('actor', relation.from.id)} — ${relation.type} → ${this.nameOf(relation.to.kind, relation.to.id)}`
  }
}
