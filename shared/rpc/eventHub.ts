import type { EventName, EventPayload } from '../api'

type Listener = (event: EventName, payload: unknown) => void

/** Fan-out of core events to every connected transport. */
export class EventHub {
  private readonly listeners = new Set<Listener>()

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload)
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
