import { request } from 'node:http'
import { connect } from 'node:net'
import { networkInterfaces } from 'node:os'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
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

/** `connected`, or the error code a TCP connection to `host:port` fails with. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    socket.once('connect', () => {
      socket.destroy()
      resolve('connected')
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
  })
}

/** The status of a request written by hand, for what Node's client will not send (no Host). */
function rawStatus(port: number, text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port })
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => {
      answer += chunk
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]
      if (status) {
        socket.destroy()
        resolve(Number(status))
      }
    })
    socket.on('error', reject)
    socket.write(text)
  })
}

const serverDir = fileURLToPath(new URL('../../electron/server/', import.meta.url))

const index = '<!doctype html><title>Casefile</title>'
let server: WebServer
let library: Library
let dir: { path: string; remove(): Promise<void> }

beforeAll(async () => {
  dir = await makeTempDir()
  library = await Library.open(join(dir.path, 'library'))
  const rendererDir = join(dir.path, 'renderer')
  await mkdir(rendererDir)
  await writeFile(join(rendererDir, 'index.html'), index)
  await mkdir(join(rendererDir, 'assets'))
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app")')
  await writeFile(join(dir.path, 'secret.txt'), 'not for the web')
  // A sibling whose name starts like the renderer's: a prefix check on paths would let it through.
  await mkdir(join(dir.path, 'renderer-other'))
  await writeFile(join(dir.path, 'renderer-other', 'secret.js'), 'not for the web')
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

  it('refuses a wrong token of the same length, whichever character differs (401)', async () => {
    const { token } = server
    const swap = (char: string) => (char === 'x' ? 'y' : 'x')
    for (const at of [0, 1, Math.floor(token.length / 2), token.length - 1]) {
      const wrong = `${token.slice(0, at)}${swap(token[at]!)}${token.slice(at + 1)}`
      expect(wrong).toHaveLength(token.length)
      expect(
        (await api({ host: host(), authorization: `Bearer ${wrong}` })).status,
        `at ${at}`,
      ).toBe(401)
    }
  })

  it('refuses a token of another length, a prefix of it or one extended (401)', async () => {
    const { token } = server
    for (const wrong of [
      token.slice(0, -1),
      token.slice(0, 1),
      `${token}x`,
      `${token}${token}`,
      'x'.repeat(4096),
    ])
      expect((await api({ host: host(), authorization: `Bearer ${wrong}` })).status).toBe(401)
  })

  it('takes the token only as a bearer credential: not bare, lower-case, in the query or a cookie', async () => {
    const { token } = server
    for (const authorization of [
      token,
      `bearer ${token}`,
      `Bearer  ${token}`,
      `Basic ${token}`,
      'Bearer ',
    ])
      expect((await api({ host: host(), authorization })).status, authorization).toBe(401)
    const inQuery = await send(server.port, `/api/library.info?token=${token}`, {
      headers: { host: host(), 'content-type': 'application/json' },
      body: '{}',
    })
    expect(inQuery.status).toBe(401)
    expect((await api({ host: host(), cookie: `token=${token}` })).status).toBe(401)
  })

  it('compares the token in constant time, over digests of equal length', async () => {
    const source = await readFile(join(serverDir, 'requestGuard.ts'), 'utf8')
    const check = source.slice(source.indexOf('export function hasToken'))
    // Hashing first: no early return on a length mismatch or a differing prefix.
    expect(check).toMatch(/timingSafeEqual\(digest\(given\), digest\(token\)\)/)
    expect(check).not.toMatch(/\.length\s*[!=]==?\s*\w+\.length/)
    expect(check).not.toMatch(/given\s*===\s*token|startsWith|for \(/)
  })

  it('refuses a foreign Host header, as a DNS-rebinding page would send (403)', async () => {
    const { port, token } = server
    for (const foreign of [
      `attacker.example:${port}`,
      `127.0.0.1.evil.com:${port}`,
      `127.0.0.1.evil.com`,
      `localhost.evil.com:${port}`,
      `localhost:${port + 1}`,
      `127.0.0.1:${port + 1}`,
      `127.0.0.1`,
      `localhost`,
      `[::1]:${port}`,
      `[::ffff:127.0.0.1]:${port}`,
      `0.0.0.0:${port}`,
      `127.1:${port}`,
      `2130706433:${port}`,
      `localhost.:${port}`,
      `127.0.0.1:${port}@evil.com`,
    ]) {
      const answer = await api({ host: foreign, authorization: `Bearer ${token}` })
      expect(answer.status, foreign).toBe(403)
      expect(answer.body).not.toContain(token)
      const page = await send(port, '/', { method: 'GET', headers: { host: foreign } })
      expect(page.status, foreign).toBe(403)
    }
  })

  it('refuses a request with no Host header at all', async () => {
    const status = await rawStatus(
      server.port,
      'POST /api/library.info HTTP/1.1\r\n' +
        `Authorization: Bearer ${server.token}\r\nContent-Length: 2\r\n\r\n{}`,
    )
    expect(status).toBeGreaterThanOrEqual(400)
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

  it('serves the app with a strict CSP', async () => {
    const page = await send(server.port, '/', { method: 'GET', headers: { host: host() } })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Casefile</title>')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['x-content-type-options']).toBe('nosniff')
  })

  it('lists no folder and serves nothing outside the app’s folder', async () => {
    const paths = [
      '/assets/',
      '/assets',
      '/assets//',
      '/assets/.',
      '//',
      '/./',
      '/%2e/',
      '/%2e%2e/',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/..%5csecret.txt',
      '/%c0%ae%c0%ae/secret.txt',
      '/..%2frenderer-other%2fsecret.js',
      '/%00index.html',
      '/index.html%00',
      '/index.html%00.js',
      '/assets/app.js%00.html',
      '/%',
      `/${'a'.repeat(5000)}.js`,
      `/${'a/'.repeat(3000)}index.html`,
      `/${'x'.repeat(20_000)}`,
    ]
    for (const path of paths) {
      for (const method of ['GET', 'HEAD']) {
        const answer = await send(server.port, path, { method, headers: { host: host() } })
        // `/./` and `/%2e/` are `/` once the URL is parsed: the app's page, never a listing.
        const isIndex = answer.status === 200 && (method === 'HEAD' || answer.body === index)
        if (!isIndex)
          expect([403, 404, 414, 431], `${method} ${path.slice(0, 60)}`).toContain(answer.status)
        expect(answer.body).not.toContain('not for the web')
        expect(answer.body).not.toContain('app.js')
        expect(answer.body).not.toContain('root:')
      }
    }
    const asset = await send(server.port, '/assets/app.js', {
      method: 'GET',
      headers: { host: host() },
    })
    expect(asset.status).toBe(200)
  })

  it('refuses to listen anywhere but 127.0.0.1', async () => {
    for (const address of ['0.0.0.0', '::', '::1', 'localhost', '192.168.1.10'])
      await expect(
        startWebServer({
          handlers: createHandlers(library, { resourcesDir }),
          events: library.events,
          rendererDir: undefined,
          host: address,
        }),
        address,
      ).rejects.toThrow(/127\.0\.0\.1 only/)
  })

  it('listens on 127.0.0.1 alone: not on ::1', async () => {
    expect(await tryConnect('127.0.0.1', server.port)).toBe('connected')
    expect(await tryConnect('::1', server.port)).not.toBe('connected')
  })

  it('refuses a short token chosen by a caller', async () => {
    await expect(
      startWebServer({
        handlers: createHandlers(library, { resourcesDir }),
        events: library.events,
        rendererDir: undefined,
        token: 'short',
      }),
    ).rejects.toThrow(/at least 16/)
  })

  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && !address.internal && address.family === 'IPv4')?.address
  it.skipIf(external === undefined)(
    external === undefined
      ? 'skipped: this machine has no non-loopback IPv4 address to try'
      : `is not reachable on ${external}`,
    async () => {
      expect(await tryConnect(external ?? '', server.port)).toBe('ECONNREFUSED')
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
