import type { Tlp } from '../../../../shared/model'
import { countOf } from '../../app/countOf'
import type { BriefPreviewState } from './useBriefPreview'

/** What the brief leaves out, in words: “1 item marked above TLP:AMBER is left out.” */
export function leftOutWords(leftOut: { byTlp: number; orphans: number }, tlp: Tlp): string[] {
  const words: string[] = []
  if (leftOut.byTlp > 0)
    words.push(
      `${countOf(leftOut.byTlp, 'item')} marked above TLP:${tlp} ${leftOut.byTlp === 1 ? 'is' : 'are'} left out.`,
    )
  if (leftOut.orphans > 0)
    words.push(
      `${countOf(leftOut.orphans, 'orphaned passage')} (no longer found in ${leftOut.orphans === 1 ? 'its source' : 'their sources'}) ${leftOut.orphans === 1 ? 'is' : 'are'} left out.`,
    )
  return words
}

/**
 * The Markdown exactly as it will be exported, shown as text: it quotes sources, which are
 * untrusted, so it is never turned into HTML here.
 */
export function BriefPreviewPane({ state }: { state: BriefPreviewState }) {
  const { preview, stale, error, tlp } = state
  return (
    <section className="brief-preview" aria-labelledby="brief-preview-title">
      <div className="brief-preview__head">
        <h3 id="brief-preview-title" className="brief-composer__heading">
          Preview
        </h3>
        {preview ? (
          <span className="brief-preview__file" data-testid="brief-file-name">
            {preview.fileName}
          </span>
        ) : null}
        <span className="brief-preview__state" data-testid="brief-preview-state">
          {stale ? 'Updating…' : error ? 'Not up to date' : 'Up to date'}
        </span>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          The preview could not be made: {error}
        </p>
      ) : null}
      {preview ? (
        <>
          <ul className="brief-preview__counts" data-testid="brief-counts">
            <li>{countOf(preview.citations, 'citation')}</li>
            <li>{countOf(preview.outline.sources, 'source')}</li>
            <li>{countOf(preview.outline.passages.length, 'passage')}</li>
            {leftOutWords(preview.leftOut, tlp).map((words) => (
              <li key={words} className="brief-preview__left-out" data-testid="brief-left-out">
                {words}
              </li>
            ))}
          </ul>
          <pre
            className="brief-preview__text"
            data-testid="brief-preview"
            data-stale={stale}
            tabIndex={0}
            aria-label="Markdown of the brief"
          >
            {preview.markdown}
          </pre>
          {preview.fullLength > preview.markdown.length ? (
            <p className="hint" data-testid="brief-preview-cut">
              The preview shows the first {megabytes(preview.markdown.length)} of{' '}
              {megabytes(preview.fullLength)}; the export writes all of it.
            </p>
          ) : null}
        </>
      ) : !error ? (
        <p className="hint">Rendering the brief…</p>
      ) : null}
    </section>
  )
}

function megabytes(characters: number): string {
  return `${(characters / 1_000_000).toFixed(1)} million characters`
}
