import type {
  ApiError,
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
  ParsedInput,
} from '../api'

/** What the core implements: one function per contract method, given already-validated input. */
export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>>
}

export type CallResult = { ok: true; result: unknown } | { ok: false; error: ApiError }

/** Carries one call across a boundary. Every transport (IPC, HTTP, memory) is one of these. */
export type Transport = {
  call(method: string, input: unknown): Promise<CallResult>
  on?(event: string, listener: (payload: unknown) => void): () => void
}

/** The typed client every consumer (renderer, CLI, tests) uses, whatever the transport. */
export type Client = {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}
