import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers, Library, resourcesDir } from '../../electron/core'
import { startWebServer, type WebServer } from '../../electron/server'
import { createHttpTransport } from '../../renderer/src/api/httpTransport'
import {
  api,
  methodNames,
  type MethodName,
  type MethodInput,
  type MethodOutput,
} from '../../shared/api'
import { describeRange } from '../../shared/anchoring'
import { createClient, createMemoryTransport, type Client, type Transport } from '../../shared/rpc'
import { createCliTransport } from '../support/cliTransport'
import { makeTempDir } from '../support/makeLibrary'

type Harness = { transport: Transport; close(): Promise<void> }

const transports: Array<[string, (path: string) => Promise<Harness>]> = [
  [
    'in-memory',
    async (path) => {
      const library = await Library.open(path)
      return {
        transport: createMemoryTransport(createHandlers(library, { resourcesDir })),
        close: () => library.close(),
      }
    },
  ],
  [
    'HTTP',
    async (path) => {
      const library = await Library.open(path)
      const server: WebServer = await startWebServer({
        handlers: createHandlers(library, { resourcesDir }),
        events: library.events,
        rendererDir: undefined,
      })
      return {
        transport: createHttpTransport(`http://127.0.0.1:${server.port}`, server.token),
        close: async () => {
          await server.close()
          await library.close()
        },
      }
    },
  ],
  ['CLI', async (path) => ({ transport: createCliTransport(path), close: async () => undefined })],
]

const article =
  'From: Ines Okafor\nRail Signalling Outage\n\nSignals on the northern line went dark at 06:10.\n\nThe operator blamed a “software update” for the outage.'

it('the preload knows exactly the contract’s methods', () => {
  expect([...methodNames].sort()).toEqual(Object.keys(api).sort())
})

describe.each(transports)('the contract over the %s transport', (_name, connect) => {
  let harness: Harness
  let client: Client
  let removeDir: () => Promise<void>
  /** Every answer must also satisfy the method's declared output schema. */
  async function call<M extends MethodName>(
    method: M,
    input: MethodInput<M>,
  ): Promise<MethodOutput<M>> {
    const result = await client.call(method, input)
    return api[method].output.parse(result) as MethodOutput<M>
  }

  beforeAll(async () => {
    const dir = await makeTempDir()
    removeDir = dir.remove
    harness = await connect(dir.path)
    client = createClient(harness.transport)
  })
  afterAll(async () => {
    await harness.close()
    await removeDir()
  })

  it('walks the whole loop: import, read, annotate, search, export', async () => {
    expect((await call('library.info', {})).counts).toEqual({
      sources: 0,
      annotations: 0,
      actors: 0,
      events: 0,
      notes: 0,
      trash: 0,
    })
    const imported = await call('sources.import', { fileName: 'rail.txt', text: article })
    expect(imported).toMatchObject({
      status: 'imported',
      source: { title: 'Rail Signalling Outage', authors: ['Ines Okafor'] },
    })
    const again = await call('sources.import', {
      fileName: 'rail-copy.txt',
      base64: Buffer.from(article).toString('base64'),
    })
    expect(again).toMatchObject({ status: 'duplicate', source: { id: imported.source.id } })
    expect((await call('sources.list', {})).sources.map((s) => s.id)).toEqual([imported.source.id])

    const { text } = await call('sources.get', { id: imported.source.id })
    const exact = 'blamed a “software update”'
    const start = text.indexOf(exact)
    const annotation = await call('annotations.create', {
      sourceId: imported.source.id,
      quote: describeRange(text, start, start + exact.length),
      position: { start, end: start + exact.length },
      comment: 'Operator’s explanation',
    })
    await call('annotations.update', {
      id: annotation.id,
      comment: 'Operator’s explanation, unverified',
    })
    expect((await call('annotations.list', { sourceId: imported.source.id })).annotations).toEqual([
      expect.objectContaining({ id: annotation.id, comment: 'Operator’s explanation, unverified' }),
    ])

    const { hits } = await call('search.query', { query: 'software', limit: 10 })
    expect(hits.map((h) => h.kind).sort()).toEqual(['annotation', 'source'])

    const brief = await call('briefs.export', { draft: { title: 'Rail brief' } })
    expect(brief.markdown).toContain('> blamed a “software update”[^1]')
    expect(brief.markdown).toContain('*Rail Signalling Outage*, Ines Okafor')

    await call('annotations.delete', { id: annotation.id })
    expect((await call('library.info', {})).counts).toEqual({
      sources: 1,
      annotations: 0,
      actors: 0,
      events: 0,
      notes: 0,
      trash: 1,
    })
  })

  it('refuses invalid input with a typed error that says what is wrong', async () => {
    await expect(client.call('search.query', { query: 5 } as never)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('query'),
    })
    await expect(client.call('sources.import', { fileName: 'x.txt' })).rejects.toMatchObject({
      code: 'invalid_input',
    })
    await expect(
      client.call('annotations.list', { sourceId: 'x', extra: 1 } as never),
    ).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('names an unknown method and an unknown item', async () => {
    await expect(client.call('sources.explode' as MethodName, {})).rejects.toMatchObject({
      code: 'unknown_method',
    })
    await expect(client.call('sources.get', { id: 'missing' })).rejects.toMatchObject({
      code: 'not_found',
    })
  })

  it('loads the sample case', async () => {
    const result = await call('library.loadSample', {})
    expect(result.imported + result.duplicates).toBeGreaterThanOrEqual(3)
    const sample = await readFile(
      `${resourcesDir}/sample-case/01-port-authority-outage.txt`,
      'utf8',
    )
    expect(sample).toContain('Harbour Spider')
    expect((await call('search.query', { query: 'Harbour Spider' })).hits.length).toBeGreaterThan(0)
  })
})
