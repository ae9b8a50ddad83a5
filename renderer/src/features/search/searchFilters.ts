import type { RelationEnd, Tlp } from '../../../../shared/model'
import type { SearchFilters } from './useSearch'

export const searchKinds = ['source', 'annotation', 'note', 'actor', 'event'] as const
export type SearchKind = (typeof searchKinds)[number]

/** The filters as the search view edits them: empty lists and blank dates mean "any". */
export type FilterDraft = {
  kinds: SearchKind[]
  tags: string[]
  entities: RelationEnd[]
  tlp: Tlp[]
  from: string
  to: string
  typo: boolean
}

export const noFilters: FilterDraft = {
  kinds: [],
  tags: [],
  entities: [],
  tlp: [],
  from: '',
  to: '',
  typo: false,
}

/** The draft as `search.query` takes it: only what narrows the search is sent. */
export function filtersOf(draft: FilterDraft): SearchFilters {
  const actorIds = draft.entities.filter((end) => end.kind === 'actor').map((end) => end.id)
  const eventIds = draft.entities.filter((end) => end.kind === 'event').map((end) => end.id)
  return {
    ...(draft.kinds.length > 0 ? { kinds: draft.kinds } : {}),
    ...(draft.tags.length > 0 ? { tags: draft.tags } : {}),
    ...(actorIds.length > 0 ? { actorIds } : {}),
    ...(eventIds.length > 0 ? { eventIds } : {}),
    ...(draft.tlp.length > 0 ? { tlp: draft.tlp } : {}),
    ...(draft.from ? { from: draft.from } : {}),
    ...(draft.to ? { to: draft.to } : {}),
    ...(draft.typo ? { typo: true } : {}),
  }
}

/** Back from what was saved to what the view edits. */
export function draftOf(filters: SearchFilters): FilterDraft {
  return {
    kinds: [...(filters.kinds ?? [])],
    tags: [...(filters.tags ?? [])],
    entities: [
      ...(filters.actorIds ?? []).map((id) => ({ kind: 'actor' as const, id })),
      ...(filters.eventIds ?? []).map((id) => ({ kind: 'event' as const, id })),
    ],
    tlp: [...(filters.tlp ?? [])],
    from: filters.from ?? '',
    to: filters.to ?? '',
    typo: filters.typo ?? false,
  }
}

/** Adds `value` to the list, or takes it out if it is there. */
export function toggled<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value]
}
