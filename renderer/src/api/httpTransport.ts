import { isApiError } from '../../../shared/api'
import type { CallResult, Transport } from '../../../shared/rpc'

/**
 * The web-mode transport: each call is `POST /api/<method>` with the input as JSON and the
 * per-run token as a bearer credential. Events arrive as a server-sent stream read with fetch,
 * since EventSource cannot send the Authorization header; one stream serves every listener, as
 * each open stream holds one of the browser's six connections to the server.
 */
const keepaliveLimit = 60_000
/** The saves a page makes as it goes away: a note's, a brief's. */
const savesOnLeaving = new Set(['notes.update', 'briefs.save'])

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length
}

export function createHttpTransport(baseUrl: string, token: string): Transport {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` }
  const stream = eventStream(`${baseUrl}/api/events`, headers)
  return {
    async call(method, input): Promise<CallResult> {
      let response: Response
      const payload = JSON.stringify(input ?? {})
      const post = (keepalive: boolean) =>
        fetch(`${baseUrl}/api/${method}`, { method: 'POST', headers, body: payload, keepalive })
      try {
        // A note or brief saved as the page goes away (a reload, a closed tab) still reaches the server:
        // browsers keep such a request alive, up to 64 KiB in flight, and refuse beyond that.
        const outlives = savesOnLeaving.has(method) && byteLength(payload) < keepaliveLimit
        response = await post(outlives).catch((error: unknown) => {
          if (outlives) return post(false)
          throw error
        })
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        return {
          ok: false,
          error: {
            code: 'io_error',
            message: `Casefile's server did not answer (${reason}). Is it still running?`,
          },
        }
      }
      const body: unknown = await response.json().catch(() => null)
      if (response.ok) return { ok: true, result: body }
      const error = (body as { error?: unknown } | null)?.error
      if (isApiError(error)) return { ok: false, error }
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `The server answered ${response.status} ${response.statusText}.`,
        },
      }
    },
    on(event, listener) {
      return stream.listen(event, listener)
    },
  }
}

type Listener = (payload: unknown) => void

/** One server-sent event stream, opened for the first listener and closed after the last. */
function eventStream(url: string, headers: Record<string, string>) {
  const listeners = new Map<Listener, string>()
  let controller: AbortController | undefined

  const open = () => {
    const current = new AbortController()
    controller = current
    void (async () => {
      const response = await fetch(url, { headers, signal: current.signal })
      if (!response.body) return
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
      let buffer = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buffer += value
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const name = /^event: (.*)$/m.exec(frame)?.[1]
          const data = /^data: (.*)$/m.exec(frame)?.[1]
          if (name === undefined || data === undefined) continue
          const payload = JSON.parse(data) as unknown
          for (const [listener, event] of [...listeners]) if (event === name) listener(payload)
        }
      }
    })().catch(() => {
      // The stream ends when the page goes away or the server stops; nothing to report.
    })
  }

  return {
    listen(event: string, listener: Listener): () => void {
      // A listener may subscribe twice (React's strict mode); each subscription is its own entry.
      const entry: Listener = (payload) => listener(payload)
      listeners.set(entry, event)
      if (!controller) open()
      return () => {
        listeners.delete(entry)
        if (listeners.size === 0) {
          controller?.abort()
          controller = undefined
        }
      }
    },
  }
}
