import { useState } from 'react'
import {
  ReliabilitySchema,
  type Reliability,
  type Source,
  type Tlp,
} from '../../../../shared/model'
import { useClient } from '../../app/clientContext'
import { describeError } from '../../app/describeError'
import { useAnnounce } from '../../app/statusContext'
import { useUndo } from '../../app/undoContext'
import { reliabilityWords, tlpWords } from '../../../../shared/model'
import { TlpOptions } from './TlpOptions'
import './markings.css'

type Change = { reliability?: Reliability | null; tlp?: Tlp }

/** How far the open source can be trusted (Admiralty A–F) and how it may be shared (TLP 2.0). */
export function SourceMarkings({ source }: { source: Source }) {
  const client = useClient()
  const announce = useAnnounce()
  const { done } = useUndo()
  const [busy, setBusy] = useState(false)

  const change = async (next: Change, said: string) => {
    const before = { reliability: source.reliability, tlp: source.tlp }
    setBusy(true)
    try {
      await client.call('sources.update', { id: source.id, ...next })
      done(said, {
        undo: async () => {
          await client.call('sources.update', { id: source.id, ...before })
          return 'the source’s marking is as it was.'
        },
      })
    } catch (error) {
      announce({ message: `The marking was not saved: ${describeError(error)}`, tone: 'error' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="source-markings">
      <label>
        <span className="source-markings__term">Reliability</span>
        <select
          className="text-field source-markings__select"
          data-testid="source-reliability"
          disabled={busy}
          value={source.reliability ?? ''}
          onChange={(event) => {
            const grade = event.target.value === '' ? null : (event.target.value as Reliability)
            void change(
              { reliability: grade },
              grade ? `Source graded ${grade}: ${reliabilityWords[grade]}.` : 'Grade removed.',
            )
          }}
        >
          <option value="">not graded</option>
          {ReliabilitySchema.options.map((grade) => (
            <option key={grade} value={grade}>
              {grade} — {reliabilityWords[grade]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="source-markings__term">TLP</span>
        <select
          className="text-field source-markings__select"
          data-testid="source-tlp"
          disabled={busy}
          value={source.tlp}
          onChange={(event) => {
            const tlp = event.target.value as Tlp
            void change({ tlp }, `Source marked TLP:${tlp} (${tlpWords[tlp]}).`)
          }}
        >
          <TlpOptions explained />
        </select>
      </label>
    </div>
  )
}
