import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react'
import type { Actor, CaseEvent, RelationEnd } from '../../../../shared/model'
import type { Client } from '../../../../shared/rpc'
import { useLibraryQuery } from '../../app/useLibraryQuery'

/** The live actors and events of the case, by name, and a way to name any of them. */
export type CaseIndex = {
  actors: readonly Actor[]
  events: readonly CaseEvent[]
  loaded: boolean
  error: string | undefined
  /** The actor or event an end points at, if it is live. */
  find: (end: RelationEnd) => Actor | CaseEvent | undefined
  /** Its name or title; a placeholder while the lists load or once it has gone. */
  labelOf: (end: RelationEnd) => string
}

const empty = { actors: [] as Actor[], events: [] as CaseEvent[] }

const CaseContext = createContext<CaseIndex | undefined>(undefined)

/** Asks for the case's actors and events once, and again whenever the library changes. */
export function CaseProvider({ children }: { children: ReactNode }) {
  const query = useCallback(async (client: Client) => {
    const [actors, events] = await Promise.all([
      client.call('actors.list', {}),
      client.call('events.list', {}),
    ])
    return { actors: actors.actors, events: events.events }
  }, [])
  const { data, loaded, error } = useLibraryQuery(query, empty, ['entities'])
  const value = useMemo<CaseIndex>(() => {
    const actors = new Map(data.actors.map((actor) => [actor.id, actor]))
    const events = new Map(data.events.map((event) => [event.id, event]))
    const find = (end: RelationEnd) =>
      end.kind === 'actor' ? actors.get(end.id) : events.get(end.id)
    return {
      ...data,
      loaded,
      error,
      find,
      labelOf: (end) => {
        const item = find(end)
        if (!item) return loaded ? `(${end.kind} in the trash)` : '…'
        return 'name' in item ? item.name : item.title
      },
    }
  }, [data, loaded, error])
  return <CaseContext.Provider value={value}>{children}</CaseContext.Provider>
}

export function useCase(): CaseIndex {
  const value = useContext(CaseContext)
  if (!value) throw new Error('useCase needs a CaseProvider around it')
  return value
}
