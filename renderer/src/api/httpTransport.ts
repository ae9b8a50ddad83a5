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

/** Strings this long (a 10 MB file being imported) are written into the request piece by piece. */
const longString = 1 << 20
const pieceLength = 1 << 19
/** Answers this long (bytes) are decoded piece by piece. */
const longBody = 1 << 20

/**
 * The input as a JSON request body. Handed a 10 MB string, fetch() encodes and copies it on the
 * page's main thread, holding it for some 200 ms; a long string is instead escaped and encoded
 * half a megabyte at a time, yielding between pieces, into a Blob that fetch() sends as it is.
 */
async function requestBody(input: unknown): Promise<string | Blob> {
  const long: string[] = []
  const marker = `\u0000casefile-long-${Math.random().toString(36).slice(2)}-`
  const outline = JSON.stringify(input, (_key, value: unknown) => {
    if (typeof value !== 'string' || value.length < longString) return value
    long.push(value)
    return `${marker}${long.length - 1}`
  })
  if (long.length === 0) return outline
  const parts: Array<string | Blob> = []
  let at = 0
  for (const [index, value] of long.entries()) {
    const placeholder = JSON.stringify(`${marker}${index}`)
    const found = outline.indexOf(placeholder, at)
    parts.push(outline.slice(at, found), '"')
    at = found + placeholder.length
    for (let start = 0; start < value.length; start += pieceLength) {
      await nextTask()
      // A surrogate pair cut in two is written as two \u escapes: JSON.parse joins them again.
      const piece = JSON.stringify(value.slice(start, start + pieceLength))
      parts.push(new Blob([piece.slice(1, -1)]))
    }
    parts.push('"')
  }
  parts.push(outline.slice(at))
  await nextTask()
  return new Blob(parts, { type: 'application/json' })
}

/**
 * The answer's JSON, or null. It is read as it arrives, piece by piece, yielding between pieces
 * once it is long (a 10 MB source's text), and parsed in a task of its own. Read whole, with
 * response.json(), .text() or even .arrayBuffer(), the browser finishes a 10 MB body in one task:
 * Chromium held the page 115–160 ms there (a `TextResourceDecoder::Decode` of the whole answer,
 * traced with Playwright attached).
 */
async function responseBody(response: Response): Promise<unknown> {
  try {
    const decoder = new TextDecoder()
    const reader = response.body?.getReader()
    if (!reader) return null
    const parts: string[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.length
      parts.push(decoder.decode(value, { stream: true }))
      if (size >= longBody) await nextTask()
    }
    parts.push(decoder.decode())
    const text = parts.join('')
    if (size >= longBody) await nextTask()
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

/** Lets the page paint and answer input before the next piece of work. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

export function createHttpTransport(baseUrl: string, token: string): Transport {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` }
  const stream = eventStream(`${baseUrl}/api/events`, headers)
  return {
    async call(method, input): Promise<CallResult> {
      let response: Response
      const payload = await requestBody(input ?? {})
      const post = (keepalive: boolean) =>
        fetch(`${baseUrl}/api/${method}`, { method: 'POST', headers, body: payload, keepalive })
      try {
        // A note or brief saved as the page goes away (a reload, a closed tab) still reaches the server:
        // browsers keep such a request alive, up to 64 KiB in flight, and refuse beyond that.
        const outlives =
          savesOnLeaving.has(method) &&
          typeof payload === 'string' &&
          byteLength(payload) < keepaliveLimit
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
      const body = await responseBody(response)
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
