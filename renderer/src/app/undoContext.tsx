import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  type ReactNode,
} from 'react'
import { describeError } from './describeError'
import { isEditableTarget } from './isEditableTarget'
import { useAnnounce } from './statusContext'

/** How to take back the last action; answers what was undone, in words for the status line. */
export type UndoEntry = { undo: () => Promise<string> }

type UndoApi = {
  /** Says an action is done; with an entry, offers Undo (a button, and Ctrl/Cmd+Z). */
  done: (message: string, entry?: UndoEntry) => void
  undo: () => Promise<void>
}

const UndoContext = createContext<UndoApi | undefined>(undefined)

/** One level of undo for the whole window. Ctrl/Cmd+Z outside text fields undoes; no redo. */
export function UndoProvider({ children }: { children: ReactNode }) {
  const announce = useAnnounce()
  const last = useRef<UndoEntry>(undefined)

  const undo = useCallback(async () => {
    const entry = last.current
    if (!entry) {
      announce({ message: 'Nothing to undo.', tone: 'info' })
      return
    }
    last.current = undefined
    try {
      announce({ message: `Undone: ${await entry.undo()}`, tone: 'success' })
    } catch (error) {
      announce({ message: `That could not be undone: ${describeError(error)}`, tone: 'error' })
    }
  }, [announce])

  const done = useCallback(
    (message: string, entry?: UndoEntry) => {
      last.current = entry
      announce(
        entry
          ? { message, tone: 'success', action: { label: 'Undo', run: () => void undo() } }
          : { message, tone: 'success' },
      )
    },
    [announce, undo],
  )

  useEffect(() => {
    const keydown = (event: KeyboardEvent) => {
      const chord = event.key.toLowerCase() === 'z' && (event.ctrlKey || event.metaKey)
      if (!chord || event.shiftKey || event.altKey || isEditableTarget(event.target)) return
      event.preventDefault()
      void undo()
    }
    document.addEventListener('keydown', keydown)
    return () => document.removeEventListener('keydown', keydown)
  }, [undo])

  const value = useMemo(() => ({ done, undo }), [done, undo])
  return <UndoContext.Provider value={value}>{children}</UndoContext.Provider>
}

export function useUndo(): UndoApi {
  const api = useContext(UndoContext)
  if (!api) throw new Error('useUndo() needs an <UndoProvider> above it.')
  return api
}
