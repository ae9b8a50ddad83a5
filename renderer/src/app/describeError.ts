import { CasefileError } from '../../../shared/api'

/** A sentence a person can read for anything a call threw. */
export function describeError(error: unknown): string {
  if (error instanceof CasefileError) {
    if (error.code === 'invalid_input') return `Casefile could not accept that: ${error.message}`
    return error.message
  }
  if (error instanceof Error) return `Something went wrong: ${error.message}`
  return `Something went wrong: ${String(error)}`
}
