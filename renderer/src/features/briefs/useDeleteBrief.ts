import { useCallback } from 'react'
import { useClient } from '../../app/clientContext'
import { useAttempt } from '../../app/useAttempt'
import { useUndo } from '../../app/undoContext'
import { draftOf } from './useBriefs'

/** Deletes a saved brief and offers Undo (which saves it again under its id). */
export function useDeleteBrief() {
  const client = useClient()
  const attempt = useAttempt()
  const { done } = useUndo()
  return useCallback(
    async (id: string): Promise<boolean> => {
      try {
        const brief = await attempt('The brief was not deleted', () =>
          client.call('briefs.delete', { id }),
        )
        done(`Deleted the brief “${brief.title}”.`, {
          undo: async () => {
            await client.call('briefs.save', { ...draftOf(brief), id: brief.id })
            return `the brief “${brief.title}” is back.`
          },
        })
        return true
      } catch {
        return false // announced
      }
    },
    [client, attempt, done],
  )
}
