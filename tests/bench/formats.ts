import { join } from 'node:path'
import { runChild } from './child'
import type { Results } from './results'
import { progress, round, verdict, type Row } from './stats'

/**
 * The "import rate by format" phase, parent side: one child process per format (importFormats.ts),
 * so each importer runs in a process of its own and one that crashes leaves the others' figures.
 * The counts are fixed (not scaled by --sources): they measure an importer, not a library size.
 */

export const formatNames = ['text', 'markdown', 'html', 'email', 'pdf'] as const
export type FormatName = (typeof formatNames)[number]

/** Per format: its files and how many rounds import them (each round into a fresh library). */
export const formatPlans: Record<FormatName, { label: string; count: number; rounds: number }> = {
  text: { label: 'plain text', count: 1000, rounds: 1 },
  markdown: { label: 'Markdown', count: 500, rounds: 1 },
  // 35 pages: three rounds for volume (each page's text is new to each round's fresh library).
  html: { label: 'HTML', count: 35, rounds: 3 },
  email: { label: 'e-mail (.eml)', count: 1400, rounds: 1 },
  pdf: { label: 'PDF', count: 100, rounds: 1 },
}

export type FormatResult = {
  format: FormatName
  /** Why nothing was timed: the corpora folder is absent, or the importer refuses the extension. */
  notMeasured: string | null
  /** What the files were: how many, and of what. */
  files: number
  describe: string
  rounds: number
  /** Over all rounds. */
  imported: number
  duplicates: number
  skipped: number
  failed: number
  firstFailure: string | null
  bytes: number
  seconds: number
  /** Each round's time: the first round of a small set shows how much the importer warms up. */
  roundSeconds: number[]
  /** Sources imported per second, over all rounds (duplicates and failures are counted apart). */
  perSecond: number
  /** Input megabytes (2^20 bytes, every file of every round) per second. */
  mbPerSecond: number
  /** One file into a scratch library before the timed rounds: includes loading the importer. */
  coldFirstFileMs: number | null
  /** HTML only: each page imported alone (after the rounds), the slowest and the median. */
  alone: { slowestFile: string; slowestMs: number; medianMs: number } | null
}

export type FormatOutcome = { format: FormatName; result?: FormatResult; failure?: string }

/** Runs every format's child in turn; a child that dies is reported, never fatal to the bench. */
export async function measureFormats(
  work: string,
  argv: readonly string[],
): Promise<FormatOutcome[]> {
  const outcomes: FormatOutcome[] = []
  for (const format of formatNames) {
    const started = performance.now()
    const child = await runChild<FormatResult>(
      './importFormats.ts',
      [format, join(work, `format-${format}`), join(work, 'format-pool.json'), ...argv],
      join(work, `format-${format}.json`),
      ['--expose-gc'],
    )
    const seconds = round((performance.now() - started) / 1000, 1)
    if (child.ok) {
      const r = child.result
      progress(
        r.notMeasured
          ? `import ${format}: not measured (${r.notMeasured}); ${seconds} s`
          : `import ${format}: ${r.perSecond}/s, ${r.mbPerSecond} MB/s; the child took ${seconds} s`,
      )
      outcomes.push({ format, result: r })
    } else {
      progress(`import ${format} failed: ${child.failure}`)
      outcomes.push({ format, failure: child.failure })
    }
  }
  return outcomes
}

/** design.md's import budgets by format (plain text's is the bench library's own import row). */
const formatBudgets: Partial<Record<FormatName, number>> = { html: 30 }

export function formatRows(outcomes: readonly FormatOutcome[]): Row[] {
  const rows: Row[] = []
  for (const { format, result: r, failure } of outcomes) {
    const { label } = formatPlans[format]
    const figure = `import ${label}${r?.describe ? `, ${r.describe}` : ''} (sources/s, 8 in flight)`
    if (!r || r.notMeasured) {
      rows.push({
        figure,
        measured: `not measured: ${r?.notMeasured ?? failure ?? '?'}`,
        budget: '—',
        baseline: '—',
        verdict: r ? '—' : 'failed',
      })
      continue
    }
    const outcomes = [
      r.duplicates > 0 ? `${r.duplicates} duplicates` : '',
      r.skipped > 0 ? `${r.skipped} skipped` : '',
      r.failed > 0 ? `${r.failed} failed, e.g. ${r.firstFailure ?? '?'}` : '',
    ].filter((text) => text !== '')
    const budget = formatBudgets[format]
    rows.push({
      figure,
      measured: `${r.perSecond}/s, ${r.mbPerSecond} MB/s${outcomes.length > 0 ? ` (${outcomes.join('; ')})` : ''}`,
      budget: budget === undefined ? '—' : `≥ ${budget}/s`,
      baseline: '—',
      verdict: verdict(budget === undefined ? undefined : r.perSecond >= budget),
    })
    if (r.alone) {
      rows.push({
        figure: `  slowest ${label} page, imported alone`,
        measured: `${r.alone.slowestMs} ms (${r.alone.slowestFile}; median ${r.alone.medianMs} ms)`,
        budget: '—',
        baseline: '—',
        verdict: '—',
      })
    }
  }
  return rows
}

/** bench-results.json keys: import_format_<format>_…; null (with an _error) when not measured. */
export function formatResults(outcomes: readonly FormatOutcome[]): Results {
  const out: Results = {}
  for (const format of formatNames) {
    const outcome = outcomes.find((o) => o.format === format)
    const r = outcome?.result && !outcome.result.notMeasured ? outcome.result : undefined
    const key = (name: string) => `import_format_${format}_${name}`
    out[key('per_s')] = r?.perSecond ?? null
    out[key('mb_per_s')] = r?.mbPerSecond ?? null
    out[key('files')] = r ? r.files * r.rounds : null
    out[key('rounds')] = r?.rounds ?? null
    out[key('seconds')] = r?.seconds ?? null
    if (format === 'html') out[key('round_seconds')] = r ? r.roundSeconds.join(' ') : null
    out[key('mb')] = r ? round(r.bytes / 1048576, 2) : null
    out[key('duplicates')] = r?.duplicates ?? null
    out[key('failed')] = r?.failed ?? null
    out[key('skipped')] = r?.skipped ?? null
    out[key('cold_first_file_ms')] = r?.coldFirstFileMs ?? null
    if (format === 'html') {
      out[key('slowest_page')] = r?.alone?.slowestFile ?? null
      out[key('slowest_page_ms')] = r?.alone?.slowestMs ?? null
      out[key('median_page_ms')] = r?.alone?.medianMs ?? null
    }
    out[key('error')] = r ? null : (outcome?.result?.notMeasured ?? outcome?.failure ?? 'not run')
  }
  return out
}
