/**
 * Child process of run.ts: the library as the app opens it (its saved index if usable, else a
 * rebuild), answering the query set through `Library.searchQuery(q, 20)`, snippets included.
 * Nothing else lives in this process, so its heap is the app's. It never closes the library:
 * there is nothing to save, and saving a rebuilt index is not what is measured here.
 *
 * Usage: node --expose-gc --import tsx tests/bench/searchCore.ts <library folder> [options] <out.json>
 */
import { Library } from '../../electron/core/library'
import { parseOptions, reportCrash, writeResult } from './child'
import { loadPool } from './corpus'
import { makeQueries, type Query } from './queries'
import { timeQueries, type QueryTimes } from './search'
import { memory, progress, round } from './stats'

export type SearchCoreResult = {
  openedFrom: 'disk' | 'rebuild'
  openMs: number
  times: QueryTimes
  /** After the queries, after a GC. */
  rssMb: number
  heapMb: number
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const [dir, out] = [argv[0], argv.at(-1)]
  if (!dir || !out || argv.length < 2)
    throw new Error('usage: searchCore.ts <library folder> [options] <out.json>')
  const options = parseOptions(argv)
  const pool = await loadPool()
  const queries = makeQueries(pool, options.seed + 1)
  const warmup = makeQueries(pool, options.seed + 2).slice(0, 20)

  const opening = performance.now()
  const library = await Library.open(dir, { indexPersistDelayMs: 3_600_000 })
  const openMs = round(performance.now() - opening, 0)
  progress(
    `core search: library open in ${openMs} ms (${library.indexReport.openedFrom}); timing ${queries.length} queries`,
  )
  const run = (q: Query) =>
    library.searchQuery(q.text, 20, q.filters).then((hits) => ({
      hits: hits.length,
      sourceHits: hits.filter((hit) => hit.kind === 'source').length,
    }))
  const times = await timeQueries(run, queries, warmup, 'core search')
  const { rssMb, heapMb } = memory()
  const result: SearchCoreResult = {
    openedFrom: library.indexReport.openedFrom,
    openMs,
    times,
    rssMb,
    heapMb,
  }
  await writeResult(out, result)
}

main().then(() => process.exit(0), reportCrash)
