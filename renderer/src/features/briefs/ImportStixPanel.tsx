import { useState } from 'react'
import type { MethodOutput } from '../../../../shared/api'
import { useClient } from '../../app/clientContext'
import { countOf } from '../../app/countOf'
import { describeError } from '../../app/describeError'
import { useAnnounce } from '../../app/statusContext'
import { FilePicker, type PickProps } from './FilePicker'
import { readTextFile } from './readTextFile'

type Imported = MethodOutput<'case.importStix'>

/** “3 actors new, 1 matched (2 aliases added)”: one kind's counts in words. */
function countsWords(noun: string, counts: { created: number; matched: number }): string {
  return `${countOf(counts.created, `new ${noun}`, `new ${noun}s`)}, ${counts.matched} matched`
}

export function importWords(result: Imported): string {
  const aliases =
    result.actors.aliasesAdded > 0
      ? ` (${countOf(result.actors.aliasesAdded, 'alias', 'aliases')} added)`
      : ''
  return (
    `${countsWords('actor', result.actors)}${aliases}; ${countsWords('event', result.events)}; ` +
    `${countsWords('relation', result.relations)}; ${result.skipped.length} skipped`
  )
}

/** “Import STIX bundle…”: brings a bundle's actors, events and relations into the case. */
export function ImportStixPanel({ pickNonce, onPicked }: PickProps) {
  const client = useClient()
  const announce = useAnnounce()
  const [result, setResult] = useState<{ fileName: string; imported: Imported }>()
  const [busy, setBusy] = useState(false)

  const importBundle = async (file: File) => {
    setBusy(true)
    announce({ message: `Importing ${file.name}…`, tone: 'info' })
    try {
      const json = await readTextFile(file)
      const imported = await client.call('case.importStix', { json })
      setResult({ fileName: file.name, imported })
      announce({ message: `Imported ${file.name}: ${importWords(imported)}.`, tone: 'success' })
    } catch (error) {
      announce({
        message: `${file.name} was not imported: ${describeError(error)}`,
        tone: 'error',
      })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="brief-tool" aria-labelledby="import-stix-title">
      <h2 id="import-stix-title" className="brief-tool__title">
        Import a STIX 2.1 bundle
      </h2>
      <p className="hint">
        Actors, events and relations come into the case; those already known by name, alias or title
        are matched, not duplicated.
      </p>
      <FilePicker
        label={busy ? 'Importing…' : 'Import STIX bundle…'}
        accept=".json,application/json,application/stix+json"
        testId="import-stix-input"
        disabled={busy}
        pickNonce={pickNonce}
        onPicked={onPicked}
        onFile={(file) => void importBundle(file)}
      />
      {result ? (
        <div className="brief-report" data-testid="stix-report">
          <p className="brief-report__totals">
            <strong>{result.fileName}</strong>: {importWords(result.imported)}.
          </p>
          {result.imported.undated.length > 0 ? (
            <p className="hint">
              No date in the bundle, dated by when they were recorded:{' '}
              {result.imported.undated.join(', ')}.
            </p>
          ) : null}
          {result.imported.skipped.length > 0 ? (
            <>
              <h3 className="brief-report__subtitle">Not brought in</h3>
              <ul className="brief-report__list" data-testid="stix-skipped">
                {result.imported.skipped.map((object) => (
                  <li key={object.id}>
                    <code>{object.type}</code> {object.id}: {object.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}
