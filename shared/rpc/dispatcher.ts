import { api, CasefileError, isMethodName, toApiError, type MethodName } from '../api'
import type { CallResult, Handlers } from './types'

/**
 * The one boundary where input is validated: every transport hands its raw method name and input
 * here, and gets back a result or a typed error, never an exception.
 */
export function createDispatcher(
  handlers: Handlers,
): (method: string, input: unknown) => Promise<CallResult> {
  return async (method, input) => {
    try {
      if (!isMethodName(method)) {
        throw new CasefileError('unknown_method', `There is no method called "${method}".`)
      }
      const parsed = api[method].input.parse(input ?? {})
      const handler = handlers[method] as (input: unknown) => Promise<unknown>
      return { ok: true, result: await handler(parsed) }
    } catch (error) {
      return { ok: false, error: toApiError(error) }
    }
  }
}

export function methodsOf(handlers: Handlers): MethodName[] {
  return Object.keys(handlers).filter(isMethodName)
}
