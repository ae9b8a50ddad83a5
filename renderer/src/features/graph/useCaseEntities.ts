import type { Actor, CaseEvent, Relation } from '../../../../shared/model'
import type { Client } from '../../../../shared/rpc'
import { useLibraryQuery } from '../../app/useLibraryQuery'

/** Everything the relations graph is drawn from: the live actors, events and relations. */
export type CaseEntities = { actors: Actor[]; events: CaseEvent[]; relations: Relation[] }

const none: CaseEntities = { actors: [], events: [], relations: [] }

const readCase = async (client: Client): Promise<CaseEntities> => {
  const [actors, events, relations] = await Promise.all([
    client.call('actors.list', {}),
    client.call('events.list', {}),
    client.call('relations.list', {}),
  ])
  return { actors: actors.actors, events: events.events, relations: relations.relations }
}

/** The case's actors, events and relations, read again whenever the library changes. */
export function useCaseEntities() {
  return useLibraryQuery<CaseEntities>(readCase, none, ['entities'])
}
