import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { LibraryInfo } from '../../../../shared/api'
import type { Source } from '../../../../shared/model'
import { useClient } from '../../app/clientContext'
import { coalesceRuns } from '../../app/coalesceRuns'
import { describeError } from '../../app/describeError'

export type SourcesState = {
  sources: Source[]
  info: LibraryInfo | undefined
  /** False until the first list has arrived, so the welcome page does not flash. */
  loaded: boolean
  error: string | undefined
  /**
   * Brings the list up to date (with the sources named, or `all` of it read again); answers the
   * whole list (empty if the call failed).
   */
  refresh: (changed?: readonly string[] | 'all') => Promise<Source[]>
}

/** The least time between two re-reads of the list while changes keep coming (an import). */
export const sourcesRefreshGapMs = 250
/** The most changed sources read by id; more, and the whole list is read again. */
const maxNamedRereads = 500

/**
 * The list with the sources read again put in: a changed one where it was, a new one at the top
 * (newest import first, as `sources.list` answers).
 */
export function mergeSources(known: readonly Source[], read: readonly Source[]): Source[] {
  const fresh = new Map(read.map((source) => [source.id, source]))
  const kept = known.map((source) => fresh.get(source.id) ?? source)
  const knownIds = new Set(known.map((source) => source.id))
  return [...read.filter((source) => !knownIds.has(source.id)), ...kept]
}

/**
 * The library's sources and counts: the counts are asked again on every change, the list of
 * sources only when sources changed (not on every note save or highlight). A burst of changes
 * (each file of an import is one) is answered by a few re-reads, not one per change.
 */
export function useSources(): SourcesState {
  const client = useClient()
  const [sources, setSources] = useState<Source[]>([])
  const [info, setInfo] = useState<LibraryInfo>()
  const [loaded, setLoaded] = useState(false)
  const [error, setError] = useState<string>()

  // What changed since the list was last read: named sources, or (`all`) anything.
  const pending = useRef<{ all: boolean; ids: Set<string> }>({ all: true, ids: new Set() })
  const listed = useRef<Source[]>([])
  // An answer that arrives once the list is gone (a closed window, a test torn down) is dropped.
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const reread = useMemo(
    () =>
      coalesceRuns(async () => {
        const { all, ids } = pending.current
        pending.current = { all: false, ids: new Set() }
        try {
          const [list, latest] = await Promise.all([
            client.call('sources.list', all ? {} : { ids: [...ids] }),
            client.call('library.info', {}),
          ])
          if (!mounted.current) return listed.current
          const merged = all ? list.sources : mergeSources(listed.current, list.sources)
          listed.current = merged
          setSources(merged)
          setInfo(latest)
          setError(undefined)
          return merged
        } catch (caught) {
          // Read it all next time: what this call would have brought is not known.
          pending.current.all = true
          if (mounted.current) setError(describeError(caught))
          return []
        } finally {
          if (mounted.current) setLoaded(true)
        }
      }, sourcesRefreshGapMs),
    [client],
  )

  const recount = useMemo(
    () =>
      coalesceRuns(async () => {
        try {
          const latest = await client.call('library.info', {})
          if (mounted.current) setInfo(latest)
        } catch (caught) {
          if (mounted.current) setError(describeError(caught))
        }
      }, sourcesRefreshGapMs),
    [client],
  )

  // Brings the list up to date: what the events named since the last read (all of it at first),
  // and the sources a caller knows have changed (its event may not have arrived yet).
  const refresh = useCallback(
    (changed: readonly string[] | 'all' = []) => {
      if (changed === 'all') pending.current.all = true
      else for (const id of changed) pending.current.ids.add(id)
      return reread()
    },
    [reread],
  )

  useEffect(() => {
    void refresh()
    return client.on('library.changed', ({ what, id }) => {
      if (what !== 'sources') return void recount()
      // A few named sources are read alone; past a few hundred, the whole list is cheaper.
      if (id === undefined || pending.current.ids.size >= maxNamedRereads)
        pending.current.all = true
      else pending.current.ids.add(id)
      void reread()
    })
  }, [client, refresh, reread, recount])

  return { sources, info, loaded, error, refresh }
}
