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
  /** Reloads the list; answers the fresh sources (empty if the call failed). */
  refresh: () => Promise<Source[]>
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
          setSources((known) => (all ? list.sources : mergeSources(known, list.sources)))
          setInfo(latest)
          setError(undefined)
          return list.sources
        } catch (caught) {
          // Read it all next time: what this call would have brought is not known.
          pending.current.all = true
          setError(describeError(caught))
          return []
        } finally {
          setLoaded(true)
        }
      }, sourcesRefreshGapMs),
    [client],
  )

  const refresh = useCallback(async () => {
    pending.current.all = true
    const read = await reread()
    return read
  }, [reread])

  const recount = useMemo(
    () =>
      coalesceRuns(async () => {
        try {
          setInfo(await client.call('library.info', {}))
        } catch (caught) {
          setError(describeError(caught))
        }
      }, sourcesRefreshGapMs),
    [client],
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
