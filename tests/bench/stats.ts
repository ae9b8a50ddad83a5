/** Small helpers: percentiles, progress on stderr, memory, and the one table on stdout. */

export type Summary = { n: number; p50: number; p95: number; max: number; mean: number }

/** Nearest-rank percentile of already measured samples (milliseconds). */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ??
    NaN
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length)
  return { n: sorted.length, p50: rank(50), p95: rank(95), max: sorted.at(-1) ?? NaN, mean }
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

/** The bench's start, shared with its child processes so every progress line counts from it. */
const started = Number(process.env.CASEFILE_BENCH_T0) || Date.now()
process.env.CASEFILE_BENCH_T0 = String(started)

/** Progress for a human watching a long run: stderr, with the elapsed time. */
export function progress(message: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6)
  process.stderr.write(`[bench ${seconds}s] ${message}\n`)
}

/** Resident set and heap in MB, after a full GC when the process was started with --expose-gc. */
export function memory(): { rssMb: number; heapMb: number; gcAvailable: boolean } {
  const collect = globalThis.gc
  if (collect) {
    collect()
    collect()
  }
  const usage = process.memoryUsage()
  return {
    rssMb: round(usage.rss / 1048576, 1),
    heapMb: round(usage.heapUsed / 1048576, 1),
    gcAvailable: collect !== undefined,
  }
}

export type Row = {
  figure: string
  measured: string
  budget: string
  baseline: string
  verdict: string
}

export function verdict(ok: boolean | undefined): string {
  return ok === undefined ? '—' : ok ? 'ok' : 'over'
}

/** A plain Markdown table, padded so it also reads well in a terminal. */
export function formatTable(rows: readonly Row[]): string {
  const header: Row = {
    figure: 'figure',
    measured: 'measured',
    budget: 'budget',
    baseline: 'baseline',
    verdict: 'verdict',
  }
  const keys = ['figure', 'measured', 'budget', 'baseline', 'verdict'] as const
  const widths = keys.map((key) => Math.max(...[header, ...rows].map((row) => row[key].length)))
  const line = (row: Row) =>
    `| ${keys.map((key, i) => row[key].padEnd(widths[i] ?? 0)).join(' | ')} |`
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`
  return [line(header), rule, ...rows.map(line)].join('\n')
}

/** Runs `work` over items with at most `limit` in flight; returns when all are done. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      await work(items[index] as T, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
