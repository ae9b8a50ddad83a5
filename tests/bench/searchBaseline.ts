/**
 * Child process of run.ts: the baselines over the same items the library indexes. It times the
 * core's FlexSearch configuration built from memory (the pure indexing cost) and its raw query
 * time, `makeSnippet` alone, then MiniSearch: its build, its raw query time, and the query set
 * with the same store reads and snippets as `Library.searchQuery`.
 *
 * Usage: node --expose-gc --max-old-space-size=8192 --import tsx tests/bench/searchBaseline.ts <library folder> [options] <out.json>
 */
import { openCatalog } from '../../electron/core/catalog'
import { libraryLayout } from '../../electron/core/paths'
import { parseOptions, reportCrash, writeResult } from './child'
import { loadPool } from './corpus'
import { makeQueries } from './queries'
import {
  buildMiniSearch,
  collectItems,
  timeFlexBuild,
  timeIndexOnly,
  timeQueries,
  timeSnippets,
  type QueryTimes,
} from './search'
import { progress, type Summary } from './stats'

export type SearchBaselineResult = {
  items: number
  flexBuildMs: number
  flexBuildHeapMb: number
  flexIndexOnly: Summary
  snippets: Summary
  miniBuildMs: number
  miniHeapMb: number
  miniIndexOnly: Summary
  times: QueryTimes
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const [dir, out] = [argv[0], argv.at(-1)]
  if (!dir || !out || argv.length < 2)
    throw new Error('usage: searchBaseline.ts <library folder> [options] <out.json>')
  const options = parseOptions(argv)
  const pool = await loadPool()
  const queries = makeQueries(pool, options.seed + 1)
  const warmup = makeQueries(pool, options.seed + 2).slice(0, 20)
  const layout = libraryLayout(dir)
  const sources = (await openCatalog(layout.catalog)).data.sources

  let items = await collectItems(sources, layout)
  const itemCount = items.length
  const snippets = timeSnippets(items, queries)
  progress(
    `baseline: the core's FlexSearch configuration built again from ${itemCount} items in memory`,
  )
  const flex = ((built) => ({
    ms: built.ms,
    heapMb: built.heapMb,
    indexOnly: timeIndexOnly((q) => built.index.search(q, 20).length, queries, warmup),
  }))(timeFlexBuild(items)) // that index is garbage once this returns
  progress(`baseline: FlexSearch built in ${flex.ms} ms; building MiniSearch`)
  const mini = await buildMiniSearch(sources, layout, items)
  items = []
  const miniIndexOnly = timeIndexOnly((q) => mini.raw(q, 20), queries, warmup)
  progress(`baseline: MiniSearch built in ${mini.buildMs} ms; timing ${queries.length} queries`)
  const times = await timeQueries((q) => mini.search(q, 20), queries, warmup, 'MiniSearch')
  const result: SearchBaselineResult = {
    items: itemCount,
    flexBuildMs: flex.ms,
    flexBuildHeapMb: flex.heapMb,
    flexIndexOnly: flex.indexOnly,
    snippets,
    miniBuildMs: mini.buildMs,
    miniHeapMb: mini.heapMb,
    miniIndexOnly,
    times,
  }
  await writeResult(out, result)
}

main().then(() => process.exit(0), reportCrash)
