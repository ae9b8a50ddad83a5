/**
 * Child process of run.ts: builds the bench library through the public core API, as a batch
 * import and a busy analyst would, and times it. Writes its figures after every phase, so a crash
 * in a later phase (the index's own save) still leaves the earlier figures.
 *
 * Usage: node --expose-gc --import tsx tests/bench/buildLibrary.ts <library folder> [options] <out.json>
 */
import { Library } from '../../electron/core/library'
import type { LibraryInfo } from '../../shared/api'
import {
  annotateAll,
  importAll,
  timeSavesDuringIndexSave,
  timeSingleSaves,
  type ImportFigures,
} from './build'
import { addCaseItems, caseItemCounts, type CaseItemCounts } from './caseItems'
import { parseOptions, reportCrash, writeResult } from './child'
import { loadPool, planSources } from './corpus'
import { progress, round, summarize, type Summary } from './stats'

export type BuildResult = {
  planned: { bulk: number; saves: number; stallTrials: number }
  /** What the build was doing when it last wrote this file (when it died, if it did). */
  phase: string
  imported: ImportFigures
  bulk: { count: number; seconds: number; perSecond: number }
  /** Actors, events and notes made after the annotations (design.md's proportions). */
  caseItems: CaseItemCounts & { seconds: number }
  saves: Summary
  /** Saves that landed while the index was saving itself; absent if that save crashed. */
  stalls: Summary
  /** close(): the index saved to disk. */
  persistMs: number
  built: LibraryInfo
}

/** The core's default delay before the index saves itself: the bench runs the library as the app does. */
export const persistDelayMs = 5000

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const dir = argv[0]
  const out = argv.at(-1)
  if (!dir || !out || argv.length < 2)
    throw new Error('usage: buildLibrary.ts <library folder> [options] <out.json>')
  const options = parseOptions(argv)
  const measuredSaves = Math.min(options.saves, Math.floor(options.annotations / 2))
  const stallTrials =
    options.annotations >= measuredSaves + 2 * options.stallTrials + 1 ? options.stallTrials : 0
  const bulkCount = options.annotations - measuredSaves - 2 * stallTrials
  const result: Partial<BuildResult> = {
    planned: { bulk: bulkCount, saves: measuredSaves, stallTrials },
    phase: 'import',
  }
  await writeResult(out, result)

  const pool = await loadPool()
  const plans = planSources(pool, options.sources, options.seed)
  const library = await Library.open(dir)
  const imported = await importAll(library, pool, plans, options.concurrency)
  result.imported = { ...imported, sourceIds: [] } // the ids are not worth writing out
  progress(`imported ${options.sources} sources in ${imported.seconds} s (${imported.perSecond}/s)`)
  result.phase = 'annotations'
  await writeResult(out, result)

  const bulk = await annotateAll(
    library,
    pool,
    imported.sourceIds,
    bulkCount,
    options.concurrency,
    options.seed + 3,
  )
  result.bulk = { count: bulkCount, ...bulk }
  progress(`${bulkCount} annotations in ${bulk.seconds} s (${bulk.perSecond}/s)`)
  const counts = caseItemCounts(options.sources)
  result.caseItems = { ...counts, ...(await addCaseItems(library, pool, counts, options.seed + 6)) }
  progress(
    `${counts.actors} actors, ${counts.events} events, ${counts.notes} notes in ${result.caseItems.seconds} s; timing ${measuredSaves} single saves`,
  )
  result.saves = summarize(
    await timeSingleSaves(library, pool, imported.sourceIds, measuredSaves, options.seed + 4),
  )
  progress(`single saves p50 ${round(result.saves.p50)} ms, p95 ${round(result.saves.p95)} ms`)
  result.built = library.info()
  result.phase =
    'saves timed while the index saves itself in the background (5 s after the last change)'
  await writeResult(out, result)

  progress(
    `${stallTrials} saves landing in the index's own save (${persistDelayMs} ms after the last change)`,
  )
  const stalls = await timeSavesDuringIndexSave(
    library,
    pool,
    imported.sourceIds,
    stallTrials,
    persistDelayMs,
    options.seed + 5,
  )
  result.stalls = summarize(stalls)
  result.phase = 'close (saves the index)'
  await writeResult(out, result)

  const closing = performance.now()
  await library.close()
  result.persistMs = round(performance.now() - closing, 0)
  result.built = library.info()
  progress(`closed: the index saved in ${result.persistMs} ms`)
  result.phase = 'done'
  await writeResult(out, result)
}

main().then(() => process.exit(0), reportCrash)
