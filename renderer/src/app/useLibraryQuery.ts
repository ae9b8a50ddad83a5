import { useCallback, useEffect, useRef, useState } from 'react'
import type { Client } from '../../../shared/rpc'
import { useClient } from './clientContext'
import { describeError } from './describeError'

export type LibraryQuery<T> = {
  data: T
  /** False until the first answer has arrived. */
  loaded: boolean
  error: string | undefined
}

/**
 * The answer to one question about the library (`query` must be a stable function), asked again
 * whenever the core says the library changed; only the latest answer is kept.
 */
export function useLibraryQuery<T>(query: (client: Client) => Promise<T>, initial: T) {
  const client = useClient()
  const [state, setState] = useState<LibraryQuery<T>>({
    data: initial,
    loaded: false,
    error: undefined,
  })
  const asked = useRef(0)

  const refresh = useCallback(async () => {
    const ask = ++asked.current
    try {
      const data = await query(client)
      if (ask === asked.current) setState({ data, loaded: true, error: undefined })
    } catch (error) {
      if (ask === asked.current)
        setState((now) => ({ ...now, loaded: true, error: describeError(error) }))
    }
  }, [client, query])

  useEffect(() => {
    void refresh()
    return client.on('library.changed', () => void refresh())
  }, [client, refresh])

  return state
}
