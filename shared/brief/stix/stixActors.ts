import type { Actor, ActorKind, Relation } from '../../model'
import { compact, type StixValue } from './stixObjects'

export type ActorStixType = 'identity' | 'threat-actor' | 'intrusion-set'

/**
 * Which STIX object an actor becomes:
 * - one that an `attributed-to` relation points at is a `threat-actor` (who is ultimately behind
 *   the activity: a state, an agency), `nation-state` when it is a state;
 * - else a Casefile threat actor (a named adversary group such as APT29) is an `intrusion-set`,
 *   as in STIX and ATT&CK practice, where an intrusion set is `attributed-to` a threat actor;
 * - else an `identity`: a person is an individual, an organisation an organization, a state an
 *   organization in the government-national sector, a group a group.
 */
export function actorStixType(actor: Actor, relations: readonly Relation[]): ActorStixType {
  const attributedTo = relations.some(
    (relation) =>
      relation.type === 'attributed-to' &&
      relation.to.kind === 'actor' &&
      relation.to.id === actor.id,
  )
  if (attributedTo) return 'threat-actor'
  return actor.kind === 'threat-actor' ? 'intrusion-set' : 'identity'
}

const identityClasses: Readonly<Record<ActorKind, string>> = {
  person: 'individual',
  organisation: 'organization',
  state: 'organization',
  group: 'group',
  'threat-actor': 'group',
}

/** The properties an actor's object has beyond the common ones, for its STIX type. */
export function actorProperties(
  actor: Actor,
  type: ActorStixType,
): Record<string, StixValue | undefined> {
  const common = {
    name: actor.name,
    description: actor.description,
    labels: actor.tags,
    // The exact kind, so that an import back into Casefile loses nothing.
    x_casefile_kind: actor.kind,
  }
  if (type === 'intrusion-set') return { ...common, aliases: actor.aliases }
  if (type === 'threat-actor')
    return {
      ...common,
      aliases: actor.aliases,
      threat_actor_types: [actor.kind === 'state' ? 'nation-state' : 'unknown'],
    }
  return compact({
    ...common,
    identity_class: identityClasses[actor.kind],
    sectors: actor.kind === 'state' ? ['government-national'] : undefined,
    // An identity has no `aliases` in STIX 2.1.
    x_casefile_aliases: actor.aliases,
  })
}
