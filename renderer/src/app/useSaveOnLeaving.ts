import { useEffect, type RefObject } from 'react'

/**
 * Closing what is being edited, reloading or quitting: `flush` saves what is pending (the web
 * transport keeps such a save alive as the page goes).
 */
export function useSaveOnLeaving(pending: RefObject<unknown>, flush: () => Promise<unknown>) {
  useEffect(() => {
    const leave = () => {
      if (pending.current !== undefined) void flush()
    }
    window.addEventListener('pagehide', leave)
    window.addEventListener('beforeunload', leave)
    return () => {
      window.removeEventListener('pagehide', leave)
      window.removeEventListener('beforeunload', leave)
      leave()
    }
  }, [pending, flush])
}
