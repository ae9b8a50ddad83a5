import { useState } from 'react'

type RepairPanelProps = {
  /** The passage selected in the reader so far. */
  quote: string | undefined
  onCancel: () => void
  onConfirm: () => Promise<void>
}

/** Re-selecting a passage: what to do, what has been selected, and Confirm. */
export function RepairPanel({ quote, onCancel, onConfirm }: RepairPanelProps) {
  const [busy, setBusy] = useState(false)
  const confirm = async () => {
    setBusy(true)
    try {
      await onConfirm()
    } catch {
      // The status line says why; the analyst can select again.
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="repair-panel" role="group" aria-label="Re-select passage">
      {quote ? (
        <p className="repair-panel__text">
          New passage: <q className="repair-panel__quote">{quote}</q>
        </p>
      ) : (
        <p className="repair-panel__text">Select the passage in the text, then confirm it here.</p>
      )}
      <div className="annotation-card__actions">
        <button type="button" className="button button--quiet button--small" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--primary button--small"
          data-testid="repair-confirm"
          disabled={!quote || busy}
          onClick={() => void confirm()}
        >
          Confirm passage
        </button>
      </div>
    </div>
  )
}
