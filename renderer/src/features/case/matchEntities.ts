import type { Actor, CaseEvent, RelationEnd } from '../../../../shared/model'
import { foldForMentions } from '../../../../shared/text/mentions'

export type EntityOption = RelationEnd & { label: string; detail: string }

const fold = (text: string) => foldForMentions(text).folded.trim()

/**
 * The actors and events whose name, alias or title contains `query` (case, diacritics and
 * apostrophes folded), those that start with it first; at most `limit`.
 */
export function matchEntities(
  query: string,
  actors: readonly Actor[],
  events: readonly CaseEvent[],
  kinds: readonly RelationEnd['kind'][],
  limit = 8,
): EntityOption[] {
  const wanted = fold(query)
  const options: (EntityOption & { rank: number })[] = []
  const rank = (names: readonly string[]) => {
    const folded = names.map(fold)
    if (folded.some((name) => name === wanted)) return 0
    if (folded.some((name) => name.startsWith(wanted))) return 1
    return folded.some((name) => name.includes(wanted)) ? 2 : -1
  }
  if (kinds.includes('actor'))
    for (const actor of actors) {
      const at = rank([actor.name, ...actor.aliases])
      if (at >= 0)
        options.push({
          kind: 'actor',
          id: actor.id,
          label: actor.name,
          detail: actorKindLabel[actor.kind],
          rank: at,
        })
    }
  if (kinds.includes('event'))
    for (const event of events) {
      const at = rank([event.title])
      if (at >= 0)
        options.push({ kind: 'event', id: event.id, label: event.title, detail: 'event', rank: at })
    }
  return options
    .sort((a, b) => a.rank - b.rank || a.label.localeCompare(b.label))
    .slice(0, limit)
    .map(({ rank: _rank, ...option }) => option)
}

export const actorKindLabel: Record<Actor['kind'], string> = {
  person: 'person',
  organisation: 'organisation',
  state: 'state',
  group: 'group',
  'threat-actor': 'threat actor',
}
