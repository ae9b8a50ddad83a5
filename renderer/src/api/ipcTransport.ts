import type { CallResult, Transport } from '../../../shared/rpc'

/** What the preload exposes as `window.casefile` (see electron/preload). */
export type PreloadBridge = {
  call(method: string, input: unknown): Promise<CallResult>
  on(event: string, listener: (payload: unknown) => void): () => void
}

export function createIpcTransport(bridge: PreloadBridge): Transport {
  return {
    call: (method, input) => bridge.call(method, input),
    on: (event, listener) => bridge.on(event, listener),
  }
}
