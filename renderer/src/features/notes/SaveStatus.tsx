import { formatDate } from '../library/describeSource'
import type { SaveState } from './useNoteAutosave'

type SaveStatusProps = {
  state: SaveState
  onRetry: () => void
  onKeepBoth: () => void
}

/** Whether every keystroke is on disk, and what to do when it is not. */
export function SaveStatus({ state, onRetry, onKeepBoth }: SaveStatusProps) {
  return (
    <div
      className={`save-status save-status--${state.status}`}
      role="status"
      data-testid="save-status"
      data-state={state.status}
    >
      {state.status === 'saved' ? (
        <>Saved {formatDate(state.at, true)}</>
      ) : state.status === 'saving' ? (
        'Saving…'
      ) : state.status === 'unsaved' ? (
        'Unsaved changes'
      ) : state.status === 'failed' ? (
        <>
          Not saved: {state.reason}{' '}
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={onRetry}
          >
            Try again
          </button>
        </>
      ) : (
        <>
          This note was changed in another window since it opened here. Your changes are kept, not
          saved.{' '}
          <button
            type="button"
            className="button button--primary button--small"
            data-testid="keep-both"
            onClick={onKeepBoth}
          >
            Keep both
          </button>
        </>
      )}
    </div>
  )
}
