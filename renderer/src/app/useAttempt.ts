import { useCallback } from 'react'
import { describeError } from './describeError'
import { useAnnounce } from './statusContext'

/**
 * Runs a change; if it fails, says so in the status line (“<failure>: <why>”) and throws again,
 * so that the form that asked can keep what was typed.
 */
export function useAttempt() {
  const announce = useAnnounce()
  return useCallback(
    async <T>(failure: string, work: () => Promise<T>): Promise<T> => {
      try {
        return await work()
      } catch (error) {
        announce({ message: `${failure}: ${describeError(error)}`, tone: 'error' })
        throw error
      }
    },
    [announce],
  )
}
