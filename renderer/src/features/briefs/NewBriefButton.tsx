import { useState } from 'react'
import { useNewBrief } from './useNewBrief'

/** “New brief”: saves a brief over the whole case, then opens it in the composer. */
export function NewBriefButton({ onCreated }: { onCreated: (id: string) => void }) {
  const create = useNewBrief()
  const [busy, setBusy] = useState(false)
  return (
    <button
      type="button"
      className="button button--primary"
      data-testid="new-brief"
      disabled={busy}
      onClick={() => {
        setBusy(true)
        void create().then((brief) => {
          setBusy(false)
          if (brief) onCreated(brief.id)
        })
      }}
    >
      New brief
    </button>
  )
}
