import type { ProbeResult } from './openProbe'
import { queryClasses } from './queries'
import type { Figures, UiHugeOutcome, UiImportOutcome } from './report'
import { formatResults } from './formats'
import type { EngineFigures } from './search'
import { round, summarize } from './stats'
import type { WorstFrame } from './uiFrames'
import type { HugeCaseName } from './uiHuge'

/** bench-results.json: flat keys; a figure that could not be measured is null, with an *_error beside it. */
export type Results = Record<string, number | string | boolean | null>

export function results(
  f: Figures,
  open: ProbeResult | undefined,
  speedup: number | undefined,
  flex: EngineFigures | undefined,
  mini: EngineFigures | undefined,
): Results {
  const { build, rebuilt, core, baseline } = f
  const r = (value: number | undefined, digits = 3) =>
    value === undefined ? null : round(value, digits)
  const counted = open ?? rebuilt
  const out: Results = {
    sources: counted?.sources ?? build?.built?.counts.sources ?? null,
    annotations: counted?.annotations ?? build?.built?.counts.annotations ?? null,
    index_documents: counted?.documents ?? null,
    source_bytes_avg: build?.imported?.averageBytes ?? null,
    import_text_per_s: r(build?.imported?.perSecond, 1),
    import_seconds: r(build?.imported?.seconds, 1),
    import_first_tenth_per_s: r(build?.imported?.firstTenthPerSecond, 1),
    import_last_tenth_per_s: r(build?.imported?.lastTenthPerSecond, 1),
    annotations_bulk_per_s: r(build?.bulk?.perSecond, 1),
    annotations_bulk_seconds: r(build?.bulk?.seconds, 1),
    build_error: f.buildFailure ? `${f.buildFailure} (during: ${build?.phase ?? '?'})` : null,
    rebuild_ms: r(rebuilt?.totalMs, 0),
    rebuild_index_ms: r(rebuilt?.indexMs, 0),
    rebuild_error: f.rebuiltFailure ?? null,
    open_persisted_ms: r(open?.totalMs, 0),
    open_persisted_index_ms: r(open?.indexMs, 0),
    open_persisted_first_search_ms: r(open?.firstSearchMs, 1),
    open_persisted_runs_ms: f.persisted.map((p) => p.totalMs).join(' '),
    open_persisted_error: open
      ? null
      : (f.persistedMissing ?? 'the index was not opened from disk'),
    open_catalog_ms_warm: r(open?.catalogOpenMs, 0),
    open_speedup: r(speedup, 2),
    index_persist_ms: r(build?.persistMs, 0),
    annotation_save_p50_ms: r(build?.saves?.p50),
    annotation_save_p95_ms: r(build?.saves?.p95),
    annotation_save_max_ms: r(build?.saves?.max),
    annotation_save_samples: build?.saves?.n ?? null,
    annotation_save_during_index_save_max_ms: r(build?.stalls?.max, 0),
    rss_mb: open?.rssMb ?? null,
    heap_mb: open?.heapMb ?? null,
    rss_mb_after_rebuild: rebuilt?.rssMb ?? null,
    heap_mb_after_rebuild: rebuilt?.heapMb ?? null,
    gc_before_memory: (open ?? rebuilt)?.gcAvailable ?? null,
    search_opened_from: core?.openedFrom ?? null,
    search_open_ms: r(core?.openMs, 0),
    search_error: f.coreFailure ?? null,
    search_error_minisearch: f.baselineFailure ?? null,
    rss_mb_after_queries: core?.rssMb ?? null,
    heap_mb_after_queries: core?.heapMb ?? null,
    index_items: baseline?.items ?? null,
    index_build_ms: r(baseline?.flexBuildMs, 0),
    index_build_heap_mb: r(baseline?.flexBuildHeapMb, 1),
    minisearch_build_ms: r(baseline?.miniBuildMs, 0),
    minisearch_heap_mb: r(baseline?.miniHeapMb, 1),
    node: process.version,
  }
  Object.assign(out, {
    search_queries: flex?.overall.n ?? mini?.overall.n ?? null,
    search_p50_ms: r(flex?.overall.p50),
    search_p95_ms: r(flex?.overall.p95),
    search_max_ms: r(flex?.overall.max),
    search_p50_ms_minisearch: r(mini?.overall.p50),
    search_p95_ms_minisearch: r(mini?.overall.p95),
    search_max_ms_minisearch: r(mini?.overall.max),
    search_p95_ratio_vs_minisearch:
      flex && mini ? round(flex.overall.p95 / mini.overall.p95, 3) : null,
    search_warm_p50_ms: r(flex?.warm.p50),
    search_warm_p95_ms: r(flex?.warm.p95),
    search_warm_p50_ms_minisearch: r(mini?.warm.p50),
    search_warm_p95_ms_minisearch: r(mini?.warm.p95),
    search_index_only_p50_ms: r(baseline?.flexIndexOnly.p50, 4),
    search_index_only_p95_ms: r(baseline?.flexIndexOnly.p95, 4),
    search_index_only_p50_ms_minisearch: r(baseline?.miniIndexOnly.p50, 4),
    search_index_only_p95_ms_minisearch: r(baseline?.miniIndexOnly.p95, 4),
    snippet_p50_ms: r(baseline?.snippets.p50, 4),
    snippet_p95_ms: r(baseline?.snippets.p95, 4),
    search_slowest: flex?.slowest ?? null,
    search_slowest_minisearch: mini?.slowest ?? null,
    search_zero_hit_queries: flex?.zeroHits ?? null,
    search_zero_hit_queries_minisearch: mini?.zeroHits ?? null,
    search_mean_hits: flex?.meanHits ?? null,
    search_source_hit_share: flex?.sourceShare ?? null,
    search_source_hit_share_minisearch: mini?.sourceShare ?? null,
    search_queries_over_limit_20: flex?.overLimit ?? null,
    search_queries_over_limit_20_minisearch: mini?.overLimit ?? null,
    search_mean_hits_minisearch: mini?.meanHits ?? null,
  })
  Object.assign(out, formatResults(f.formats))
  Object.assign(out, uiImportResults(f.uiImport))
  Object.assign(out, uiHugeResults(f.uiHuge))
  for (const kind of queryClasses) {
    const key = kind.replace(/-/g, '_')
    for (const [suffix, figures] of [
      ['', flex],
      ['_minisearch', mini],
    ] as const) {
      const s = figures?.byClass[kind]
      out[`search_${key}_p50_ms${suffix}`] = r(s?.p50)
      out[`search_${key}_p95_ms${suffix}`] = r(s?.p95)
      out[`search_${key}_max_ms${suffix}`] = r(s?.max)
    }
  }
  return out
}

/** The longest animation frames, and what filled them, in one line. */
function worstFrames(frames: readonly WorstFrame[]): string {
  return frames
    .map(
      (f) => `${f.ms} ms at ${f.atMs} ms (script ${f.scriptMs}, layout ${f.layoutMs}: ${f.script})`,
    )
    .join('; ')
}

/** The ui-import phase's keys (null when it did not run or could not measure). */
export function uiImportResults(outcome: UiImportOutcome | undefined): Results {
  const r = outcome?.result?.notMeasured === null ? outcome.result : undefined
  return {
    ui_import_files: r?.files ?? null,
    ui_import_imported: r?.imported ?? null,
    ui_import_existing_sources: r?.existingSources ?? null,
    ui_import_seconds: r?.seconds ?? null,
    ui_import_files_per_s: r?.perSecond ?? null,
    ui_import_summary: r?.summary ?? null,
    ui_import_first_failure: r?.firstFailure ?? null,
    ui_import_listed: r?.listed ?? null,
    ui_import_progress_lines_seen: r?.progressSeen ?? null,
    ui_longest_frame_ms: r?.longestFrameMs ?? null,
    ui_frame_p50_ms: r?.frameP50Ms ?? null,
    ui_frame_p95_ms: r?.frameP95Ms ?? null,
    ui_frames: r?.frames ?? null,
    ui_frames_over_50ms: r?.framesOver50 ?? null,
    ui_frames_over_100ms: r?.framesOver100 ?? null,
    ui_long_tasks: r?.longTasks ?? null,
    ui_longest_task_ms: r?.longestTaskMs ?? null,
    ui_total_blocking_ms: r?.blockingMs ?? null,
    ui_idle_longest_frame_ms: r?.idleLongestFrameMs ?? null,
    ui_selection_frame_ms: r?.selectionFrameMs ?? null,
    ui_selection_app_share_ms: r?.selectionAppShareMs ?? null,
    ui_selection_frame_ms_without_app: r?.bareSelectionFrameMs ?? null,
    ui_worst_frames: r ? worstFrames(r.worstFrames) : null,
    ui_import_load_average: r?.loadAverage ?? null,
    ui_import_chromium: r?.chromium ?? null,
    ui_import_error:
      outcome?.failure ?? outcome?.result?.notMeasured ?? (outcome ? null : 'did not run'),
  }
}

const hugeCaseKeys: Record<HugeCaseName, string> = {
  file100mb: 'ui_huge_file_100mb',
  lineTxt: 'ui_huge_line_txt',
  lineMd: 'ui_huge_line_md',
  lineHtml: 'ui_huge_line_html',
  folder: 'ui_huge_folder',
}

/** The ui-huge phase's keys: `ui_huge_<case>_<figure>`, null for a case that did not run. */
export function uiHugeResults(outcome: UiHugeOutcome | undefined): Results {
  const r = outcome?.result?.notMeasured === null ? outcome.result : undefined
  const out: Results = {
    ui_huge_existing_sources: r?.existingSources ?? null,
    ui_huge_folder_files: r?.folderFiles ?? null,
    ui_huge_load_average: r?.loadAverage ?? null,
    ui_huge_load_average_end: r?.loadAverageEnd || null,
    ui_huge_chromium: r?.chromium ?? null,
    ui_huge_error:
      outcome?.failure ?? outcome?.result?.notMeasured ?? (outcome ? null : 'did not run'),
  }
  for (const [name, key] of Object.entries(hugeCaseKeys)) {
    const c = r?.cases.find((measured) => measured.name === name)
    const during = c?.palette.duringMs ?? []
    Object.assign(out, {
      [`${key}_outcome`]: c?.outcome ?? null,
      [`${key}_outcome_ok`]: c?.outcomeOk ?? null,
      [`${key}_error`]: c ? c.error : 'did not run',
      [`${key}_seconds`]: c?.seconds ?? null,
      [`${key}_longest_frame_ms`]: c?.longestFrameMs ?? null,
      [`${key}_longest_frame_ms_with_ctrl_k`]: c?.longestFrameWithPressesMs ?? null,
      [`${key}_frame_p95_ms`]: c?.frameP95Ms ?? null,
      [`${key}_frames_over_100ms`]: c?.framesOver100 ?? null,
      [`${key}_frames_over_50ms`]: c?.framesOver50 ?? null,
      [`${key}_longest_task_ms`]: c?.longestTaskMs ?? null,
      [`${key}_total_blocking_ms`]: c?.blockingMs ?? null,
      [`${key}_idle_longest_frame_ms`]: c?.idleLongestFrameMs ?? null,
      [`${key}_selection_frame_ms`]: c?.selectionFrameMs ?? null,
      [`${key}_selection_frame_ms_without_app`]: c?.bareSelectionFrameMs ?? null,
      [`${key}_worst_frames`]: c ? worstFrames(c.worstFrames) : null,
      [`${key}_palette_presses`]: c ? during.length : null,
      [`${key}_palette_max_ms`]: during.length > 0 ? Math.max(...during) : null,
      [`${key}_palette_median_ms`]: during.length > 0 ? summarize(during).p50 : null,
      [`${key}_palette_unanswered`]: c?.palette.missed ?? null,
      [`${key}_palette_after_ms`]: c?.palette.afterMs ?? null,
      [`${key}_server_rss_start_mb`]: c?.server?.startMb ?? null,
      [`${key}_server_rss_peak_mb`]: c?.server?.peakMb ?? null,
      [`${key}_server_rss_growth_mb`]: c?.server?.growthMb ?? null,
      [`${key}_server_rss_end_mb`]: c?.server?.endMb ?? null,
    })
  }
  return out
}
