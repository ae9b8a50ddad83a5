import { createDispatcher } from './dispatcher'
import type { EventHub } from './eventHub'
import type { Handlers, Transport } from './types'

/**
 * The in-memory transport: no process boundary, but the same validation and the same
 * JSON round trip as the real ones, so what passes here is what a remote client sees.
 */
export function createMemoryTransport(handlers: Handlers, hub?: EventHub): Transport {
  const dispatch = createDispatcher(handlers)
  return {
    async call(method, input) {
      const answer = await dispatch(method, JSON.parse(JSON.stringify(input ?? {})) as unknown)
      return JSON.parse(JSON.stringify(answer)) as typeof answer
    },
    on(event, listener) {
      if (!hub) return () => {}
      return hub.subscribe((name, payload) => {
        if (name === event) listener(payload)
      })
    },
  }
}
