import { useStatus } from './statusContext'

/** The bottom line of the window: what just happened, progress of long work, and what failed. */
export function StatusBar() {
  const { status, clear } = useStatus()
  return (
    <footer className="status-bar" data-tone={status?.tone ?? 'info'}>
      <div className="status-bar__line" role="status" aria-live="polite" data-testid="status">
        {status?.progress ? (
          <progress
            className="status-bar__progress"
            max={status.progress.total}
            value={status.progress.done}
            aria-label="Progress"
          />
        ) : null}
        <span className="status-bar__message">{status?.message ?? ''}</span>
        {status?.action ? (
          <button
            type="button"
            className="button button--secondary button--small status-bar__action"
            data-testid="status-action"
            onClick={status.action.run}
          >
            {status.action.label}
          </button>
        ) : null}
      </div>
      {status?.details && status.details.length > 0 ? (
        <ul className="status-bar__details" role="alert">
          {status.details.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      ) : null}
      {status?.progress && status.cancel ? (
        <button
          type="button"
          className="button button--quiet status-bar__dismiss"
          data-testid="status-cancel"
          onClick={status.cancel}
        >
          Cancel
        </button>
      ) : null}
      {status && !status.progress ? (
        <button type="button" className="button button--quiet status-bar__dismiss" onClick={clear}>
          Dismiss
        </button>
      ) : null}
    </footer>
  )
}
