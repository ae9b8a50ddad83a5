import type { BuildResult } from './buildLibrary'
import { formatRows, type FormatOutcome } from './formats'
import type { ProbeResult } from './openProbe'
import { queryClasses } from './queries'
import { engineFigures, type EngineFigures } from './search'
import type { SearchBaselineResult } from './searchBaseline'
import type { SearchCoreResult } from './searchCore'
import { results, type Results } from './results'
import { round, verdict, type Row, type Summary } from './stats'
import type { UiHugeResult } from './uiHuge'
import type { UiImportResult } from './uiImport'

/**
 * Everything one run measured, turned into the table rows and the flat bench-results.json. A phase
 * that could not run (or crashed) is reported as such, never left out or replaced by a guess.
 */
export type Figures = {
  build: Partial<BuildResult> | undefined
  buildFailure: string | undefined
  /** The persisted-index opens (fresh processes), fastest first; empty when there was no saved index. */
  persisted: ProbeResult[]
  persistedMissing: string | undefined
  rebuilt: ProbeResult | undefined
  rebuiltFailure: string | undefined
  core: SearchCoreResult | undefined
  coreFailure: string | undefined
  baseline: SearchBaselineResult | undefined
  baselineFailure: string | undefined
  /** The import rate by format, one outcome per format (empty when the phase did not run). */
  formats: FormatOutcome[]
  /** The renderer's frames during a 1,000-file import in Chromium (undefined: did not run). */
  uiImport: UiImportOutcome | undefined
  /** The renderer's frames during huge inputs in Chromium (undefined: did not run). */
  uiHuge: UiHugeOutcome | undefined
}

export type UiImportOutcome = { result?: UiImportResult; failure?: string }
/** A crashed phase may still have measured its first cases (`result`). */
export type UiHugeOutcome = { result?: UiHugeResult; failure?: string }

const ms = (value: number, digits = 2) => `${round(value, digits)} ms`
const threeWay = (s: Summary) => `${round(s.p50)} / ${round(s.p95)} / ${round(s.max)} ms`
const missing = (what: string, why: string | undefined): Omit<Row, 'figure' | 'budget'> => ({
  measured: `not measured: ${why ?? what}`,
  baseline: '—',
  verdict: 'over',
})

/** The ui-import phase's rows: the longest frame against its budget, then the import's pace. */
export function uiImportRows(outcome: UiImportOutcome | undefined): Row[] {
  const r = outcome?.result
  const figure = 'UI import, 1,000 files by Folder… (Chromium): longest frame'
  if (!r || r.notMeasured !== null || r.imported === 0) {
    const failed = r && `no file was imported: "${r.summary}" ${r.firstFailure ?? ''}`
    const why = outcome?.failure ?? r?.notMeasured ?? failed ?? 'the phase did not run'
    return [{ figure, budget: '≤ 100 ms', ...missing('ui-import', why) }]
  }
  return [
    {
      figure,
      budget: '≤ 100 ms',
      measured: `${ms(r.longestFrameMs, 0)} (p95 ${ms(r.frameP95Ms, 0)}; ${r.framesOver100} frames > 100 ms, ${r.framesOver50} > 50 ms; longest task ${ms(r.longestTaskMs, 0)})`,
      baseline: `idle page ${ms(r.idleLongestFrameMs, 0)}`,
      verdict: verdict(r.longestFrameMs <= 100),
    },
    {
      figure: '  the frame in which the browser hands the page the files',
      budget: '—',
      measured: `${ms(r.selectionFrameMs, 0)}, of which the app's (from the change event) ${ms(r.selectionAppShareMs, 0)}`,
      baseline: `page without the app ${ms(r.bareSelectionFrameMs, 0)}`,
      verdict: '—',
    },
    {
      figure: `  that import: ${r.describe}`,
      budget: '—',
      measured: `${r.perSecond} files/s (${r.seconds} s; "${r.summary}", ${r.listed} listed; load avg ${r.loadAverage})`,
      baseline: '—',
      verdict: '—',
    },
  ]
}

const clip = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length - 1)}…` : text

/**
 * The ui-huge phase's rows: per case, the longest frame against its budget, then what the UI
 * showed (against what it should show), Ctrl+K → palette, and the server's memory.
 */
export function uiHugeRows(outcome: UiHugeOutcome | undefined): Row[] {
  const r = outcome?.result
  const figure = 'UI huge inputs (Chromium): longest frame'
  if (!r || r.notMeasured !== null || r.cases.length === 0) {
    const why = outcome?.failure ?? r?.notMeasured ?? 'the phase did not run'
    return [{ figure, budget: '≤ 100 ms', ...missing('ui-huge', why) }]
  }
  const rows: Row[] = []
  for (const c of r.cases) {
    const letter = c.label.slice(0, 3)
    const stopped = c.error ? `; stopped: ${c.error}` : ''
    const selection =
      c.bareSelectionFrameMs === null
        ? ''
        : `; the browser's selection frame ${ms(c.selectionFrameMs, 0)}, without the app ${ms(c.bareSelectionFrameMs, 0)}`
    rows.push({
      figure: `UI huge input ${c.label}: longest frame`,
      budget: '≤ 100 ms',
      measured: `${ms(c.longestFrameMs, 0)} (${c.framesOver100} frames > 100 ms; longest task ${ms(c.longestTaskMs, 0)}; ${c.seconds} s; with the Ctrl+K frames ${ms(c.longestFrameWithPressesMs, 0)}${selection}${stopped})`,
      baseline: `idle page ${ms(c.idleLongestFrameMs, 0)}`,
      verdict: verdict(c.error === null && c.longestFrameMs <= 100),
    })
    const during = c.palette.duringMs
    const palette =
      during.length > 0
        ? `Ctrl+K → palette max ${ms(Math.max(...during), 0)} over ${during.length} presses`
        : 'Ctrl+K → palette: no press answered'
    const missed = c.palette.missed > 0 ? `, ${c.palette.missed} unanswered in 60 s` : ''
    const after = c.palette.afterMs === null ? '' : `, after ${ms(c.palette.afterMs, 0)}`
    const memory = c.server
      ? `server RSS +${c.server.growthMb} MB (peak ${c.server.peakMb} MB, end ${c.server.endMb} MB)`
      : 'server RSS not read'
    rows.push({
      figure: `  ${letter} showed; Ctrl+K; core memory`,
      budget: c.expected,
      measured: `"${clip(c.outcome, 90)}"; ${palette}${missed}${after}; ${memory}`,
      baseline: '—',
      verdict: verdict(c.outcomeOk),
    })
  }
  rows.push({
    figure: '  ui-huge: how busy the machine was',
    budget: '—',
    measured: `load avg ${r.loadAverage} at the start, ${r.loadAverageEnd || '?'} at the end; ${r.existingSources} sources before; Chromium ${r.chromium}`,
    baseline: '—',
    verdict: '—',
  })
  if (outcome?.failure)
    rows.push({ figure: '  ui-huge stopped', ...missing('ui-huge', outcome.failure), budget: '—' })
  return rows
}

export function report(f: Figures): { rows: Row[]; results: Results } {
  const { build, persisted, rebuilt, core, baseline } = f
  const open = persisted[Math.floor((persisted.length - 1) / 2)] // the median run
  const fromDisk = open?.openedFrom === 'disk' ? open : undefined
  const rows: Row[] = []
  const add = (row: Row) => rows.push(row)

  const imported = build?.imported
  add({
    figure: 'import plain text (sources/s, 8 in flight)',
    budget: '≥ 300/s',
    ...(imported
      ? {
          measured: `${imported.perSecond}/s (first 10%: ${imported.firstTenthPerSecond}/s, last 10%: ${imported.lastTenthPerSecond}/s)`,
          baseline: '—',
          verdict: verdict(imported.perSecond >= 300),
        }
      : {
          ...missing('import', f.buildFailure ?? 'library reused (--reuse)'),
          verdict: f.buildFailure ? 'over' : '—',
        }),
  })

  rows.push(...formatRows(f.formats))
  if (f.uiImport) rows.push(...uiImportRows(f.uiImport))
  if (f.uiHuge) rows.push(...uiHugeRows(f.uiHuge))

  const rebuildText = rebuilt
    ? `rebuild ${ms(rebuilt.totalMs, 0)}`
    : `rebuild failed: ${f.rebuiltFailure ?? '?'}`
  add({
    figure: 'open → first search (persisted index)',
    budget: '≤ 1500 ms',
    ...(fromDisk
      ? {
          measured: `${ms(fromDisk.totalMs, 0)} (index ${ms(fromDisk.indexMs, 0)}, catalog ≈${ms(fromDisk.catalogOpenMs, 0)})`,
          baseline: rebuildText,
          verdict: verdict(fromDisk.totalMs <= 1500),
        }
      : {
          ...missing(
            'open',
            `${f.persistedMissing ?? 'the saved index was not used'}${f.buildFailure ? ' (the build process died first)' : ''}`,
          ),
          baseline: rebuildText,
        }),
  })
  const speedup = fromDisk && rebuilt ? rebuilt.totalMs / fromDisk.totalMs : undefined
  add({
    figure: 'open speed-up over a rebuild',
    budget: '≥ 5×',
    ...(speedup === undefined
      ? missing('speed-up', 'needs both opens')
      : {
          measured: `${round(speedup, 1)}×`,
          baseline: rebuildText,
          verdict: verdict(speedup >= 5),
        }),
  })

  const flexE = core ? engineFigures(core.times) : undefined
  const miniE = baseline ? engineFigures(baseline.times) : undefined
  const on = core && core.openedFrom !== 'disk' ? ' (index rebuilt)' : ''
  const queries = core?.times.cold.length ?? baseline?.times.cold.length ?? 0
  const vs = (pick: (e: EngineFigures) => number) =>
    miniE
      ? `MiniSearch ${ms(pick(miniE))}${flexE ? ` (${round(pick(flexE) / pick(miniE), 2)}×)` : ''}`
      : `MiniSearch: ${f.baselineFailure ?? '?'}`
  const coreMissing = missing('search', f.coreFailure)
  add({
    figure: `search p50, ${queries} queries, 20 hits + snippets${on}`,
    budget: '< MiniSearch',
    ...(flexE
      ? {
          measured: ms(flexE.overall.p50),
          verdict: verdict(miniE && flexE.overall.p50 < miniE.overall.p50),
        }
      : coreMissing),
    baseline: vs((e) => e.overall.p50),
  })
  add({
    figure: `search p95, ${queries} queries, 20 hits + snippets${on}`,
    budget: '≤ 10 ms, < MiniSearch',
    ...(flexE
      ? {
          measured: `${ms(flexE.overall.p95)} (max ${round(flexE.overall.max)})`,
          verdict: verdict(
            flexE.overall.p95 <= 10 && (!miniE || flexE.overall.p95 < miniE.overall.p95),
          ),
        }
      : coreMissing),
    baseline: vs((e) => e.overall.p95),
  })
  for (const kind of queryClasses) {
    const fs = flexE?.byClass[kind]
    const mk = miniE?.byClass[kind]
    if (!fs) continue
    add({
      figure: `  ${kind} (${fs.n}): p50 / p95 / max`,
      measured: threeWay(fs),
      budget: 'p95 ≤ 10 ms',
      baseline: mk ? `MiniSearch ${threeWay(mk)}` : '—',
      verdict: verdict(fs.p95 <= 10),
    })
  }
  if (flexE && miniE) {
    const share = (e: EngineFigures) =>
      `${e.meanHits} hits/query, ${Math.round(e.sourceShare * 100)}% sources`
    add({
      figure: '  what the queries returned',
      measured: share(flexE),
      budget: '—',
      baseline: `MiniSearch ${share(miniE)}`,
      verdict: '—',
    })
  }
  if (baseline) {
    add({
      figure: '  the index alone, no snippets: p50 / p95',
      measured: `${round(baseline.flexIndexOnly.p50, 3)} / ${ms(baseline.flexIndexOnly.p95, 3)}`,
      budget: '—',
      baseline: `MiniSearch ${round(baseline.miniIndexOnly.p50, 3)} / ${ms(baseline.miniIndexOnly.p95, 3)}`,
      verdict: '—',
    })
    add({
      figure: '  makeSnippet, one ≈5 KB source: p50 / p95',
      measured: `${round(baseline.snippets.p50, 3)} / ${ms(baseline.snippets.p95, 3)}`,
      budget: '—',
      baseline: '—',
      verdict: '—',
    })
  }
  if (flexE) {
    add({
      figure: '  second pass (warm caches): p95',
      measured: ms(flexE.warm.p95),
      budget: '≤ 10 ms',
      baseline: miniE ? `MiniSearch ${ms(miniE.warm.p95)}` : '—',
      verdict: verdict(flexE.warm.p95 <= 10),
    })
  }

  const saves = build?.saves
  add({
    figure: `create annotation → fsynced, p95 (${saves?.n ?? 0} one at a time)`,
    budget: '≤ 25 ms',
    ...(saves
      ? {
          measured: `${ms(saves.p95)} (p50 ${round(saves.p50)}, max ${round(saves.max)})`,
          baseline: '—',
          verdict: verdict(saves.p95 <= 25),
        }
      : {
          ...missing('saves', f.buildFailure ?? 'library reused (--reuse)'),
          verdict: f.buildFailure ? 'over' : '—',
        }),
  })
  if (build?.saves) {
    const stalls = build.stalls
    add({
      figure: `  a create landing in the index's background save (worst of ${build.planned?.stallTrials ?? '?'})`,
      budget: '(≤ 25 ms)',
      ...(stalls
        ? { measured: ms(stalls.max, 0), baseline: '—', verdict: verdict(stalls.max <= 25) }
        : missing('stall', f.buildFailure)),
    })
    add({
      figure: '  the index saved to disk (close)',
      budget: 'completes',
      ...(build.persistMs !== undefined
        ? { measured: ms(build.persistMs, 0), baseline: '—', verdict: 'ok' }
        : missing('persist', f.buildFailure)),
    })
  }

  const memory = fromDisk ?? rebuilt
  add({
    figure: `resident memory, library open${memory === fromDisk ? '' : ' (index rebuilt)'}${memory?.gcAvailable === false ? ' (no GC)' : ''}`,
    budget: '≤ 600 MB',
    ...(memory
      ? {
          measured: `${memory.rssMb} MB (heap ${memory.heapMb} MB)`,
          baseline: rebuilt && memory !== rebuilt ? `after a rebuild ${rebuilt.rssMb} MB` : '—',
          verdict: verdict(memory.rssMb <= 600),
        }
      : missing('memory', 'no open succeeded')),
  })
  if (build?.bulk) {
    add({
      figure: 'bulk annotation create (8 in flight)',
      measured: `${build.bulk.perSecond}/s`,
      budget: '—',
      baseline: '—',
      verdict: '—',
    })
  }
  return { rows, results: results(f, fromDisk, speedup, flexE, miniE) }
}
