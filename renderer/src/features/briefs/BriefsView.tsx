import { tlpWords } from '../../../../shared/model'
import { arrowFocus } from '../../app/arrowFocus'
import { formatDate } from '../library/describeSource'
import { CaseArchivePanel } from './CaseArchivePanel'
import { ImportStixPanel } from './ImportStixPanel'
import { NewBriefButton } from './NewBriefButton'
import { useBriefs } from './useBriefs'
import { useDeleteBrief } from './useDeleteBrief'
import { VerifyBriefPanel } from './VerifyBriefPanel'
import './briefs.css'

/** A tool the palette asked for: a file picker or the archive's path (`nonce` is new each time). */
export type BriefPick = { what: 'verify' | 'stix' | 'archive'; nonce: number }

type BriefsViewProps = {
  onOpen: (id: string) => void
  pick?: BriefPick | undefined
  /** The palette's pick was carried out. */
  onPicked?: () => void
}

/** The saved briefs, a button for a new one, and the tools: verify, import STIX, archive. */
export function BriefsView({ onOpen, pick, onPicked }: BriefsViewProps) {
  const { data: briefs, loaded, error } = useBriefs()
  const deleteBrief = useDeleteBrief()
  return (
    <section className="review case-view" aria-labelledby="briefs-title" data-testid="briefs-view">
      <h1 id="briefs-title" className="review__title">
        Briefs
      </h1>
      <p className="review__intro">
        A brief gathers the passages, judgements, timeline and actors of a scope, marked and cited,
        as Markdown or STIX 2.1. Saved briefs can be exported again as the case grows.
      </p>
      <div className="briefs-view__actions">
        <NewBriefButton onCreated={onOpen} />
      </div>
      {error ? (
        <p className="review__empty" role="alert">
          The briefs could not be read: {error}
        </p>
      ) : loaded && briefs.length === 0 ? (
        <p className="review__empty">No briefs yet.</p>
      ) : (
        <ul
          className="review-list"
          aria-label="Briefs"
          onKeyDown={(event) => arrowFocus(event, '.case-item')}
        >
          {briefs.map((brief) => (
            <li key={brief.id} className="brief-row">
              <button
                type="button"
                className="review-item case-item"
                data-testid="brief-item"
                onClick={() => onOpen(brief.id)}
              >
                <span className="case-item__name">{brief.title}</span>
                <span className="case-item__meta">
                  <span
                    className={`brief-tlp brief-tlp--${brief.tlp.replace('+', '-').toLowerCase()}`}
                    title={tlpWords[brief.tlp]}
                  >
                    TLP:{brief.tlp}
                  </span>{' '}
                  · changed {formatDate(brief.updatedAt, true)}
                </span>
              </button>
              <button
                type="button"
                className="button button--quiet button--small button--danger"
                aria-label={`Delete the brief ${brief.title}`}
                data-testid="brief-item-delete"
                onClick={() => void deleteBrief(brief.id)}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <VerifyBriefPanel
        pickNonce={pick?.what === 'verify' ? pick.nonce : undefined}
        onPicked={onPicked}
      />
      <ImportStixPanel
        pickNonce={pick?.what === 'stix' ? pick.nonce : undefined}
        onPicked={onPicked}
      />
      <CaseArchivePanel
        pickNonce={pick?.what === 'archive' ? pick.nonce : undefined}
        onPicked={onPicked}
      />
    </section>
  )
}
