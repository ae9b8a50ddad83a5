import { useCallback, useEffect, useMemo, useState } from 'react'
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

  const reloadAnnotations = useCallback(async () => {
    if (!sourceId) return
    try {
      const { annotations } = await client.call('annotations.list', { sourceId })
      setAnnotations(annotations)
    } catch (caught) {
      setError(describeError(caught))
    }
  }, [client, sourceId])

  useEffect(() => {
    let current = true
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
        setAnnotations(listed.annotations)
      })
      .catch((caught: unknown) => current && setError(describeError(caught)))
      .finally(() => current && setLoading(false))
    const stop = client.on('library.changed', ({ what }) => {
      if (what === 'annotations' && current) void reloadAnnotations()
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
