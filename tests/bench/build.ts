import type { ParsedInput } from '../../shared/api'
import { describeRange } from '../../shared/anchoring'
import type { Library } from '../../electron/core/library'
import { pick, prng, renderSource, type Pool, type SourcePlan } from './corpus'
import { inParallel, progress, round } from './stats'

/** Building the bench library through the public core API, as a batch import and a busy analyst would. */

export type ImportFigures = {
  sourceIds: string[]
  seconds: number
  perSecond: number
  /** Sources per second over the first and the last tenth of the import: does it slow down as the library grows? */
  firstTenthPerSecond: number
  lastTenthPerSecond: number
  averageBytes: number
}

export async function importAll(
  library: Library,
  pool: Pool,
  plans: readonly SourcePlan[],
  concurrency: number,
): Promise<ImportFigures> {
  const sourceIds: string[] = new Array<string>(plans.length)
  const finishedAt: number[] = []
  let bytesTotal = 0
  let duplicates = 0
  const reportEvery = Math.max(1, Math.round(plans.length / 20))
  const started = performance.now()
  await inParallel(plans, concurrency, async (plan, index) => {
    const bytes = Buffer.from(renderSource(pool, plan), 'utf8')
    bytesTotal += bytes.length
    const result = await library.importFile(
      `bench-${String(index + 1).padStart(5, '0')}.txt`,
      bytes,
    )
    if (result.status === 'duplicate') duplicates++
    sourceIds[index] = result.source.id
    finishedAt.push(performance.now())
    const done = finishedAt.length
    if (done % reportEvery === 0) {
      const recent = finishedAt.slice(-reportEvery)
      const rate = recent.length / (((recent.at(-1) ?? 0) - (recent[0] ?? 0)) / 1000 || 1)
      progress(
        `import ${done}/${plans.length} (${Math.round(rate)} sources/s over the last ${reportEvery})`,
      )
    }
  })
  const seconds = (performance.now() - started) / 1000
  if (duplicates > 0)
    throw new Error(
      `${duplicates} bench sources were refused as duplicates: the generator must make every source unique.`,
    )
  const tenth = Math.max(2, Math.floor(finishedAt.length / 10))
  const rateOf = (times: number[]) =>
    round((times.length - 1) / (((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000 || 1), 1)
  return {
    sourceIds,
    seconds: round(seconds, 1),
    perSecond: round(plans.length / seconds, 1),
    firstTenthPerSecond: rateOf(finishedAt.slice(0, tenth)),
    lastTenthPerSecond: rateOf(finishedAt.slice(-tenth)),
    averageBytes: Math.round(bytesTotal / plans.length),
  }
}

export const tagChoices = [
  'phishing',
  'apt',
  'malware',
  'infrastructure',
  'follow-up',
  'ioc',
  'attribution',
]
const colors = ['yellow', 'green', 'blue', 'pink', 'purple'] as const

/** A highlight of 30–200 characters at word boundaries, with a comment half of the time and tags a third of the time. */
export function planAnnotation(
  random: () => number,
  pool: Pool,
  sourceId: string,
  text: string,
): ParsedInput<'annotations.create'> {
  const wanted = 30 + Math.floor(random() * 170)
  let start = Math.floor(random() * Math.max(1, text.length - wanted))
  while (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1] ?? '')) start--
  let end = Math.min(text.length, start + wanted)
  while (end < text.length && /[\p{L}\p{N}]/u.test(text[end] ?? '')) end++
  while (end > start + 1 && /\s/.test(text[end - 1] ?? '')) end--
  let comment = ''
  if (random() < 0.5) {
    const words = pick(random, pool.paragraphs).split(' ')
    const from = Math.floor(random() * Math.max(1, words.length - 12))
    comment = words.slice(from, from + 5 + Math.floor(random() * 8)).join(' ')
  }
  const tags =
    random() < 0.33 ? [...new Set([pick(random, tagChoices), pick(random, tagChoices)])] : []
  return {
    sourceId,
    quote: describeRange(text, start, end),
    position: { start, end },
    comment,
    tags,
    color: pick(random, colors),
  }
}

/** Creates `total` annotations spread evenly over the sources, `concurrency` sources at a time. */
export async function annotateAll(
  library: Library,
  pool: Pool,
  sourceIds: readonly string[],
  total: number,
  concurrency: number,
  seed: number,
): Promise<{ seconds: number; perSecond: number }> {
  const base = Math.floor(total / sourceIds.length)
  const extra = total % sourceIds.length
  const reportEvery = Math.max(1, Math.round(total / 20))
  let done = 0
  const started = performance.now()
  await inParallel(sourceIds, concurrency, async (sourceId, index) => {
    const count = base + (index < extra ? 1 : 0)
    if (count === 0) return
    const random = prng(seed + index)
    const { text } = await library.getSource(sourceId)
    for (let k = 0; k < count; k++) {
      await library.createAnnotation(planAnnotation(random, pool, sourceId, text))
      if (++done % reportEvery === 0) {
        const elapsed = (performance.now() - started) / 1000
        progress(`annotations ${done}/${total} (${Math.round(done / elapsed)}/s overall)`)
      }
    }
  })
  const seconds = (performance.now() - started) / 1000
  return { seconds: round(seconds, 1), perSecond: round(total / seconds, 1) }
}

/**
 * Save latency as the user feels it: one annotation at a time on random sources, each timed from
 * the call to the resolved promise (which the core resolves only once the file is fsynced).
 */
export async function timeSingleSaves(
  library: Library,
  pool: Pool,
  sourceIds: readonly string[],
  count: number,
  seed: number,
): Promise<number[]> {
  const random = prng(seed)
  const samples: number[] = []
  for (let k = 0; k < count; k++) {
    const sourceId = pick(random, sourceIds)
    const { text } = await library.getSource(sourceId)
    const input = planAnnotation(random, pool, sourceId, text)
    const started = performance.now()
    await library.createAnnotation(input)
    samples.push(performance.now() - started)
  }
  return samples
}

/**
 * The save that lands while the index saves itself in the background (the core saves it
 * `persistDelayMs` after the last change and holds changes back meanwhile): wait just past the
 * delay, then time one save. Returns one sample per trial.
 */
export async function timeSavesDuringIndexSave(
  library: Library,
  pool: Pool,
  sourceIds: readonly string[],
  trials: number,
  persistDelayMs: number,
  seed: number,
): Promise<number[]> {
  const random = prng(seed)
  const samples: number[] = []
  for (let trial = 0; trial < trials; trial++) {
    const sourceId = pick(random, sourceIds)
    const { text } = await library.getSource(sourceId)
    await library.createAnnotation(planAnnotation(random, pool, sourceId, text)) // restarts the save timer
    const input = planAnnotation(random, pool, sourceId, text)
    // The "click" happens at a fixed moment just after the save began; timing from that moment
    // also counts any time the event loop was blocked by the save (a synchronous export).
    const clickAt = performance.now() + persistDelayMs + 50
    await new Promise((resolve) => setTimeout(resolve, persistDelayMs + 50))
    await library.createAnnotation(input)
    samples.push(performance.now() - clickAt)
  }
  return samples
}
