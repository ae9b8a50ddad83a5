import type { JSONContent } from '@tiptap/core'
import { useCallback, useRef, useState } from 'react'
import type { MethodOutput } from '../../../../shared/api'
import { useClient } from '../../app/clientContext'
import { describeError } from '../../app/describeError'
import { useSaveOnLeaving } from '../../app/useSaveOnLeaving'

export type Note = MethodOutput<'notes.get'>
export type NoteChange = { title?: string; doc?: JSONContent }

export type SaveState =
  | { status: 'saved'; at: string }
  | { status: 'unsaved' }
  | { status: 'saving' }
  /** Another window saved this note since it was loaded: nothing is written until resolved. */
  | { status: 'conflict' }
  | { status: 'failed'; reason: string }

/** How long typing may pause before the note is saved. */
export const saveDelayMs = 700

/**
 * Saves a note as it is edited, without losing a keystroke: changes gather while typing and are
 * saved after a pause, one save at a time, each based on the revision the last one returned. A
 * note closed, a window reloaded or the app quitting flushes what is pending. If another window
 * saved the note meanwhile, the core refuses (`conflict`) and the unsaved change is kept here for
 * the analyst to resolve.
 */
export function useNoteAutosave(note: Note) {
  const client = useClient()
  const [state, setState] = useState<SaveState>({ status: 'saved', at: note.updatedAt })
  const revision = useRef(note.revision)
  const pending = useRef<NoteChange | undefined>(undefined)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const running = useRef<Promise<void>>(Promise.resolve())
  const blocked = useRef(false)

  const save = useCallback(async () => {
    const change = pending.current
    if (!change || blocked.current) return
    pending.current = undefined
    setState({ status: 'saving' })
    try {
      const saved = await client.call('notes.update', {
        id: note.id,
        baseRevision: revision.current,
        ...change,
      })
      revision.current = saved.revision
      const later = pending.current as NoteChange | undefined
      setState(later ? { status: 'unsaved' } : { status: 'saved', at: saved.updatedAt })
    } catch (error) {
      // Nothing typed is dropped: the change goes back in front of whatever came after it.
      const later = pending.current as NoteChange | undefined // typed while this save ran
      pending.current = { ...change, ...later }
      if ((error as { code?: string }).code === 'conflict') {
        blocked.current = true
        setState({ status: 'conflict' })
      } else setState({ status: 'failed', reason: describeError(error) })
    }
  }, [client, note.id])

  /** Saves what is pending now (after any save in flight). */
  const flush = useCallback(() => {
    clearTimeout(timer.current)
    timer.current = undefined
    running.current = running.current.then(save)
    return running.current
  }, [save])

  const change = useCallback(
    (next: NoteChange) => {
      pending.current = { ...pending.current, ...next }
      if (!blocked.current) setState({ status: 'unsaved' })
      clearTimeout(timer.current)
      timer.current = setTimeout(() => void flush(), saveDelayMs)
    },
    [flush],
  )

  /** After a conflict: the unsaved change, and a fresh start from the note as it is now. */
  const resolve = useCallback((latest: Note) => {
    const mine = pending.current
    pending.current = undefined
    blocked.current = false
    revision.current = latest.revision
    setState({ status: 'saved', at: latest.updatedAt })
    return mine
  }, [])

  /** The note was saved elsewhere while nothing was pending here: follow it. */
  const adopt = useCallback((latest: Note) => {
    if (pending.current || latest.revision <= revision.current) return false
    revision.current = latest.revision
    setState({ status: 'saved', at: latest.updatedAt })
    return true
  }, [])

  useSaveOnLeaving(pending, flush)

  const hasPending = useCallback(() => pending.current !== undefined, [])
  return { state, change, flush, resolve, adopt, hasPending }
}
