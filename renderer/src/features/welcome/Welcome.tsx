import { useState } from 'react'
import { countOf } from '../../app/countOf'
import { useClient } from '../../app/clientContext'
import { describeError } from '../../app/describeError'
import { modifierKeyLabel } from '../../app/modifierKey'
import { useAnnounce } from '../../app/statusContext'
import { ImportButton } from '../library/ImportButton'
import './welcome.css'

type WelcomeProps = {
  onFiles: (files: File[]) => void
  /** Called once the sample case is in the library. */
  onSampleLoaded: () => void
}

/** First run: an empty library invites an import, or a look at the sample case. */
export function Welcome({ onFiles, onSampleLoaded }: WelcomeProps) {
  const client = useClient()
  const announce = useAnnounce()
  const [loading, setLoading] = useState(false)

  const loadSample = async () => {
    setLoading(true)
    try {
      const { imported } = await client.call('library.loadSample', {})
      announce({
        message: `Opened the sample case (${countOf(imported, 'source')}).`,
        tone: 'success',
      })
      onSampleLoaded()
    } catch (error) {
      announce({
        message: `The sample case could not be opened: ${describeError(error)}`,
        tone: 'error',
      })
      setLoading(false)
    }
  }

  return (
    <section className="welcome" data-testid="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title" className="welcome__title">
        Start a case
      </h1>
      <p className="welcome__lead">
        Casefile keeps your sources, highlights and comments on this computer. Bring in the
        articles, reports and statements you are working from; nothing leaves your disk.
      </p>
      <ol className="welcome__ways">
        <li>
          <span className="welcome__way-title">Import files</span>
          <span className="welcome__way-text">
            Text, Markdown, saved web pages, e-mails and PDFs (.txt, .md, .html, .eml, .pdf),
            several at once.
          </span>
          <ImportButton onFiles={onFiles} label="Choose files…" testId="welcome-import-input" />
        </li>
        <li>
          <span className="welcome__way-title">Drop them here</span>
          <span className="welcome__way-text">
            Drag files from your file manager onto this window.
          </span>
        </li>
        <li>
          <span className="welcome__way-title">Paste text</span>
          <span className="welcome__way-text">
            Copy an article and press <kbd>{modifierKeyLabel()}</kbd>+<kbd>V</kbd> anywhere outside
            a text box.
          </span>
        </li>
      </ol>
      <div className="welcome__sample">
        <p>New to Casefile? The sample case holds three short sources about a port outage.</p>
        <button
          type="button"
          className="button button--primary"
          data-testid="load-sample"
          disabled={loading}
          onClick={() => void loadSample()}
        >
          {loading ? 'Opening…' : 'Open the sample case'}
        </button>
      </div>
    </section>
  )
}
