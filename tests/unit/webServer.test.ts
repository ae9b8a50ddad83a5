import { request } from 'node:http'
import { connect } from 'node:net'
import { networkInterfaces } from 'node:os'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers, Library, resourcesDir } from '../../electron/core'
import { startWebServer, type WebServer } from '../../electron/server'
import { createHttpTransport } from '../../renderer/src/api/httpTransport'
import { createClient } from '../../shared/rpc'
import { makeTempDir } from '../support/makeLibrary'

type Answer = {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw HTTP request, so tests can send the Host and Origin headers an attacker would. */
function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'POST',
        headers: options.headers ?? {},
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

let server: WebServer
let library: Library
let dir: { path: string; remove(): Promise<void> }

beforeAll(async () => {
  dir = await makeTempDir()
  library = await Library.open(join(dir.path, 'library'))
  const rendererDir = join(dir.path, 'renderer')
  await mkdir(rendererDir)
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Casefile</title>')
  await writeFile(join(dir.path, 'secret.txt'), 'not for the web')
  server = await startWebServer({
    handlers: createHandlers(library, { resourcesDir }),
    events: library.events,
    rendererDir,
  })
})
afterAll(async () => {
  await server.close()
  await library.close()
  await dir.remove()
})

const host = () => `127.0.0.1:${server.port}`
const api = (headers: Record<string, string>) =>
  send(server.port, '/api/library.info', {
    headers: { 'content-type': 'application/json', ...headers },
    body: '{}',
  })

describe('web mode refuses whoever is not the app', () => {
  it('prints a URL on 127.0.0.1 with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/)
  })

  it('answers the API with the token', async () => {
    const answer = await api({ host: host(), authorization: `Bearer ${server.token}` })
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toMatchObject({ counts: { sources: 0 } })
  })

  it('refuses a request without the token (401)', async () => {
    expect((await api({ host: host() })).status).toBe(401)
  })

  it('refuses a wrong token (401)', async () => {
    // One character changed (never to itself: a token ending in x would otherwise pass).
    const wrong = `${server.token.slice(0, -1)}${server.token.endsWith('x') ? 'y' : 'x'}`
    expect((await api({ host: host(), authorization: `Bearer ${wrong}` })).status).toBe(401)
    expect((await api({ host: host(), authorization: server.token })).status).toBe(401)
  })

  it('refuses a foreign Host header, as a DNS-rebinding page would send (403)', async () => {
    const answer = await api({
      host: `attacker.example:${server.port}`,
      authorization: `Bearer ${server.token}`,
    })
    expect(answer.status).toBe(403)
  })

  it('refuses a foreign Origin, as a cross-site request would send (403)', async () => {
    const answer = await api({
      host: host(),
      origin: 'http://attacker.example',
      authorization: `Bearer ${server.token}`,
    })
    expect(answer.status).toBe(403)
    const sameOrigin = await api({
      host: host(),
      origin: `http://${host()}`,
      authorization: `Bearer ${server.token}`,
    })
    expect(sameOrigin.status).toBe(200)
  })

  it('sends no CORS headers, even to a preflight', async () => {
    const answer = await send(server.port, '/api/library.info', {
      method: 'OPTIONS',
      headers: {
        host: host(),
        origin: `http://${host()}`,
        'access-control-request-method': 'POST',
      },
    })
    expect(answer.status).toBeGreaterThanOrEqual(400)
    expect(
      Object.keys(answer.headers).filter((name) => name.startsWith('access-control-')),
    ).toEqual([])
  })

  it('serves the app with a strict CSP, and nothing outside the app’s folder', async () => {
    const page = await send(server.port, '/', { method: 'GET', headers: { host: host() } })
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%00index.html',
    ]) {
      const answer = await send(server.port, path, { method: 'GET', headers: { host: host() } })
      expect(answer.status, path).toBe(404)
      expect(answer.body).not.toContain('not for the web')
    }
  })

  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && !address.internal && address.family === 'IPv4')?.address
  it.skipIf(external === undefined)(
    external === undefined
      ? 'skipped: this machine has no non-loopback IPv4 address to try'
      : `is not reachable on ${external}`,
    async () => {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: external ?? '', port: server.port })
        socket.once('connect', () => {
          socket.destroy()
          resolve('connected')
        })
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
      })
      expect(outcome).toBe('ECONNREFUSED')
    },
  )
})

describe('web mode events', () => {
  it('streams library changes to a client holding the token', async () => {
    const client = createClient(
      createHttpTransport(`http://127.0.0.1:${server.port}`, server.token),
    )
    const received = new Promise<string>((resolve) => {
      const stop = client.on('library.changed', (payload) => {
        stop()
        resolve(payload.what)
      })
    })
    await new Promise((resolve) => setTimeout(resolve, 100)) // let the stream connect
    await client.call('sources.import', {
      fileName: 'event.txt',
      text: 'Event Test\n\nA change to announce.',
    })
    expect(await received).toBe('sources')
  })

  it('refuses the event stream without the token', async () => {
    const answer = await send(server.port, '/api/events', {
      method: 'GET',
      headers: { host: host() },
    })
    expect(answer.status).toBe(401)
  })
})
