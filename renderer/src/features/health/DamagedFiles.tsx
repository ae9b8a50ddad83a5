import { useState } from 'react'
import {
  RestorableFileSchema,
  type DamagedPart,
  type RestorableFile,
} from '../../../../shared/api/safetyMethods'
import { describeError } from '../../app/describeError'
import { useLibraryHealth, type Restored } from './useLibraryHealth'
import './damagedFiles.css'

const dateOf = (takenAt: string) =>
  new Date(takenAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/**
 * Shown when the library opened with files it could not read: which file, what is wrong, what
 * cannot be used, that the rest works, and a button that puts the newest good backup back.
 */
export function DamagedFiles() {
  const { health, error, restore } = useLibraryHealth()
  const [hidden, setHidden] = useState(false)
  const [restored, setRestored] = useState<Restored[]>([])
  if (hidden || error !== undefined || !health) return null
  if (health.damaged.length === 0 && restored.length === 0) return null
  return (
    <section
      className="damaged-files"
      role="alertdialog"
      aria-labelledby="damaged-files-title"
      data-testid="damaged-files"
    >
      <h2 id="damaged-files-title" className="damaged-files__title">
        {health.damaged.length === 0
          ? 'The library is whole again'
          : `Casefile cannot read ${health.damaged.length === 1 ? 'a file' : `${health.damaged.length} files`} of this library`}
      </h2>
      {health.damaged.length > 0 ? (
        <p className="damaged-files__intro">
          Each file is left exactly as it is. Everything else keeps working: sources, highlights,
          notes and search.
        </p>
      ) : null}
      <ul className="damaged-files__list">
        {health.damaged.map((part) => (
          <DamagedFile
            key={part.file}
            part={part}
            onRestore={async (file) => setRestored([...restored, await restore(file)])}
          />
        ))}
      </ul>
      {restored.map((done) => (
        <p key={done.file} className="damaged-files__done" role="status">
          {done.file} was put back from the backup of {dateOf(done.restoredFrom.takenAt)}; the
          damaged file is kept beside it as {done.movedAside.join(', ') || 'nothing'}.
        </p>
      ))}
      <button type="button" className="damaged-files__hide" onClick={() => setHidden(true)}>
        Hide
      </button>
    </section>
  )
}

type DamagedFileProps = {
  part: DamagedPart
  onRestore: (file: RestorableFile) => Promise<void>
}

function DamagedFile({ part, onRestore }: DamagedFileProps) {
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string>()
  const file = RestorableFileSchema.safeParse(part.file)
  const backup = part.newestGoodBackup
  const run = async () => {
    if (!file.success) return
    setBusy(true)
    try {
      await onRestore(file.data)
    } catch (caught) {
      setFailure(describeError(caught))
    } finally {
      setBusy(false)
      setConfirming(false)
    }
  }
  return (
    <li className="damaged-file" data-testid="damaged-file" data-file={part.file}>
      <p className="damaged-file__name">
        <code>{part.file}</code>: {part.problem}.
      </p>
      <p className="damaged-file__unavailable">
        Unavailable until it is restored: {part.unavailable}.
      </p>
      {backup && file.success ? (
        confirming ? (
          <div className="damaged-file__confirm" role="group" aria-label="Confirm the restore">
            <p>
              Put back the backup of {dateOf(backup.takenAt)}? Changes made to {part.file} after it
              are not in it. The damaged file is kept beside it, not deleted.
            </p>
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              data-testid="restore-confirm"
              onClick={() => void run()}
            >
              Restore
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => setConfirming(false)}
            >
              Cancel
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="button button--secondary"
            data-testid="restore-backup"
            onClick={() => setConfirming(true)}
          >
            Restore the backup of {dateOf(backup.takenAt)}
          </button>
        )
      ) : (
        <p className="damaged-file__nobackup">
          There is no backup of this file. It has been left as it is.
        </p>
      )}
      {failure ? (
        <p className="damaged-file__failure" role="alert">
          {failure}
        </p>
      ) : null}
    </li>
  )
}
