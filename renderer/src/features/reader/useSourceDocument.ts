import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { MethodOutput } from '../../../../shared/api'
import type { Annotation } from '../../../../shared/model'
import { useClient } from '../../app/clientContext'
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
      if (ask === asked.current) setAnnotations(annotations)
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
        setDocument(loaded)
        if (ask === asked.current) setAnnotations(listed.annotations)
      })
      .catch((caught: unknown) => current && setError(describeError(caught)))
      .finally(() => current && setLoading(false))
    // A newer version coming in takes this source's annotations with it, hence 'sources' too;
    // a merge of actors moves passage links, hence 'entities'. Notes and searches change nothing here.
    const stop = client.on('library.changed', ({ what }) => {
      if (current && what !== 'notes' && what !== 'searches') void reloadAnnotations()
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
