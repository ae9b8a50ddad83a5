import { createHandlers, Library, resourcesDir } from '../../electron/core'
import { describeRange } from '../../shared/anchoring'
import { createClient, createMemoryTransport, type Client } from '../../shared/rpc'
import type { TestLibrary } from './makeLibrary'

/** Imports `text` as `fileName` and highlights the first `exact` in its canonical text. */
export async function importAndHighlight(
  client: Client,
  text: string,
  exact: string,
  fileName = 'iran.txt',
) {
  const { source } = await client.call('sources.import', { fileName, text })
  const { text: body } = await client.call('sources.get', { id: source.id })
  const start = body.indexOf(exact)
  if (start < 0) throw new Error(`"${exact}" is not in ${fileName}`)
  const annotation = await client.call('annotations.create', {
    sourceId: source.id,
    quote: describeRange(body, start, start + exact.length),
    position: { start, end: start + exact.length },
  })
  return { source, annotation }
}

/** Closes the test's library and opens the same folder again, as a restart would. */
export async function reopen(t: TestLibrary): Promise<{ client: Client; close(): Promise<void> }> {
  await t.library.close()
  const again = await Library.open(t.path, { indexPersistDelayMs: 60_000 })
  const client = createClient(
    createMemoryTransport(createHandlers(again, { resourcesDir }), again.events),
  )
  return { client, close: () => again.close() }
}
