import { isApiError } from '../../../shared/api'
import type { CallResult, Transport } from '../../../shared/rpc'

/**
 * The web-mode transport: each call is `POST /api/<method>` with the input as JSON and the
 * per-run token as a bearer credential. Events arrive as a server-sent stream read with fetch,
 * since EventSource cannot send the Authorization header.
 */
export function createHttpTransport(baseUrl: string, token: string): Transport {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` }
  return {
    async call(method, input): Promise<CallResult> {
      let response: Response
      try {
        response = await fetch(`${baseUrl}/api/${method}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(input ?? {}),
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
      const controller = new AbortController()
      void (async () => {
        const response = await fetch(`${baseUrl}/api/events`, {
          headers,
          signal: controller.signal,
        })
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
            if (name === event && data !== undefined) listener(JSON.parse(data) as unknown)
          }
        }
      })().catch(() => {
        // The stream ends when the page goes away or the server stops; nothing to report.
      })
      return () => controller.abort()
    },
  }
}
