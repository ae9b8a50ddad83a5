import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers, resourcesDir } from '../../electron/core'
import { startWebServer, type WebServer } from '../../electron/server'
import { createHttpTransport } from '../../renderer/src/api/httpTransport'
import { createClient, type Client } from '../../shared/rpc'
import { makeLibrary, type TestLibrary } from '../support/makeLibrary'

/**
 * One line of 1.3 MB with what JSON must escape, and an emoji (a surrogate pair) across each
 * half-megabyte mark, where the web transport cuts a long string into pieces.
 */
function awkwardLine(): string {
  const parts: string[] = []
  let length = 0
  for (let n = 0; length < 1_300_000; n++) {
    const part = `word${n} “quoted” \\back\\slash "plain" tab\there é `
    parts.push(part)
    length += part.length
  }
  let text = parts.join('')
  for (const mark of [1 << 19, 2 << 19]) text = `${text.slice(0, mark - 1)}🛳${text.slice(mark - 1)}`
  for (const mark of [1 << 19, 2 << 19]) expect(text.codePointAt(mark - 1)).toBe(0x1f6f3)
  return text
}

describe('long strings over the web transport', () => {
  let library: TestLibrary
  let server: WebServer
  let http: Client

  beforeAll(async () => {
    library = await makeLibrary()
    server = await startWebServer({
      handlers: createHandlers(library.library, { resourcesDir }),
      events: library.library.events,
      rendererDir: undefined,
    })
    http = createClient(createHttpTransport(`http://127.0.0.1:${server.port}`, server.token))
  })
  afterAll(async () => {
    await server.close()
    await library.close()
  })

  it('imports a one-line file of megabytes byte for byte and reads its text back whole', async () => {
    const line = awkwardLine()
    const { status, source } = await http.call('sources.import', {
      fileName: 'awkward.txt',
      text: line,
    })
    expect(status).toBe('imported')
    expect(source.originalSha256).toBe(createHash('sha256').update(line, 'utf8').digest('hex'))

    const overHttp = await http.call('sources.get', { id: source.id })
    const direct = await library.client.call('sources.get', { id: source.id })
    expect(overHttp.text.length).toBeGreaterThan(1 << 20)
    expect(overHttp).toEqual(direct)
  })
})
