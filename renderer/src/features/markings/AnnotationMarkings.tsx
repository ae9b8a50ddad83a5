import type { Tlp } from '../../../../shared/model'
import { credibilityWords } from '../../../../shared/model'
import { TlpOptions } from './TlpOptions'
import './markings.css'

type AnnotationMarkingsProps = {
  idPrefix: string
  credibility: number | undefined
  tlp: Tlp | undefined
  onChange: (markings: { credibility: number | undefined; tlp: Tlp | undefined }) => void
}

/**
 * How credible the passage's information is (Admiralty 1–6) and how it may be shared (TLP 2.0).
 * Once given, a grade can be changed but not taken back to “not graded” (the core keeps it).
 */
export function AnnotationMarkings({
  idPrefix,
  credibility,
  tlp,
  onChange,
}: AnnotationMarkingsProps) {
  return (
    <div className="annotation-markings">
      <label htmlFor={`${idPrefix}-credibility`} className="field-label">
        Credibility
        <select
          id={`${idPrefix}-credibility`}
          className="text-field"
          data-testid="annotation-credibility"
          value={credibility ?? ''}
          onChange={(event) => onChange({ credibility: Number(event.target.value), tlp })}
        >
          {credibility === undefined ? <option value="">not graded</option> : null}
          {[1, 2, 3, 4, 5, 6].map((grade) => (
            <option key={grade} value={grade}>
              {grade} — {credibilityWords[grade]}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={`${idPrefix}-tlp`} className="field-label">
        TLP
        <select
          id={`${idPrefix}-tlp`}
          className="text-field"
          data-testid="annotation-tlp"
          value={tlp ?? ''}
          onChange={(event) => onChange({ credibility, tlp: event.target.value as Tlp })}
        >
          {tlp === undefined ? <option value="">as its source</option> : null}
          <TlpOptions explained />
        </select>
      </label>
    </div>
  )
}
