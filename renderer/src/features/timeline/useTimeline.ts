import { useCallback } from 'react'
import type { Actor, CaseEvent } from '../../../../shared/model'
import type { Client } from '../../../../shared/rpc'
import { useLibraryQuery } from '../../app/useLibraryQuery'

/** What the timeline is narrowed to; an empty string means "all". */
export type TimelineFilter = { actorId: string; tag: string }

export type TimelineData = {
  /** The events the filter lets through, in time order. */
  events: CaseEvent[]
  /** Whether the library has any live event at all, filter or not. */
  anyEvents: boolean
  /** The live actors, by name, to filter by. */
  actors: Actor[]
  /** The tags on any live event, sorted. */
  tags: string[]
  /** The filter applied: an actor or tag gone from the library since it was chosen is dropped. */
  filter: TimelineFilter
}

const noFilter: TimelineFilter = { actorId: '', tag: '' }
const empty: TimelineData = { events: [], anyEvents: false, actors: [], tags: [], filter: noFilter }

/** The timeline's events for `filter`, with the actors and tags it can be filtered by. */
export function useTimeline({ actorId, tag }: TimelineFilter) {
  const query = useCallback(
    async (client: Client): Promise<TimelineData> => {
      const [{ actors }, all] = await Promise.all([
        client.call('actors.list', {}),
        client.call('events.timeline', {}),
      ])
      const tags = [...new Set(all.events.flatMap((event) => event.tags))].sort((a, b) =>
        a.localeCompare(b),
      )
      const filter: TimelineFilter = {
        actorId: actors.some((actor) => actor.id === actorId) ? actorId : '',
        tag: tags.includes(tag) ? tag : '',
      }
      const { events } =
        filter.actorId !== '' || filter.tag !== ''
          ? await client.call('events.timeline', {
              ...(filter.actorId !== '' ? { actorId: filter.actorId } : {}),
              ...(filter.tag !== '' ? { tag: filter.tag } : {}),
            })
          : all
      return { events, anyEvents: all.events.length > 0, actors, tags, filter }
    },
    [actorId, tag],
  )
  return useLibraryQuery(query, empty, ['entities'])
}
