import { CasefileError } from '../../shared/api'

/** The refusal of an id the library does not hold, naming what was looked for. */
export function notFound(kind: string, id: string): CasefileError {
  return new CasefileError('not_found', `There is no ${kind} with id ${id} in this library.`)
}
