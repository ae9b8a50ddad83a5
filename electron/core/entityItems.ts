import type { SearchHit } from '../../shared/api'
import type { Actor, CaseEvent } from '../../shared/model'
import { makeSnippet, type IndexedItem } from '../../shared/search'
import type { EntityFile } from './entityStore'

/** What search reads of an actor: every name it goes by, its description and tags. */
export function actorItem(actor: Actor): IndexedItem {
  return {
    id: `ac:${actor.id}`,
    sourceId: actor.id,
    title: [actor.name, ...actor.aliases].join('\n'),
    body: [actor.description, actor.tags.join(' ')].filter((part) => part !== '').join('\n'),
  }
}

/** What search reads of an event: its title, place, description and tags. */
export function eventItem(event: CaseEvent): IndexedItem {
  return {
    id: `ev:${event.id}`,
    sourceId: event.id,
    title: event.title,
    body: [event.place, event.description, event.tags.join(' ')]
      .filter((part) => part !== '')
      .join('\n'),
  }
}

/** The live actors and events of an entity file, for an index rebuild. */
export function* entityItemsOf(data: EntityFile): Generator<IndexedItem> {
  for (const actor of data.actors) if (actor.deletedAt === null) yield actorItem(actor)
  for (const event of data.events) if (event.deletedAt === null) yield eventItem(event)
}

/** The search hit of an indexed actor (`ac:`) or event (`ev:`), if it is still live. */
export function entitySearchHit(
  data: EntityFile,
  indexId: string,
  query: string,
): SearchHit | undefined {
  const [prefix, id] = [indexId.slice(0, 3), indexId.slice(3)]
  if (prefix === 'ac:') {
    const actor = data.actors.find((a) => a.id === id && a.deletedAt === null)
    if (!actor) return undefined
    return hit(
      'actor',
      actor.id,
      actor.name,
      [[actor.name, ...actor.aliases].join(', '), actor.description],
      query,
    )
  }
  if (prefix === 'ev:') {
    const event = data.events.find((e) => e.id === id && e.deletedAt === null)
    if (!event) return undefined
    return hit('event', event.id, event.title, [event.place, event.description], query)
  }
  return undefined
}

function hit(
  kind: 'actor' | 'event',
  id: string,
  title: string,
  parts: string[],
  query: string,
): SearchHit {
  const snippet = makeSnippet(parts.filter((part) => part !== '').join(' — '), query)
  return { kind, id, sourceId: id, title, snippet: snippet.text, highlights: snippet.highlights }
}
