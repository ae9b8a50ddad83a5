import { useEffect, useMemo, useState } from 'react'
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

  const refresh = useMemo(
    () =>
      coalesceRuns(async () => {
        try {
          const [list, latest] = await Promise.all([
            client.call('sources.list', {}),
            client.call('library.info', {}),
          ])
          setSources(list.sources)
          setInfo(latest)
          setError(undefined)
          return list.sources
        } catch (caught) {
          setError(describeError(caught))
          return []
        } finally {
          setLoaded(true)
        }
      }, sourcesRefreshGapMs),
    [client],
  )

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
    return client.on('library.changed', ({ what }) => {
      if (what === 'sources') void refresh()
      else void recount()
    })
  }, [client, refresh, recount])

  return { sources, info, loaded, error, refresh }
}
