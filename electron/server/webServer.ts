import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ApiError } from '../../shared/api'
import { createDispatcher, type EventHub, type Handlers } from '../../shared/rpc'
import { contentSecurityPolicy } from '../core/contentSecurityPolicy'
import { refuseRequest } from './requestGuard'
import { readStaticFile } from './staticFiles'

export type WebServerOptions = {
  handlers: Handlers
  events: EventHub
  /** The built renderer (`out/renderer`); without it only the API is served. */
  rendererDir: string | undefined
  port?: number
  /** Where to listen: loopback only; any other address is refused (see `loopback`). */
  host?: string
  token?: string
}

/** Web mode never listens beyond this machine: no 0.0.0.0, no LAN address, no IPv6 wildcard. */
const loopback = '127.0.0.1'
const minimumTokenLength = 16

export type WebServer = { url: string; port: number; token: string; close(): Promise<void> }

const maxBodyBytes = 80 * 1024 * 1024

const securityHeaders = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
}

const statusOf: Record<ApiError['code'], number> = {
  invalid_input: 400,
  unknown_method: 404,
  not_found: 404,
  conflict: 409,
  unsupported_format: 422,
  bad_file: 422,
  library_corrupt: 409,
  library_locked: 409,
  io_error: 500,
  internal: 500,
}

/**
 * Web mode: the built renderer and the contract over HTTP, on 127.0.0.1 only. Each method is
 * `POST /api/<method>` with a JSON body and `Authorization: Bearer <token>`; `GET /api/events`
 * streams core events. The token is random per run. No CORS headers are ever sent.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  if (options.host !== undefined && options.host !== loopback)
    throw new Error(`Web mode listens on ${loopback} only, never on ${options.host}.`)
  const token = options.token ?? randomBytes(24).toString('base64url')
  if (token.length < minimumTokenLength)
    throw new Error(`The web-mode token must be at least ${minimumTokenLength} characters long.`)
  const dispatch = createDispatcher(options.handlers)
  let port = 0
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      // The message names what failed, never the request (whose headers carry the token).
      const message = error instanceof Error ? error.message : 'The server failed.'
      if (!response.headersSent) send(response, 500, { error: { code: 'internal', message } })
      else response.end()
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = requestPath(request.url)
    if (!url)
      return send(response, 400, { error: { code: 'invalid_input', message: 'Bad request path.' } })
    const isApi = url.pathname.startsWith('/api/')
    const refusal = refuseRequest(request, port, token, isApi)
    if (refusal)
      return send(response, refusal.status, {
        error: { code: 'invalid_input', message: refusal.message },
      })
    if (isApi && url.pathname === '/api/events' && request.method === 'GET')
      return streamEvents(response)
    if (isApi) {
      if (request.method !== 'POST')
        return send(response, 405, { error: { code: 'invalid_input', message: 'Use POST.' } })
      const input = await readJson(request)
      if (input === tooLarge)
        return send(response, 413, {
          error: { code: 'invalid_input', message: 'The request is larger than 80 MB.' },
        })
      if (input === malformed)
        return send(response, 400, {
          error: { code: 'invalid_input', message: 'The request body is not JSON.' },
        })
      const answer = await dispatch(methodName(url.pathname), input)
      return answer.ok
        ? send(response, 200, answer.result)
        : send(response, statusOf[answer.error.code], { error: answer.error })
    }
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, 405, { error: { code: 'invalid_input', message: 'Use GET.' } })
    const file = options.rendererDir
      ? await readStaticFile(options.rendererDir, url.pathname)
      : undefined
    if (!file)
      return send(response, 404, {
        error: { code: 'not_found', message: 'There is no such file in the app.' },
      })
    response.writeHead(200, {
      ...securityHeaders,
      'content-type': file.contentType,
      'cache-control': 'no-store',
    })
    response.end(request.method === 'HEAD' ? undefined : file.body)
  }

  function streamEvents(response: ServerResponse): void {
    response.writeHead(200, {
      ...securityHeaders,
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
    })
    response.write(': connected\n\n')
    const unsubscribe = options.events.subscribe((event, payload) => {
      response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)
    })
    response.on('close', unsubscribe)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, loopback, () => resolve())
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://${loopback}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** The request's path and query; only a path starting with `/` (origin form) is accepted. */
function requestPath(target: string | undefined): URL | undefined {
  if (!target?.startsWith('/')) return undefined
  try {
    return new URL(`http://${loopback}${target}`)
  } catch {
    return undefined
  }
}

/** `/api/<method>`; a name that does not decode is no method (the dispatcher says so). */
function methodName(pathname: string): string {
  try {
    return decodeURIComponent(pathname.slice('/api/'.length))
  } catch {
    return pathname.slice('/api/'.length)
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    ...securityHeaders,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  response.end(JSON.stringify(body))
}

const tooLarge = Symbol('too large')
const malformed = Symbol('malformed')

async function readJson(request: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = []
  let size = 0
  for await (const part of request) {
    size += (part as Buffer).length
    if (size > maxBodyBytes) return tooLarge
    parts.push(part as Buffer)
  }
  if (size === 0) return {}
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8')) as unknown
  } catch {
    return malformed
  }
}
