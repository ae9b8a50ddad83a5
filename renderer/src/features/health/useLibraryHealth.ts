import { useCallback, useEffect, useState } from 'react'
import type { MethodOutput } from '../../../../shared/api'
import type { RestorableFile } from '../../../../shared/api/safetyMethods'
import { useClient } from '../../app/clientContext'
import { describeError } from '../../app/describeError'

export type LibraryHealth = MethodOutput<'library.health'>
export type Restored = MethodOutput<'library.restoreBackup'>

/** The damaged files of the library, read once it opens, and a way to put a backup back. */
export function useLibraryHealth() {
  const client = useClient()
  const [health, setHealth] = useState<LibraryHealth>()
  const [error, setError] = useState<string>()

  const refresh = useCallback(async () => {
    try {
      setHealth(await client.call('library.health', {}))
      setError(undefined)
    } catch (caught) {
      setError(describeError(caught))
    }
  }, [client])

  useEffect(() => {
    void refresh()
  }, [refresh])

  const restore = useCallback(
    async (file: RestorableFile): Promise<Restored> => {
      const restored = await client.call('library.restoreBackup', { file })
      await refresh()
      return restored
    },
    [client, refresh],
  )

  return { health, error, restore }
}
