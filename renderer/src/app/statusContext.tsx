import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'

export type StatusTone = 'info' | 'success' | 'error'

export type Status = {
  message: string
  tone: StatusTone
  /** Work in progress, e.g. the 3rd of 10 files being imported. */
  progress?: { done: number; total: number }
  /** Stops the work in progress; shown as a Cancel button beside the progress bar. */
  cancel?: () => void
  /** Lines worth keeping on screen, such as which files failed and why. */
  details?: string[]
  /** One follow-up the person may want, such as Undo; shown as a button after the message. */
  action?: { label: string; run: () => void }
}

type StatusApi = {
  status: Status | undefined
  announce: (status: Status) => void
  clear: () => void
}

const StatusContext = createContext<StatusApi | undefined>(undefined)
// Apart, so that a component that only reports is not rendered again at each new status (an
// import announces every file).
const AnnounceContext = createContext<((status: Status) => void) | undefined>(undefined)

/** One status line for the whole window, read out by screen readers (see StatusBar). */
export function StatusProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>()
  const announce = useCallback((next: Status) => setStatus(next), [])
  const clear = useCallback(() => setStatus(undefined), [])
  const value = useMemo(() => ({ status, announce, clear }), [status, announce, clear])
  return (
    <AnnounceContext.Provider value={announce}>
      <StatusContext.Provider value={value}>{children}</StatusContext.Provider>
    </AnnounceContext.Provider>
  )
}

export function useStatus(): StatusApi {
  const api = useContext(StatusContext)
  if (!api) throw new Error('useStatus() needs a <StatusProvider> above it.')
  return api
}

/** Just the announcer, for components that report but never read the status. */
export function useAnnounce(): (status: Status) => void {
  const announce = useContext(AnnounceContext)
  if (!announce) throw new Error('useAnnounce() needs a <StatusProvider> above it.')
  return announce
}
