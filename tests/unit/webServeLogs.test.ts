import { spawn, type ChildProcess } from 'node:child_process'
import { request } from 'node:http'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliPath } from '../support/cliTransport'
import { makeTempDir } from '../support/makeLibrary'

/**
 * `casefile serve` prints its URL, token included, once, as the first line on stdout, for the
 * user to open. The token must appear nowhere else: not in stderr, not in a later line, not in
 * any answer to a client, whatever the client sends and whatever fails.
 */

type Served = {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  exited: Promise<number | null>
}

function serve(args: string[]): Served {
  const child = spawn(process.execPath, [cliPath, ...args, 'serve'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  return { child, stdout: () => stdout, stderr: () => stderr, exited }
}

function firstLine(served: Served): Promise<string> {
  return new Promise((resolve, reject) => {
    void served.exited.then((code) =>
      reject(new Error(`casefile serve exited (${code}): ${served.stderr()}`)),
    )
    createInterface({ input: served.child.stdout! }).once('line', resolve)
  })
}

type Answer = { status: number; headers: string; body: string }

function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'POST', headers: options.headers },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: JSON.stringify(res.headers),
            body,
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

describe('casefile serve keeps its token out of every log and answer', () => {
  let dir: { path: string; remove(): Promise<void> }
  let served: Served
  let url: URL
  let token: string
  const answers: Answer[] = []

  beforeAll(async () => {
    dir = await makeTempDir()
    served = serve(['--library', dir.path])
    url = new URL(await firstLine(served))
    token = url.searchParams.get('token') ?? ''
  })
  afterAll(async () => {
    if (served.child.exitCode === null) {
      served.child.kill('SIGTERM')
      await served.exited
    }
    await dir.remove()
  })

  const port = () => Number(url.port)
  const host = () => `127.0.0.1:${url.port}`
  const call = async (
    method: string,
    body: string,
    headers: Record<string, string> = { authorization: `Bearer ${token}` },
  ) => {
    const answer = await send(port(), `/api/${method}`, {
      headers: { host: host(), 'content-type': 'application/json', ...headers },
      body,
    })
    answers.push(answer)
    return answer
  }

  it('prints the URL with a long token as the first line', () => {
    expect(url.origin).toBe(`http://127.0.0.1:${url.port}`)
    expect(token).toMatch(/^[\w-]{32}$/)
  })

  it('serves a normal session: the page, a read, an import, a search', async () => {
    const page = await send(port(), '/', { method: 'GET', headers: { host: host() } })
    answers.push(page)
    expect([200, 404]).toContain(page.status) // 404 when the app is not built: the API alone
    expect((await call('library.info', '{}')).status).toBe(200)
    const text = JSON.stringify({ fileName: 'note.txt', text: 'Logs\n\nNothing secret here.' })
    expect((await call('sources.import', text)).status).toBe(200)
    expect((await call('search.query', JSON.stringify({ query: 'secret' }))).status).toBeLessThan(
      500,
    )
  })

  it('refuses bad requests without repeating the token', async () => {
    const wrong = `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`
    expect((await call('library.info', '{}', { authorization: `Bearer ${wrong}` })).status).toBe(
      401,
    )
    expect((await call('library.info', '{}', {})).status).toBe(401)
    expect(
      (
        await call('library.info', '{}', {
          authorization: `Bearer ${token}`,
          origin: 'http://attacker.example',
        })
      ).status,
    ).toBe(403)
    const rebinding = await send(port(), `/api/library.info?token=${token}`, {
      headers: { host: `attacker.example:${url.port}`, authorization: `Bearer ${token}` },
      body: '{}',
    })
    answers.push(rebinding)
    expect(rebinding.status).toBe(403)
    const inQuery = await send(port(), `/api/events?token=${token}`, {
      method: 'GET',
      headers: { host: host() },
    })
    answers.push(inQuery)
    expect(inQuery.status).toBe(401)
  })

  it('answers failures (bad JSON, bad input, unknown method, bad path) without the token', async () => {
    expect((await call('library.info', '{not json')).status).toBe(400)
    expect((await call('sources.import', JSON.stringify({ fileName: 42 }))).status).toBe(400)
    expect((await call('no.such.method', '{}')).status).toBe(404)
    expect((await call('%E0%A4%A', '{}')).status).toBe(404)
    const badPath = await send(port(), `//${token}`, { method: 'GET', headers: { host: host() } })
    answers.push(badPath)
    expect(badPath.status).toBe(404)
    for (const answer of answers) {
      expect(answer.body).not.toContain(token)
      expect(answer.headers).not.toContain(token)
    }
  })

  it('logs nothing with the token when a second server fails to start', async () => {
    // The same library (it is locked), then the same port (it is taken).
    const locked = serve(['--library', dir.path])
    const other = await makeTempDir()
    const taken = serve(['--library', other.path, '--port', url.port])
    expect(await locked.exited).not.toBe(0)
    expect(await taken.exited).not.toBe(0)
    await other.remove()
    for (const failed of [locked, taken]) {
      expect(failed.stdout()).not.toContain('token=')
      expect(failed.stderr()).not.toContain('token=')
      expect(failed.stderr()).not.toContain(token)
      expect(failed.stderr()).not.toBe('')
    }
  })

  it('has printed the token once, in the first line of stdout, and never on stderr', async () => {
    served.child.kill('SIGTERM')
    expect(await served.exited).toBe(0)
    const stdout = served.stdout()
    expect(stdout.split(token)).toHaveLength(2)
    expect(stdout.split('\n')[0]).toBe(url.href)
    expect(served.stderr()).not.toContain(token)
    expect(served.stderr()).toContain('Casefile web mode')
  })
})
