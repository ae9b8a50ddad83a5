import { useEffect, useRef, useState } from 'react'
import type { EventPayload } from '../../../shared/api'
import type { Client } from '../../../shared/rpc'
import { useClient } from './clientContext'
import { coalesceRuns } from './coalesceRuns'
import { describeError } from './describeError'

export type LibraryQuery<T> = {
  data: T
  /** False until the first answer has arrived. */
  loaded: boolean
  error: string | undefined
}

/** What a change in the library was about: sources, annotations, entities, notes, searches. */
export type ChangeKind = EventPayload<'library.changed'>['what']

/** The least time between two askings while changes keep coming (each file of an import is one). */
export const queryRefreshGapMs = 250

/**
 * The answer to one question about the library (`query` must be a stable function), asked again
 * whenever the core says the library changed — or, given `dependsOn`, only when what changed is
 * one of those kinds (a note saved while typing does not re-read the whole library list); only the
 * latest answer is kept. A burst of changes is answered by a few askings, not one per change.
 */
export function useLibraryQuery<T>(
  query: (client: Client) => Promise<T>,
  initial: T,
  dependsOn?: readonly ChangeKind[],
) {
  const client = useClient()
  const [state, setState] = useState<LibraryQuery<T>>({
    data: initial,
    loaded: false,
    error: undefined,
  })
  const asked = useRef(0)

  const kinds = dependsOn?.join(' ')
  useEffect(() => {
    // A re-read still waiting when the question changes (or the asker goes) is dropped.
    let live = true
    const refresh = coalesceRuns(async () => {
      if (!live) return
      const ask = ++asked.current
      try {
        const data = await query(client)
        if (ask === asked.current) setState({ data, loaded: true, error: undefined })
      } catch (error) {
        if (ask === asked.current)
          setState((now) => ({ ...now, loaded: true, error: describeError(error) }))
      }
    }, queryRefreshGapMs)
    void refresh()
    const relevant = kinds?.split(' ')
    const stop = client.on('library.changed', ({ what }) => {
      if (!relevant || relevant.includes(what)) void refresh()
    })
    return () => {
      live = false
      stop()
    }
  }, [client, query, kinds])

  return state
}
