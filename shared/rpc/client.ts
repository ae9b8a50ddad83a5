import { CasefileError, type EventName, type EventPayload, type MethodName } from '../api'
import type { Client, Transport } from './types'

/** Wraps a transport in the typed client: failures arrive as thrown CasefileErrors. */
export function createClient(transport: Transport): Client {
  return {
    async call(method, input) {
      const answer = await transport.call(method, input)
      if (!answer.ok) throw new CasefileError(answer.error.code, answer.error.message)
      return answer.result as never
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      if (!transport.on) return () => {}
      return transport.on(event, (payload) => listener(payload as EventPayload<E>))
    },
  }
}

export type { MethodName }
