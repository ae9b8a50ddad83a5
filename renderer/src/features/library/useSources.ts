import { useCallback, useEffect, useState } from 'react'
import type { LibraryInfo } from '../../../../shared/api'
import type { Source } from '../../../../shared/model'
import { useClient } from '../../app/clientContext'
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

/** The library's sources and counts, refreshed whenever the core says they changed. */
export function useSources(): SourcesState {
  const client = useClient()
  const [sources, setSources] = useState<Source[]>([])
  const [info, setInfo] = useState<LibraryInfo>()
  const [loaded, setLoaded] = useState(false)
  const [error, setError] = useState<string>()

  const refresh = useCallback(async () => {
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
  }, [client])

  useEffect(() => {
    void refresh()
    return client.on('library.changed', () => void refresh())
  }, [client, refresh])

  return { sources, info, loaded, error, refresh }
}
