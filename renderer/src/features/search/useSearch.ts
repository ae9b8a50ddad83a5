import { useEffect, useRef, useState } from 'react'
import type { MethodInput, SearchHit } from '../../../../shared/api'
import { useClient } from '../../app/clientContext'
import { describeError } from '../../app/describeError'

export const searchDelayMs = 120
export const searchLimit = 40

export type SearchState = {
  hits: SearchHit[]
  /** The query the hits answer (lags behind the box while typing). */
  answered: string
  searching: boolean
  error: string | undefined
}

/** What narrows a search besides its words: kinds, tags, actors, events, TLP, dates, typos. */
export type SearchFilters = Omit<MethodInput<'search.query'>, 'query' | 'limit'>

/** As-you-type search: waits for a pause in typing, and drops answers to outdated queries. */
export function useSearch(query: string, filters: SearchFilters = {}): SearchState {
  const client = useClient()
  const [state, setState] = useState<SearchState>({
    hits: [],
    answered: '',
    searching: false,
    error: undefined,
  })
  const latest = useRef(0)
  const filterKey = JSON.stringify(filters)

  useEffect(() => {
    const ask = ++latest.current
    const trimmed = query.trim()
    const narrowed = JSON.parse(filterKey) as SearchFilters
    if (trimmed === '') {
      setState({ hits: [], answered: '', searching: false, error: undefined })
      return
    }
    setState((previous) => ({ ...previous, searching: true }))
    const timer = setTimeout(() => {
      client
        .call('search.query', { query: trimmed, limit: searchLimit, ...narrowed })
        .then(({ hits }) => {
          if (ask === latest.current)
            setState({ hits, answered: trimmed, searching: false, error: undefined })
        })
        .catch((error: unknown) => {
          if (ask === latest.current)
            setState({ hits: [], answered: trimmed, searching: false, error: describeError(error) })
        })
    }, searchDelayMs)
    return () => clearTimeout(timer)
  }, [client, query, filterKey])

  return state
}
