import { z } from 'zod'
import { CasefileError, describeZodError } from '../../api/errors'
import {
  actorIn,
  eventIn,
  EventPartsSchema,
  NamedSchema,
  relationIn,
  RelationshipSchema,
  type StixActorIn,
  type StixEventIn,
  type StixRelationIn,
} from './stixIncoming'
import { stricterTlp, type Tlp } from '../../model'
import { tlpOfMarkingId, tlpOfName } from './stixMarkings'

export type { StixActorIn, StixEventIn, StixRelationIn }

export type StixSkipped = { id: string; type: string; reason: string }

export type StixReading = {
  actors: StixActorIn[]
  events: StixEventIn[]
  relations: StixRelationIn[]
  skipped: StixSkipped[]
}

/** Bounds on what one import reads: far above a real report, far below what would hang the app. */
export const stixLimits = { maxObjects: 100_000, maxTextLength: 64 * 1024 * 1024 }

export type ReadOptions = {
  /** The marking of an object that carries no TLP marking (default CLEAR, as a new actor's). */
  defaultTlp?: Tlp
}

const strings = z.array(z.string())
const BaseSchema = z.looseObject({
  type: z.string().min(1),
  id: z.string().min(1),
  created: z.string().optional(),
  modified: z.string().optional(),
  created_by_ref: z.string().optional(),
  object_marking_refs: strings.optional(),
  labels: strings.optional(),
})
type Base = z.infer<typeof BaseSchema>

const notBroughtIn: Readonly<Record<string, string>> = {
  report: 'a report is not brought in: its actors, events and relations are',
  note: 'notes are not brought in',
  opinion: 'opinions are not brought in',
  'marking-definition': 'a marking definition only sets the TLP of the objects it marks',
}

/**
 * Reads a STIX 2.1 bundle (parsed JSON, or its text): the actors, events and relations it
 * brings, and every other object with the reason it stays out. Nothing here touches a library.
 * Throws `invalid_input` when the input is not a bundle at all.
 */
export function readStixBundle(json: unknown, options: ReadOptions = {}): StixReading {
  const objects = bundleObjects(typeof json === 'string' ? parseText(json) : json)
  const reading: StixReading = { actors: [], events: [], relations: [], skipped: [] }
  const latest = latestVersions(objects, reading.skipped)
  const markings = markingTlps(latest)
  const related = new Set<string>()
  const authors = new Set<string>()
  for (const object of latest) {
    if (object.created_by_ref !== undefined) authors.add(object.created_by_ref)
    for (const key of ['source_ref', 'target_ref'])
      if (typeof object[key] === 'string') related.add(object[key])
  }
  const tlpOf = (object: Base): Tlp =>
    (object.object_marking_refs ?? [])
      .map((id) => markings.get(id) ?? tlpOfMarkingId(id))
      .reduce<Tlp | undefined>(
        (a, b) => (b === undefined ? a : a ? stricterTlp(a, b) : b),
        undefined,
      ) ??
    options.defaultTlp ??
    'CLEAR'
  for (const object of latest) {
    const skip = (reason: string) =>
      reading.skipped.push({ id: object.id, type: object.type, reason })
    const { type } = object
    if (type === 'identity' || type === 'threat-actor' || type === 'intrusion-set') {
      const named = NamedSchema.safeParse(object)
      if (!named.success) skip(describeZodError(named.error))
      else if (
        type === 'identity' &&
        named.data.x_casefile_kind === undefined &&
        authors.has(object.id) &&
        !related.has(object.id)
      )
        skip('the author of objects in the bundle, not an actor of the case')
      else reading.actors.push(actorIn(object, named.data, tlpOf(object)))
    } else if (type === 'incident' || type === 'campaign') {
      const named = NamedSchema.safeParse(object)
      const parts = EventPartsSchema.safeParse(object)
      if (!named.success) skip(describeZodError(named.error))
      else if (!parts.success) skip(describeZodError(parts.error))
      else {
        const event = eventIn(object, named.data, parts.data, tlpOf(object))
        if (event === undefined) skip('no date: neither a date of its own nor a `created` time')
        else reading.events.push(event)
      }
    } else if (type === 'relationship') {
      const relationship = RelationshipSchema.safeParse(object)
      if (!relationship.success) skip(describeZodError(relationship.error))
      else reading.relations.push(relationIn(object, relationship.data))
    } else if (type !== 'marking-definition') {
      skip(notBroughtIn[type] ?? `a ${type} is not an actor, an event or a relation`)
    }
  }
  return reading
}

function parseText(text: string): unknown {
  if (text.length > stixLimits.maxTextLength)
    throw new CasefileError(
      'invalid_input',
      'This STIX bundle is too large to import (over 64 MB).',
    )
  try {
    return JSON.parse(text)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw new CasefileError('invalid_input', `This is not JSON, so not a STIX bundle: ${detail}`)
  }
}

/** The bundle's objects, once the input is known to be a bundle of a sane size. */
function bundleObjects(json: unknown): unknown[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new CasefileError(
      'invalid_input',
      `A STIX bundle is a JSON object; this is ${Array.isArray(json) ? 'a list' : describe(json)}.`,
    )
  const bundle = json as Record<string, unknown>
  if (bundle.type !== 'bundle')
    throw new CasefileError(
      'invalid_input',
      `This is not a STIX bundle: its type is ${describe(bundle.type)}, not “bundle”.`,
    )
  const objects = bundle.objects ?? []
  if (!Array.isArray(objects))
    throw new CasefileError('invalid_input', 'The bundle’s `objects` is not a list.')
  if (objects.length > stixLimits.maxObjects)
    throw new CasefileError(
      'invalid_input',
      `The bundle holds ${objects.length} objects; an import takes at most ${stixLimits.maxObjects}.`,
    )
  return objects
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `“${value.slice(0, 60)}”`
  return value === null ? 'null' : typeof value
}

/**
 * The objects with a type and an id, each id once: a bundle may hold several versions of an
 * object, and the most recently modified one stands.
 */
function latestVersions(objects: unknown[], skipped: StixSkipped[]): Base[] {
  const byId = new Map<string, Base>()
  for (const [index, item] of objects.entries()) {
    const parsed = BaseSchema.safeParse(item)
    if (!parsed.success) {
      skipped.push({
        id: `#${index}`,
        type: 'unknown',
        reason: 'not a STIX object (no type or id)',
      })
      continue
    }
    const object = parsed.data
    if (!object.id.startsWith(`${object.type}--`)) {
      skipped.push({
        id: object.id,
        type: object.type,
        reason: 'its id does not start with its type',
      })
      continue
    }
    const seen = byId.get(object.id)
    const newer = seen === undefined || (object.modified ?? '') > (seen.modified ?? '')
    if (newer) byId.set(object.id, object)
    if (seen !== undefined)
      skipped.push({ id: object.id, type: object.type, reason: 'an older version' })
  }
  return [...byId.values()]
}

/** The TLP of each TLP marking definition the bundle defines itself (1.0 `definition`, or 2.0). */
function markingTlps(objects: readonly Base[]): Map<string, Tlp> {
  const tlps = new Map<string, Tlp>()
  for (const object of objects) {
    if (object.type !== 'marking-definition') continue
    const definition = object.definition as { tlp?: unknown } | undefined
    const extensions = Object.values((object.extensions as Record<string, unknown>) ?? {})
    const names = [definition?.tlp, ...extensions.map((e) => (e as { tlp_2_0?: unknown })?.tlp_2_0)]
    for (const name of names) {
      const tlp = typeof name === 'string' ? tlpOfName(name) : undefined
      if (tlp !== undefined) tlps.set(object.id, tlp)
    }
  }
  return tlps
}
