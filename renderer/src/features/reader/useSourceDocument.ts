import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { MethodOutput } from '../../../../shared/api'
import type { Annotation } from '../../../../shared/model'
import { useClient } from '../../app/clientContext'
import { coalesceRuns } from '../../app/coalesceRuns'
import { describeError } from '../../app/describeError'
import { placeAnnotations, type PlacedAnnotation } from './placeAnnotations'

export type SourceDocument = MethodOutput<'sources.get'>

export type OpenSource = {
  document: SourceDocument | undefined
  placed: PlacedAnnotation[]
  error: string | undefined
  loading: boolean
  reloadAnnotations: () => Promise<void>
}

function sameList(a: readonly Annotation[], b: readonly Annotation[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b)
}

/** The open source's text and blocks, and its annotations anchored in that text. */
export function useSourceDocument(sourceId: string | undefined): OpenSource {
  const client = useClient()
  const [document, setDocument] = useState<SourceDocument>()
  const [annotations, setAnnotations] = useState<Annotation[]>([])
  const [error, setError] = useState<string>()
  const [loading, setLoading] = useState(false)

  // Lists can come back out of order (a reload for the source just left, an event during the
  // first load): only the answer to the latest request is shown.
  const asked = useRef(0)

  const reloadAnnotations = useCallback(async () => {
    if (!sourceId) return
    const ask = ++asked.current
    try {
      const { annotations } = await client.call('annotations.list', { sourceId })
      // The same list again (most changes are elsewhere) keeps its identity: no new render.
      if (ask === asked.current)
        setAnnotations((now) => (sameList(now, annotations) ? now : annotations))
    } catch (caught) {
      if (ask === asked.current) setError(describeError(caught))
    }
  }, [client, sourceId])

  useEffect(() => {
    let current = true
    const ask = ++asked.current
    setDocument(undefined)
    setAnnotations([])
    setError(undefined)
    if (!sourceId) return
    setLoading(true)
    Promise.all([
      client.call('sources.get', { id: sourceId }),
      client.call('annotations.list', { sourceId }),
    ])
      .then(([loaded, listed]) => {
        if (!current) return
        // A transition: React builds a long text's reader in slices, answering keys in between.
        startTransition(() => {
          setDocument(loaded)
          if (ask === asked.current) setAnnotations(listed.annotations)
        })
      })
      .catch((caught: unknown) => current && setError(describeError(caught)))
      .finally(() => current && setLoading(false))
    // A newer version coming in takes this source's annotations with it, hence 'sources' too;
    // a merge of actors moves passage links, hence 'entities'. Notes and searches change nothing
    // here. A burst of changes (an import) is answered by one reload at a time, at once (the
    // list is small, and an unchanged one renders nothing); one still waiting when another source
    // is opened is dropped.
    const reload = coalesceRuns(async () => {
      if (current) await reloadAnnotations()
    })
    const stop = client.on('library.changed', ({ what }) => {
      if (current && what !== 'notes' && what !== 'searches') void reload()
    })
    return () => {
      current = false
      stop()
    }
  }, [client, sourceId, reloadAnnotations])

  const placed = useMemo(
    () => (document ? placeAnnotations(document.text, annotations) : []),
    [document, annotations],
  )
  return { document, placed, error, loading, reloadAnnotations }
}
