import { useEffect, useState } from 'react'
import { useClient } from '../../app/clientContext'

/** The quote of each annotation of `ids` (and its source), asked once per id. */
export function usePassageLabels(ids: readonly string[]): Map<string, string> {
  const client = useClient()
  const [labels, setLabels] = useState(new Map<string, string>())
  const missing = ids.filter((id) => !labels.has(id)).join(' ')
  useEffect(() => {
    if (missing === '') return
    let live = true
    void (async () => {
      const found = new Map<string, string>()
      for (const id of missing.split(' ')) {
        const linked = await client.call('annotations.get', { id }).catch(() => undefined)
        found.set(
          id,
          linked
            ? `“${linked.annotation.target.quote.exact}” — ${linked.sourceTitle}`
            : 'A passage no longer in the library',
        )
      }
      if (live) setLabels((now) => new Map([...now, ...found]))
    })()
    return () => {
      live = false
    }
  }, [client, missing])
  return labels
}
