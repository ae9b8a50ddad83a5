import { api, describeZodError } from '../../shared/api'
import {
  readStixBundle,
  type ReadOptions,
  type StixActorIn,
  type StixEventIn,
  type StixRelationIn,
  type StixSkipped,
} from '../../shared/brief/stix'
import type { Actor, CaseEvent, Relation, RelationEnd } from '../../shared/model'
import { foldForMentions } from '../../shared/text/mentions'
import type { Library } from './library'
import { casefileStixNamespace, uuidV5 } from './stixIds'

type Counts = { created: number; matched: number }

/** What an import of a STIX bundle did. */
export type StixImportSummary = {
  actors: Counts & {
    /** Names the bundle knew an actor by that the library did not, added as its aliases. */
    aliasesAdded: number
  }
  events: Counts
  relations: Counts
  /** Titles of the events the bundle gave no date, placed on the day recorded (`date-unknown`). */
  undated: string[]
  /** Every object that did not come in, with the reason. */
  skipped: StixSkipped[]
}

/** As search and mentions compare names: case, diacritics, apostrophes and spacing folded. */
const fold = (text: string) => foldForMentions(text).folded.replace(/\s+/g, ' ').trim()

/**
 * Brings a STIX 2.1 bundle's actors, events and relations into a library. Nothing is written
 * until the whole bundle has been read, so a bundle that is not one changes nothing. An actor
 * named (or aliased) as one the library has is that actor, and its other names become aliases;
 * an event with the title and date of one the library has is that event; a relation with the
 * ends and type of one it has is that relation. Objects made by a Casefile export are also known
 * by their ids, which are derived from the library's own.
 */
export async function importStixBundle(
  library: Library,
  json: unknown,
  options: ReadOptions = {},
): Promise<StixImportSummary> {
  const reading = readStixBundle(json, options)
  const run = new StixImport(library, reading.skipped)
  for (const actor of reading.actors) await run.actor(actor)
  for (const event of reading.events) await run.event(event)
  for (const relation of reading.relations) await run.relation(relation)
  return run.summary
}

class StixImport {
  readonly summary: StixImportSummary
  /** Where each STIX id of the bundle, or of an earlier Casefile export, now lives. */
  private readonly resolved = new Map<string, RelationEnd>()
  private readonly actorsByName = new Map<string, string>()
  private readonly events: CaseEvent[]
  private readonly relations: Relation[]

  constructor(
    private readonly library: Library,
    skipped: StixSkipped[],
  ) {
    const entities = library.entities
    this.summary = {
      actors: { created: 0, matched: 0, aliasesAdded: 0 },
      events: { created: 0, matched: 0 },
      relations: { created: 0, matched: 0 },
      undated: [],
      skipped: [...skipped],
    }
    for (const actor of entities.listActors()) {
      this.know(actor)
      this.resolved.set(uuidV5(casefileStixNamespace, `casefile:actor:${actor.id}`), {
        kind: 'actor',
        id: actor.id,
      })
    }
    this.events = entities.listEvents()
    for (const event of this.events)
      this.resolved.set(uuidV5(casefileStixNamespace, `casefile:event:${event.id}`), {
        kind: 'event',
        id: event.id,
      })
    this.relations = entities.listRelations({})
  }

  async actor(incoming: StixActorIn): Promise<void> {
    const { stixId, ...fields } = incoming
    const input = api['actors.create'].input.safeParse(fields)
    if (!input.success) return this.skip(stixId, describeZodError(input.error))
    const names = [input.data.name, ...input.data.aliases]
    const existing = this.endOf(stixId)
    const match =
      (existing?.kind === 'actor' ? this.library.entities.liveActor(existing.id) : undefined) ??
      names
        .map((name) => this.actorsByName.get(fold(name)))
        .map((id) => (id === undefined ? undefined : this.library.entities.liveActor(id)))
        .find((actor) => actor !== undefined)
    if (match === undefined) {
      const actor = await this.library.entities.createActor(input.data)
      this.know(actor)
      this.resolved.set(stixId, { kind: 'actor', id: actor.id })
      this.summary.actors.created++
      return
    }
    this.resolved.set(stixId, { kind: 'actor', id: match.id })
    this.summary.actors.matched++
    const known = new Set([match.name, ...match.aliases].map(fold))
    const added = [...new Map(names.map((name) => [fold(name), name])).entries()]
      .filter(([key]) => !known.has(key))
      .map(([, name]) => name)
    const update = api['actors.update'].input.safeParse({
      id: match.id,
      aliases: [...match.aliases, ...added],
    })
    if (added.length === 0 || !update.success) return
    this.know(await this.library.entities.updateActor(update.data))
    this.summary.actors.aliasesAdded += added.length
  }

  async event(incoming: StixEventIn): Promise<void> {
    const { stixId, dated, ...fields } = incoming
    const input = api['events.create'].input.safeParse(fields)
    if (!input.success) return this.skip(stixId, describeZodError(input.error))
    const existing = this.endOf(stixId)
    const title = fold(input.data.title)
    const match =
      (existing?.kind === 'event' ? this.library.entities.liveEvent(existing.id) : undefined) ??
      this.events.find(
        (event) =>
          fold(event.title) === title && (!dated || sameDate(event.occurred, input.data.occurred)),
      )
    if (match !== undefined) {
      this.resolved.set(stixId, { kind: 'event', id: match.id })
      this.summary.events.matched++
      return
    }
    const event = await this.library.entities.createEvent(input.data)
    this.events.push(event)
    this.resolved.set(stixId, { kind: 'event', id: event.id })
    this.summary.events.created++
    if (!dated) this.summary.undated.push(event.title)
  }

  async relation(incoming: StixRelationIn): Promise<void> {
    const from = this.endOf(incoming.sourceRef)
    const to = this.endOf(incoming.targetRef)
    const skip = (reason: string) => this.skip(incoming.stixId, reason)
    if (from === undefined) return skip(`its source ${incoming.sourceRef} did not come in`)
    if (to === undefined) return skip(`its target ${incoming.targetRef} did not come in`)
    if (from.kind !== 'actor')
      return skip('it starts from an event; a Casefile relation starts from an actor')
    if (to.kind === 'actor' && to.id === from.id)
      return skip('both its ends are the same actor here (one is an alias of the other)')
    const input = api['relations.create'].input.safeParse({
      from,
      to,
      type: incoming.type,
      confidence: incoming.confidence,
      note: incoming.note,
    })
    if (!input.success) return skip(describeZodError(input.error))
    const type = fold(input.data.type)
    const same = this.relations.some(
      (relation) =>
        relation.from.id === from.id &&
        relation.to.kind === to.kind &&
        relation.to.id === to.id &&
        fold(relation.type) === type,
    )
    if (same) {
      this.summary.relations.matched++
      return
    }
    this.relations.push(await this.library.entities.createRelation(input.data))
    this.summary.relations.created++
  }

  /** Where a STIX id leads: an item this import brought in, or one a Casefile export named. */
  private endOf(stixId: string): RelationEnd | undefined {
    const uuid = stixId.includes('--') ? stixId.slice(stixId.indexOf('--') + 2) : undefined
    return this.resolved.get(stixId) ?? (uuid === undefined ? undefined : this.resolved.get(uuid))
  }

  private know(actor: Actor): void {
    for (const name of [actor.name, ...actor.aliases]) {
      const key = fold(name)
      if (!this.actorsByName.has(key)) this.actorsByName.set(key, actor.id)
    }
    // The actor's own name wins over another's alias.
    this.actorsByName.set(fold(actor.name), actor.id)
  }

  private skip(id: string, reason: string): void {
    this.summary.skipped.push({ id, type: id.slice(0, id.indexOf('--')), reason })
  }
}

function sameDate(a: CaseEvent['occurred'], b: CaseEvent['occurred']): boolean {
  return a.precision === b.precision && a.start === b.start && a.end === b.end
}
