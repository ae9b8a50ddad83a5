import { z } from 'zod'
import { DateSpecSchema } from './dateSpec'
import { TlpSchema } from './marking'

export const ActorKindSchema = z.enum(['person', 'organisation', 'state', 'group', 'threat-actor'])
export type ActorKind = z.infer<typeof ActorKindSchema>

/** Created, last changed and (once in the trash) deleted: ISO timestamps. */
const timestamps = {
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set when the item is moved to the trash; null while it is live. */
  deletedAt: z.string().nullable(),
}

/** Who: a person, organisation, state, group or threat actor, with the other names it goes by. */
export const ActorSchema = z.object({
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  kind: ActorKindSchema,
  description: z.string(),
  tags: z.array(z.string()),
  tlp: TlpSchema,
  ...timestamps,
  /** Set when this actor was merged into another one: the actor that now carries its links. */
  mergedInto: z.string().optional(),
})
export type Actor = z.infer<typeof ActorSchema>

/** What and when: an incident, with the date it occurred and the date it was reported. */
export const EventSchema = z.object({
  id: z.string(),
  title: z.string(),
  occurred: DateSpecSchema,
  reported: DateSpecSchema.nullable(),
  place: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  tlp: TlpSchema,
  ...timestamps,
})
/** An event of the case (named so as not to shadow the DOM's `Event`). */
export type CaseEvent = z.infer<typeof EventSchema>

/** The relation types Casefile knows; any other type is free text (1–60 characters). */
export const knownRelationTypes = [
  'attributed-to',
  'targets',
  'denies',
  'responds-to',
  'member-of',
  'located-in',
] as const

export const RelationTypeSchema = z.union([
  z.enum(knownRelationTypes),
  z.string().trim().min(1).max(60),
])
export type RelationType = z.infer<typeof RelationTypeSchema>

/** The words of estimative probability an analyst states a relation with. */
export const ConfidenceSchema = z.enum([
  'almost certain',
  'likely',
  'roughly even chance',
  'unlikely',
  'remote',
])
export type Confidence = z.infer<typeof ConfidenceSchema>

export const RelationEndSchema = z.object({
  kind: z.enum(['actor', 'event']),
  id: z.string(),
})
export type RelationEnd = z.infer<typeof RelationEndSchema>

/** How an actor connects to another actor or to an event, and the passages it rests on. */
export const RelationSchema = z.object({
  id: z.string(),
  from: z.object({ kind: z.literal('actor'), id: z.string() }),
  to: RelationEndSchema,
  type: RelationTypeSchema,
  confidence: ConfidenceSchema,
  /** Ids of the annotations that are its evidence. */
  evidence: z.array(z.string()),
  note: z.string(),
  ...timestamps,
})
export type Relation = z.infer<typeof RelationSchema>
