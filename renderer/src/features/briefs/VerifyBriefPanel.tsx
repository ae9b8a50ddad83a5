import { useState } from 'react'
import type { MethodOutput } from '../../../../shared/api'
import { useClient } from '../../app/clientContext'
import { countOf } from '../../app/countOf'
import { describeError } from '../../app/describeError'
import { useAnnounce } from '../../app/statusContext'
import { FilePicker, type PickProps } from './FilePicker'
import { readTextFile } from './readTextFile'

type BriefVerification = MethodOutput<'briefs.verify'>
type CitationCheck = BriefVerification['citations'][number]
type Report = { fileName: string; verification: BriefVerification }

/** How a check reads in the report: “Exact”, “Fuzzy, 87 %”, “Orphaned: why”. */
export function statusWords(check: CitationCheck): string {
  if (check.status === 'exact') return 'Exact'
  if (check.status === 'fuzzy') return `Fuzzy, ${Math.round(check.score * 100)} %`
  return 'Orphaned'
}

export function totalsWords(counts: BriefVerification['counts']): string {
  const { exact, fuzzy, orphaned, unreadable } = counts
  const notRead = unreadable > 0 ? `, ${unreadable} unreadable` : ''
  return `${exact} exact, ${fuzzy} fuzzy, ${orphaned} orphaned${notRead}`
}

/** Where a citation says its quote lies: “paragraph 3”, “page 2, paragraph 1”. */
function placeWords(place: CitationCheck['place']): string {
  return place.page === undefined
    ? `paragraph ${place.paragraph}`
    : `page ${place.page}, paragraph ${place.paragraph}`
}

/** `[^1]` as the brief writes it; an inline footnote has no label, only its position. */
function footnoteName(label: string, n: number): string {
  return label === '' ? `inline note ${n}` : `[^${label}]`
}

/**
 * “Verify a brief…”: reads an exported brief file and checks each of its citations against the
 * library, then lists them with how each was found, and what could not be read.
 */
export function VerifyBriefPanel({ pickNonce, onPicked }: PickProps) {
  const client = useClient()
  const announce = useAnnounce()
  const [report, setReport] = useState<Report>()
  const [busy, setBusy] = useState(false)

  const verify = async (file: File) => {
    setBusy(true)
    announce({ message: `Verifying ${file.name}…`, tone: 'info' })
    try {
      const markdown = await readTextFile(file)
      const verification = await client.call('briefs.verify', { markdown })
      setReport({ fileName: file.name, verification })
      const checked = countOf(verification.citations.length, 'citation')
      announce({
        message: `Verified ${file.name}: ${checked}, ${totalsWords(verification.counts)}.`,
        tone: verification.counts.orphaned > 0 ? 'error' : 'success',
      })
    } catch (error) {
      announce({ message: `${file.name} was not verified: ${describeError(error)}`, tone: 'error' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="brief-tool" aria-labelledby="verify-brief-title">
      <h2 id="verify-brief-title" className="brief-tool__title">
        Verify a brief
      </h2>
      <p className="hint">
        Choose an exported brief (.md): each citation is found again in its source and reported
        exact, fuzzy (with how close) or orphaned.
      </p>
      <FilePicker
        label={busy ? 'Verifying…' : 'Verify a brief…'}
        accept=".md,.markdown,text/markdown"
        testId="verify-brief-input"
        disabled={busy}
        pickNonce={pickNonce}
        onPicked={onPicked}
        onFile={(file) => void verify(file)}
      />
      {report ? <VerificationReport report={report} /> : null}
    </section>
  )
}

function VerificationReport({ report }: { report: Report }) {
  const { fileName, verification } = report
  const { citations, unreadable, undefinedRefs, unreferenced, counts } = verification
  return (
    <div className="brief-report" data-testid="verify-report">
      <p className="brief-report__totals" data-testid="verify-totals">
        <strong>{fileName}</strong>: {countOf(citations.length, 'citation')} — {totalsWords(counts)}
        .
      </p>
      {citations.length > 0 ? (
        <table className="brief-report__table">
          <caption className="visually-hidden">Citations of {fileName}</caption>
          <thead>
            <tr>
              <th scope="col">Note</th>
              <th scope="col">Quote</th>
              <th scope="col">Source</th>
              <th scope="col">Found</th>
            </tr>
          </thead>
          <tbody>
            {citations.map((check) => (
              <tr key={check.n} data-testid="verify-row" data-status={check.status}>
                <td className="brief-report__label">
                  {footnoteName(check.label, check.n)}
                  {check.referenced ? null : (
                    <span className="brief-report__reason">never referred to</span>
                  )}
                </td>
                <td className="brief-report__quote">{check.quote}</td>
                <td>
                  {check.sourceTitle}
                  <span className="brief-report__reason">{placeWords(check.place)}</span>
                </td>
                <td>
                  <span className={`brief-status brief-status--${check.status}`}>
                    {statusWords(check)}
                  </span>
                  {check.reason ? (
                    <span className="brief-report__reason">{check.reason}</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">No Casefile citation was found in this file.</p>
      )}
      {unreadable.length > 0 ? (
        <>
          <h3 className="brief-report__subtitle">Footnotes not read as citations</h3>
          <ul className="brief-report__list" data-testid="verify-unreadable">
            {unreadable.map((note) => (
              <li key={note.n}>
                {footnoteName(note.label, note.n)}: {note.text}{' '}
                <span className="brief-report__reason">{note.problem}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {unreferenced.length > 0 ? (
        <>
          <h3 className="brief-report__subtitle">Footnotes the brief never refers to</h3>
          <p data-testid="verify-unreferenced">
            {unreferenced.map((label) => `[^${label}]`).join(', ')}
          </p>
        </>
      ) : null}
      {undefinedRefs.length > 0 ? (
        <>
          <h3 className="brief-report__subtitle">References with no footnote</h3>
          <p data-testid="verify-undefined">
            {undefinedRefs.map((label) => `[^${label}]`).join(', ')}
          </p>
        </>
      ) : null}
    </div>
  )
}
