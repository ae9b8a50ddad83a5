import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export type Refusal = { status: 401 | 403; message: string }

/** What a browser says of a request's site: only the app's own page (or the user typing) passes. */
const trustedFetchSites = new Set([undefined, 'same-origin', 'none'])

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
  const site = request.headers['sec-fetch-site']
  if (!trustedFetchSites.has(Array.isArray(site) ? 'several' : site)) {
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

/**
 * The bearer token, compared in constant time: both sides are hashed first, so the comparison
 * always runs over 32 bytes and reveals neither a matching prefix nor the token's length.
 */
export function hasToken(header: string | undefined, token: string): boolean {
  const given = /^Bearer (\S+)$/.exec(header ?? '')?.[1] ?? ''
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest()
  const same = timingSafeEqual(digest(given), digest(token))
  return same && given.length > 0
}
