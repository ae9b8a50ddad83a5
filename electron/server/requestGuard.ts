import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export type Refusal = { status: 401 | 403; message: string }

/**
 * Who may talk to the web-mode server: a request must name this server as its Host (which defeats
 * DNS rebinding), may come only from this server's own origin (no cross-site requests), and for
 * the API must carry the per-run token.
 */
export function refuseRequest(
  request: IncomingMessage,
  port: number,
  token: string,
  needsToken: boolean,
): Refusal | undefined {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`]
  if (!allowedHosts.includes(request.headers.host ?? '')) {
    return { status: 403, message: 'This server only answers requests addressed to 127.0.0.1.' }
  }
  const origin = request.headers.origin
  if (origin !== undefined && !allowedHosts.some((host) => origin === `http://${host}`)) {
    return { status: 403, message: 'Requests from other sites are refused.' }
  }
  if (request.headers['sec-fetch-site'] === 'cross-site') {
    return { status: 403, message: 'Requests from other sites are refused.' }
  }
  if (needsToken && !hasToken(request.headers.authorization, token)) {
    return {
      status: 401,
      message: 'A valid token is required: open the URL that `casefile serve` printed.',
    }
  }
  return undefined
}

function hasToken(header: string | undefined, token: string): boolean {
  const match = /^Bearer (\S+)$/.exec(header ?? '')
  if (!match?.[1]) return false
  const given = Buffer.from(match[1])
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}
