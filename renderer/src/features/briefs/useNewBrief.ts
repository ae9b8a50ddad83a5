import { useCallback } from 'react'
import { BriefDraftSchema, type Brief } from '../../../../shared/model'
import { useClient } from '../../app/clientContext'
import { useAttempt } from '../../app/useAttempt'
import { untitledBrief } from './useBriefAutosave'

/** Saves a new brief (the whole case, TLP:AMBER); answers it, or nothing when that failed. */
export function useNewBrief() {
  const client = useClient()
  const attempt = useAttempt()
  return useCallback(async (): Promise<Brief | undefined> => {
    const draft = BriefDraftSchema.parse({ title: untitledBrief })
    return attempt('The brief was not created', () => client.call('briefs.save', draft)).catch(
      () => undefined, // announced
    )
  }, [client, attempt])
}
