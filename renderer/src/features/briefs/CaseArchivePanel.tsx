import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { Client } from '../../../../shared/rpc'
import { countOf } from '../../app/countOf'
import { useLibraryQuery } from '../../app/useLibraryQuery'
import type { PickProps } from './FilePicker'
import { archiveCountsWords, sizeWords, useCaseArchive } from './useCaseArchive'

const libraryPath = async (client: Client) => (await client.call('library.info', {})).path

/**
 * “Export case archive”: the whole library as one zip (records, texts, originals, W3C
 * annotations, a manifest of hashes), beside the library or where the analyst says.
 */
export function CaseArchivePanel({ pickNonce, onPicked }: PickProps) {
  const archive = useCaseArchive()
  const [path, setPath] = useState('')
  const field = useRef<HTMLInputElement>(null)
  // Asked once: where the library lives does not change while the window is open.
  const library = useLibraryQuery<string | undefined>(libraryPath, undefined, [])

  // The palette's “Export case archive…” lands here, on the path, to confirm with Enter.
  useEffect(() => {
    if (pickNonce === undefined) return
    field.current?.focus()
    onPicked?.()
  }, [pickNonce, onPicked])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void archive.write(path)
  }
  const { progress, written } = archive
  return (
    <section className="brief-tool" aria-labelledby="case-archive-title" data-testid="case-archive">
      <h2 id="case-archive-title" className="brief-tool__title">
        Case archive
      </h2>
      <p className="hint">
        The whole library as one .casefile.zip — sources, originals, highlights, notes, actors,
        events, briefs, and a manifest of hashes — to keep elsewhere as a backup or to open in an
        empty library (<code>casefile archive import FILE</code>).
      </p>
      <form className="case-archive__form" onSubmit={submit}>
        <label className="field-label" htmlFor="case-archive-path">
          Save to (optional)
        </label>
        <div className="case-archive__row">
          <input
            ref={field}
            id="case-archive-path"
            className="text-field"
            data-testid="case-archive-path"
            aria-describedby="case-archive-path-hint"
            value={path}
            maxLength={4096}
            spellCheck={false}
            autoComplete="off"
            placeholder="Beside the library"
            onChange={(event) => setPath(event.target.value)}
          />
          <button
            type="submit"
            className="button button--secondary"
            data-testid="case-archive-export"
            disabled={archive.busy}
          >
            {archive.busy ? 'Exporting…' : 'Export case archive'}
          </button>
        </div>
        <p className="hint" id="case-archive-path-hint">
          Empty: written next to the library folder
          {library.data ? (
            <>
              {' '}
              <code>{library.data}</code>
            </>
          ) : null}
          , as <code>&lt;folder&gt;-&lt;date&gt;.casefile.zip</code>. Else the full path of a new
          file: an existing file is never replaced.
        </p>
      </form>
      {progress ? (
        <p className="case-archive__progress" data-testid="case-archive-progress">
          <progress max={progress.total} value={progress.done} aria-hidden="true" />
          <span>
            {progress.done} of {countOf(progress.total, 'file')}, {sizeWords(progress.bytes)}
          </span>
        </p>
      ) : null}
      {written && !archive.busy ? (
        <div className="brief-report" data-testid="case-archive-report">
          <p className="brief-report__totals">
            Wrote <code data-testid="case-archive-file">{written.file}</code>
          </p>
          <p className="hint">
            {sizeWords(written.bytes)}, {countOf(written.files, 'file')}:{' '}
            {archiveCountsWords(written.counts)}.
          </p>
        </div>
      ) : null}
    </section>
  )
}
