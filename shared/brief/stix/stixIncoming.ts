import { z } from 'zod'
import {
  ActorKindSchema,
  DateSpecSchema,
  type ActorKind,
  type Confidence,
  type DateSpec,
  type Tlp,
} from '../../model'
import { confidenceWords } from './stixConfidence'

/** The common properties of an object, as `readStixBundle` has already checked them. */
type Base = {
  type: string
  id: string
  created?: string | undefined
  labels?: string[] | undefined
}

const strings = z.array(z.string())

/** An actor the bundle brings: a threat actor, intrusion set or identity. */
export type StixActorIn = {
  stixId: string
  name: string
  aliases: string[]
  kind: ActorKind
  description: string
  tags: string[]
  tlp: Tlp
}

/** An event the bundle brings: an incident or a campaign. */
export type StixEventIn = {
  stixId: string
  title: string
  occurred: DateSpec
  reported: DateSpec | null
  place: string
  description: string
  tags: string[]
  tlp: Tlp
  /** False when the bundle gives no date (see `undatedEvent`). */
  dated: boolean
}

/** A relationship, its ends still STIX ids (resolved against the library when applied). */
export type StixRelationIn = {
  stixId: string
  sourceRef: string
  targetRef: string
  type: string
  confidence: Confidence
  note: string
}

export const NamedSchema = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  aliases: strings.optional(),
  x_casefile_aliases: strings.optional(),
  x_casefile_kind: z.string().optional(),
  identity_class: z.string().optional(),
})
export const EventPartsSchema = z.looseObject({
  x_casefile_occurred: z.unknown().optional(),
  x_casefile_reported: z.unknown().optional(),
  x_casefile_place: z.string().optional(),
  first_seen: z.string().optional(),
  last_seen: z.string().optional(),
})
export const RelationshipSchema = z.looseObject({
  relationship_type: z.string().min(1),
  source_ref: z.string().min(1),
  target_ref: z.string().min(1),
  confidence: z.number().int().min(0).max(100).optional(),
  description: z.string().optional(),
  x_casefile_type: z.string().trim().min(1).max(60).optional(),
})

const identityKinds: Readonly<Record<string, ActorKind>> = {
  individual: 'person',
  group: 'group',
  class: 'group',
  organization: 'organisation',
}

export function actorIn(object: Base, named: z.infer<typeof NamedSchema>, tlp: Tlp): StixActorIn {
  const ownKind = ActorKindSchema.safeParse(named.x_casefile_kind)
  const kind: ActorKind = ownKind.success
    ? ownKind.data
    : object.type === 'identity'
      ? (identityKinds[named.identity_class ?? ''] ?? 'organisation')
      : 'threat-actor'
  return {
    stixId: object.id,
    name: named.name,
    aliases: [...(named.aliases ?? []), ...(named.x_casefile_aliases ?? [])],
    kind,
    description: named.description ?? '',
    tags: object.labels ?? [],
    tlp,
  }
}

export function eventIn(
  object: Base,
  named: z.infer<typeof NamedSchema>,
  parts: z.infer<typeof EventPartsSchema>,
  tlp: Tlp,
): StixEventIn | undefined {
  const occurred = DateSpecSchema.safeParse(parts.x_casefile_occurred)
  const reported = DateSpecSchema.safeParse(parts.x_casefile_reported)
  const common = {
    stixId: object.id,
    title: named.name,
    reported: reported.success ? reported.data : null,
    place: parts.x_casefile_place ?? '',
    description: named.description ?? '',
    tags: object.labels ?? [],
    tlp,
  }
  if (occurred.success) return { ...common, occurred: occurred.data, dated: true }
  const seen = seenSpan(dayOf(parts.first_seen), dayOf(parts.last_seen))
  if (seen !== undefined) return { ...common, occurred: seen, dated: true }
  const created = dayOf(object.created)
  return created === undefined ? undefined : undatedEvent(common, created)
}

/** A campaign's first and last sightings as a range, or the one day known. */
function seenSpan(first: string | undefined, last: string | undefined): DateSpec | undefined {
  if (first !== undefined && last !== undefined && last > first)
    return { precision: 'range', start: first, end: last }
  const day = first ?? last
  return day === undefined ? undefined : { precision: 'day', start: day }
}

/**
 * The rule for an incident the bundle gives no date: a Casefile event needs one, so it is placed
 * on the day its STIX object was created (by then it had happened), tagged `date-unknown`, and
 * its description says so. The analyst sees it flagged and can set the real date.
 */
function undatedEvent(
  common: Omit<StixEventIn, 'occurred' | 'dated'>,
  created: string,
): StixEventIn {
  const said = `Date unknown: the STIX bundle gives none; placed on ${created}, when it was recorded.`
  return {
    ...common,
    occurred: { precision: 'day', start: created },
    tags: [...common.tags, 'date-unknown'],
    description: common.description === '' ? said : `${common.description}\n\n${said}`,
    dated: false,
  }
}

/** The day (`YYYY-MM-DD`) of a STIX timestamp. */
function dayOf(timestamp: string | undefined): string | undefined {
  const day = timestamp?.slice(0, 10)
  return day !== undefined && DateSpecSchema.safeParse({ precision: 'day', start: day }).success
    ? day
    : undefined
}

export function relationIn(
  object: Base,
  relationship: z.infer<typeof RelationshipSchema>,
): StixRelationIn {
  const stated = relationship.confidence
  const notes = [
    relationship.description ?? '',
    stated === undefined ? 'Confidence not stated in the imported STIX bundle.' : '',
  ]
  return {
    stixId: object.id,
    sourceRef: relationship.source_ref,
    targetRef: relationship.target_ref,
    type: relationship.x_casefile_type ?? relationship.relationship_type,
    // Unstated, it is the middle word: the import claims neither way.
    confidence: stated === undefined ? 'roughly even chance' : confidenceWords(stated),
    note: notes.filter((part) => part !== '').join('\n\n'),
  }
}
