import { formatDate } from '../library/describeSource'
import type { BriefSaveState } from './useBriefAutosave'

/** Whether the brief as composed is saved, and a way to try again when it is not. */
export function BriefSaveStatus({
  state,
  onRetry,
}: {
  state: BriefSaveState
  onRetry: () => void
}) {
  return (
    <div
      className={`brief-save-status brief-save-status--${state.status}`}
      role="status"
      data-testid="brief-save-status"
      data-state={state.status}
    >
      {state.status === 'saved' ? (
        <>Saved {formatDate(state.at, true)}</>
      ) : state.status === 'saving' ? (
        'Saving…'
      ) : state.status === 'unsaved' ? (
        'Unsaved changes'
      ) : (
        <>
          Not saved: {state.reason} Your changes are kept here.{' '}
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={onRetry}
          >
            Try again
          </button>
        </>
      )}
    </div>
  )
}
