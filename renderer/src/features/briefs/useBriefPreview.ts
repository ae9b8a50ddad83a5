import { useCallback, useEffect, useRef, useState } from 'react'
import type { MethodOutput } from '../../../../shared/api'
import type { BriefDraft, Tlp } from '../../../../shared/model'
import { useClient } from '../../app/clientContext'
import { coalesceRuns } from '../../app/coalesceRuns'
import { describeError } from '../../app/describeError'
import { savableDraft } from './useBriefAutosave'

export type BriefPreview = MethodOutput<'briefs.preview'>

export type BriefPreviewState = {
  preview: BriefPreview | undefined
  /** The marking the preview was made for. */
  tlp: Tlp
  /** A newer draft is being rendered: what is shown is about to change. */
  stale: boolean
  error: string | undefined
}

/** How long the composer waits after a change before asking for the preview again. */
export const previewDelayMs = 250

/** The least time between two previews while the library keeps changing (an import). */
const libraryGapMs = 500

/**
 * The brief as `briefs.export` would write it now, asked again after each change to the draft
 * (debounced) and whenever the library changes. Answers can arrive out of order: only the answer
 * to the newest question is shown.
 */
export function useBriefPreview(draft: BriefDraft) {
  const client = useClient()
  const [state, setState] = useState<BriefPreviewState>({
    preview: undefined,
    tlp: draft.tlp,
    stale: true,
    error: undefined,
  })
  const latest = useRef(draft)
  latest.current = draft
  const asked = useRef(0)

  const ask = useCallback(async () => {
    const question = ++asked.current
    setState((now) => ({ ...now, stale: true }))
    const draft = savableDraft(latest.current)
    try {
      const preview = await client.call('briefs.preview', { draft })
      if (question === asked.current)
        setState({ preview, tlp: draft.tlp, stale: false, error: undefined })
    } catch (error) {
      if (question === asked.current)
        setState((now) => ({ ...now, stale: false, error: describeError(error) }))
    }
  }, [client])

  const draftKey = JSON.stringify(draft)
  useEffect(() => {
    setState((now) => ({ ...now, stale: true }))
    const timer = setTimeout(() => void ask(), previewDelayMs)
    return () => clearTimeout(timer)
  }, [draftKey, ask])

  useEffect(() => {
    const again = coalesceRuns(ask, libraryGapMs)
    return client.on('library.changed', ({ what }) => {
      // Saving this brief changes nothing it shows.
      if (what !== 'briefs') void again()
    })
  }, [client, ask])

  /** Shows the Markdown just exported (its date is the export's) while nothing newer is asked. */
  const showExported = useCallback((markdown: string, question: number) => {
    if (question !== asked.current) return
    setState((now) => (now.preview ? { ...now, preview: { ...now.preview, markdown } } : now))
  }, [])
  const question = useCallback(() => asked.current, [])

  return { ...state, showExported, question }
}
