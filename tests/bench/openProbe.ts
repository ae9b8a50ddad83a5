/**
 * Run in a fresh Node process by run.ts: opens a library, answers one search, and reports the
 * timings and the memory of a process that has only that library open. It never closes the
 * library (closing could save the index), so it leaves the folder as it found it.
 *
 * Usage: node --expose-gc --import tsx tests/bench/openProbe.ts <library folder> <query> <out.json>
 */
import { reportCrash, writeResult } from './child'
import { openCatalog } from '../../electron/core/catalog'
import { Library } from '../../electron/core/library'
import { libraryLayout } from '../../electron/core/paths'
import { memory, round } from './stats'

export type ProbeResult = {
  openedFrom: 'disk' | 'rebuild'
  reason: string | null
  /** Library.open resolved, ms after the call. */
  openMs: number
  /** The part of open spent on the index (import from disk, or the rebuild). */
  indexMs: number
  firstSearchMs: number
  /** Library.open called → first search answered. */
  totalMs: number
  firstSearchHits: number
  sources: number
  annotations: number
  documents: number
  /** Catalog read + validate alone, measured afterwards (warm), to split the open time. */
  catalogOpenMs: number
  rssMb: number
  heapMb: number
  gcAvailable: boolean
}

async function main(): Promise<void> {
  const [path, query, out] = process.argv.slice(2)
  if (!path || !query || !out)
    throw new Error('usage: openProbe.ts <library folder> <query> <out.json>')
  const started = performance.now()
  const library = await Library.open(path, { indexPersistDelayMs: 3_600_000 })
  const opened = performance.now()
  const hits = await library.searchQuery(query, 20)
  const answered = performance.now()
  const info = library.info()
  const { rssMb, heapMb, gcAvailable } = memory()
  const catalogStarted = performance.now()
  await openCatalog(libraryLayout(path).catalog)
  const catalogOpenMs = performance.now() - catalogStarted
  const result: ProbeResult = {
    openedFrom: library.indexReport.openedFrom,
    reason: library.indexReport.reason,
    openMs: round(opened - started, 1),
    indexMs: round(library.indexReport.milliseconds, 1),
    firstSearchMs: round(answered - opened, 1),
    totalMs: round(answered - started, 1),
    firstSearchHits: hits.length,
    sources: info.counts.sources,
    annotations: info.counts.annotations,
    documents: info.index.documents,
    catalogOpenMs: round(catalogOpenMs, 1),
    rssMb,
    heapMb,
    gcAvailable,
  }
  await writeResult(out, result)
}

main().then(() => process.exit(0), reportCrash)
