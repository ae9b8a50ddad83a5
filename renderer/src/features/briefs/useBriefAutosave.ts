import { useCallback, useRef, useState } from 'react'
import type { BriefDraft } from '../../../../shared/model'
import { useClient } from '../../app/clientContext'
import { describeError } from '../../app/describeError'
import { useSaveOnLeaving } from '../../app/useSaveOnLeaving'

export type BriefSaveState =
  | { status: 'saved'; at: string }
  | { status: 'unsaved' }
  | { status: 'saving' }
  | { status: 'failed'; reason: string }

/** How long the analyst may pause before the brief is saved. */
export const briefSaveDelayMs = 600

/** What a blank title is saved as: the core refuses a brief without one. */
export const untitledBrief = 'Untitled brief'

/** The draft as the core takes it: a blank title is saved as “Untitled brief”, not refused. */
export function savableDraft(draft: BriefDraft): BriefDraft {
  return draft.title.trim() === '' ? { ...draft, title: untitledBrief } : draft
}

/**
 * Saves the brief `id` as it is composed: the newest draft is saved after a pause, one save at a
 * time; leaving the composer, reloading or quitting saves what is pending. A failed save keeps
 * the draft pending, to try again.
 */
export function useBriefAutosave(id: string, updatedAt: string) {
  const client = useClient()
  const [state, setState] = useState<BriefSaveState>({ status: 'saved', at: updatedAt })
  const pending = useRef<BriefDraft | undefined>(undefined)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const running = useRef<Promise<void>>(Promise.resolve())

  const save = useCallback(async () => {
    const draft = pending.current
    if (!draft) return
    pending.current = undefined
    setState({ status: 'saving' })
    try {
      const saved = await client.call('briefs.save', { ...savableDraft(draft), id })
      setState(pending.current ? { status: 'unsaved' } : { status: 'saved', at: saved.updatedAt })
    } catch (error) {
      // The draft goes back, unless a newer one came while this save ran.
      pending.current ??= draft
      setState({ status: 'failed', reason: describeError(error) })
    }
  }, [client, id])

  /** Saves what is pending now (after any save in flight). */
  const flush = useCallback(() => {
    clearTimeout(timer.current)
    timer.current = undefined
    running.current = running.current.then(save)
    return running.current
  }, [save])

  const change = useCallback(
    (draft: BriefDraft) => {
      pending.current = draft
      setState({ status: 'unsaved' })
      clearTimeout(timer.current)
      timer.current = setTimeout(() => void flush(), briefSaveDelayMs)
    },
    [flush],
  )

  /** Forgets what is pending (the brief is being deleted). */
  const discard = useCallback(() => {
    clearTimeout(timer.current)
    timer.current = undefined
    pending.current = undefined
  }, [])

  useSaveOnLeaving(pending, flush)

  return { state, change, flush, discard }
}
