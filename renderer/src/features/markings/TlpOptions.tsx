import { TlpSchema } from '../../../../shared/model'
import { tlpWords } from '../../../../shared/model'

/** The five TLP 2.0 markings as options of a select; with `explained`, what each one allows. */
export function TlpOptions({ explained = false }: { explained?: boolean }) {
  return TlpSchema.options.map((marking) => (
    <option key={marking} value={marking}>
      {explained ? `TLP:${marking} — ${tlpWords[marking]}` : marking}
    </option>
  ))
}
