/**
 * `npm run bench [-- --sources N --annotations N --saves N --stall-trials N --seed N --keep --reuse DIR --only import-formats|ui-import|ui-huge --ui-existing N --ui-huge-folder N]`
 *
 * Builds a library of N ≈5 KB plain-text sources (default 10,000), 5 annotations per source and
 * design.md's actors, events and notes (N/20, N/10, N/10: caseItems.ts) in a temporary folder, through the public core API, then measures the design.md performance
 * budgets with their baselines (a rebuild of the index; MiniSearch on the same corpus and queries)
 * in the same run. Each heavy phase runs in its own Node process (see child.ts). Progress goes to
 * stderr; one table goes to stdout; the figures go to bench-results.json at the repository root.
 *
 * --keep leaves the library folder in place (its path is printed); --reuse DIR measures a kept
 * library again without building it (the import and save figures are then not measured).
 *
 * Then the import rate by format (formats.ts): plain text, Markdown, HTML, e-mail and PDF files
 * imported from a folder into a fresh library each, in fixed numbers that --sources does not
 * change. --only import-formats runs that phase alone (it needs no corpora: without them its
 * HTML and e-mail rows say so, and the generated formats are made of synthetic words).
 *
 * Then the UI during a big import (uiImport.ts): the app built into the work folder, served in web
 * mode and opened in Chromium, imports a folder of 1,000 files into a library of 500 sources
 * (--ui-existing N) while the page records its frames; the longest frame has a budget of 100 ms
 * (issue #7). --only ui-import runs that phase alone (about 2 minutes; it needs Chromium, not the
 * corpora).
 *
 * Then the UI during huge inputs (uiHuge.ts, issue #9): in the same web mode, one at a time, a
 * 100 MB file (to be refused by its size), a 10 MB single line as .txt, .md and .html, and a folder
 * of 10,000 tiny files (--ui-huge-folder N); per case the longest frame (budget 100 ms), Ctrl+K →
 * palette while it runs, what the UI showed, and the server's (the core's) peak memory growth.
 * --only ui-huge runs that phase alone (it needs Chromium, not the corpora).
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdir, readFile, mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BuildResult } from './buildLibrary'
import { parseOptions, repoRoot, runChild } from './child'
import { corporaAvailable, corporaDir, loadPool } from './corpus'
import { formatResults, formatRows, measureFormats } from './formats'
import type { ProbeResult } from './openProbe'
import { makeQueries } from './queries'
import {
  report,
  uiHugeRows,
  uiImportRows,
  type Figures,
  type UiHugeOutcome,
  type UiImportOutcome,
} from './report'
import { uiHugeResults, uiImportResults, type Results } from './results'
import type { SearchBaselineResult } from './searchBaseline'
import type { SearchCoreResult } from './searchCore'
import { formatTable, progress, round } from './stats'
import type { UiHugeResult } from './uiHuge'
import type { UiImportResult } from './uiImport'

const resultsPath = fileURLToPath(new URL('../../bench-results.json', import.meta.url))
const withGc = ['--expose-gc']

/** Whether the library has a saved index that claims to be usable (the probe then says if it was). */
async function savedIndexState(dir: string): Promise<string | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'index', 'manifest.json'), 'utf8')) as {
      clean?: unknown
    }
    return manifest.clean === true
      ? undefined
      : 'the saved index is marked stale (the library changed after its last save)'
  } catch {
    return 'the library has no saved index (index/manifest.json is missing)'
  }
}

/** Which core was measured: the commit, and whether electron/ or shared/ had uncommitted changes (read-only git). */
function coreVersion(): { core_commit: string; core_uncommitted_changes: boolean | null } {
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
  try {
    return {
      core_commit: git('rev-parse', '--short', 'HEAD'),
      core_uncommitted_changes: git('status', '--porcelain', '--', 'electron', 'shared') !== '',
    }
  } catch {
    return { core_commit: 'unknown (no git)', core_uncommitted_changes: null }
  }
}

/**
 * A hash of the core's sources (electron/, shared/): each phase runs in a fresh process, so a
 * core edited during a long run would mix versions in one table. The run says so if it happens.
 */
async function coreFingerprint(): Promise<string> {
  const hash = createHash('sha256')
  for (const folder of ['electron', 'shared']) {
    const names = (await readdir(join(repoRoot, folder), { recursive: true }))
      .filter((name) => /\.tsx?$/.test(name))
      .sort()
    for (const name of names) hash.update(name).update(await readFile(join(repoRoot, folder, name)))
  }
  return hash.digest('hex').slice(0, 12)
}

/**
 * One phase alone (`--only NAME`): measured in a temporary folder, its rows printed, its figures
 * (with the phase's duration under `<name>_phase_seconds`) written to bench-results.json.
 */
async function onlyPhase<T>(
  phase: { name: string; label: string; key: string },
  measure: (work: string) => Promise<T>,
  figures: (outcome: T) => Omit<Results, 'only'>,
  rows: (outcome: T) => Parameters<typeof formatTable>[0],
): Promise<number> {
  const version = coreVersion()
  const fingerprint = await coreFingerprint()
  const work = await mkdtemp(join(tmpdir(), 'casefile-bench-'))
  try {
    progress(`${phase.label} only, in ${work}`)
    const started = performance.now()
    const outcome = await measure(work)
    const seconds = round((performance.now() - started) / 1000, 1)
    const changed = (await coreFingerprint()) !== fingerprint
    const results = {
      only: phase.name,
      ...figures(outcome),
      [phase.key]: seconds,
      node: process.version,
      ...version,
      core_fingerprint: fingerprint,
      core_changed_during_run: changed,
    } as Results
    await writeFile(resultsPath, `${JSON.stringify(results, null, 2)}\n`)
    process.stdout.write(
      `\nCasefile bench: ${phase.label} only (--only ${phase.name}, ${seconds} s), Node ${process.version}\n\n`,
    )
    if (changed) process.stdout.write(`${changedWarning}\n\n`)
    process.stdout.write(`${formatTable(rows(outcome))}\n\n`)
    process.stdout.write(`Figures written to ${resultsPath}\n`)
    return 0
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

/** `--only import-formats`: that phase alone. */
function onlyImportFormats(argv: readonly string[]): Promise<number> {
  return onlyPhase(
    { name: 'import-formats', label: 'import rate by format', key: 'import_formats_phase_seconds' },
    (work) => measureFormats(work, argv),
    formatResults,
    formatRows,
  )
}

/** The ui-import phase in its own process; a crash is reported in its row, never fatal. */
async function measureUiImport(work: string, argv: readonly string[]): Promise<UiImportOutcome> {
  progress(`UI import in Chromium (1,000 files into ${parseOptions(argv).uiExisting} sources)`)
  const child = await runChild<UiImportResult>(
    './uiImport.ts',
    [join(work, 'ui-import'), join(work, 'format-pool.json'), ...argv],
    join(work, 'ui-import.json'),
  )
  if (child.ok) return { result: child.result }
  progress(`ui-import failed: ${child.failure}`)
  return { failure: child.failure }
}

/** `--only ui-import`: that phase alone. */
function onlyUiImport(argv: readonly string[]): Promise<number> {
  return onlyPhase(
    { name: 'ui-import', label: 'UI import', key: 'ui_import_phase_seconds' },
    (work) => measureUiImport(work, argv),
    uiImportResults,
    uiImportRows,
  )
}

/** The ui-huge phase in its own process; a crash keeps the cases it measured, and says so. */
async function measureUiHuge(work: string, argv: readonly string[]): Promise<UiHugeOutcome> {
  const { uiHugeFolder } = parseOptions(argv)
  progress(`UI huge inputs in Chromium (100 MB, 10 MB lines, ${uiHugeFolder} tiny files)`)
  const child = await runChild<UiHugeResult>(
    './uiHuge.ts',
    [join(work, 'ui-huge'), join(work, 'format-pool.json'), ...argv],
    join(work, 'ui-huge.json'),
  )
  if (child.ok) return { result: child.result }
  progress(`ui-huge failed: ${child.failure}`)
  return child.partial
    ? { result: child.partial as UiHugeResult, failure: child.failure }
    : { failure: child.failure }
}

/** `--only ui-huge`: that phase alone. */
function onlyUiHuge(argv: readonly string[]): Promise<number> {
  return onlyPhase(
    { name: 'ui-huge', label: 'UI huge inputs', key: 'ui_huge_phase_seconds' },
    (work) => measureUiHuge(work, argv),
    uiHugeResults,
    uiHugeRows,
  )
}

const changedWarning =
  'WARNING: electron/ or shared/ changed during this run, so its phases measured different versions of the core. Run it again.'

async function main(): Promise<number> {
  const argv = process.argv.slice(2)
  const options = parseOptions(argv)
  if (options.only === 'import-formats') return onlyImportFormats(argv)
  if (options.only === 'ui-import') return onlyUiImport(argv)
  if (options.only === 'ui-huge') return onlyUiHuge(argv)
  if (!corporaAvailable()) {
    process.stderr.write(
      `bench: the shared corpora are missing: ${corporaDir} (with email/easy-ham-2 and web-pages) must sit beside the checkout.\n`,
    )
    return 1
  }
  const version = coreVersion() // at the start: other work may change the core during a long run
  const fingerprint = await coreFingerprint()
  const work = await mkdtemp(join(tmpdir(), 'casefile-bench-'))
  const dir = options.reuse ?? join(work, 'library')
  const figures: Figures = {
    build: undefined,
    buildFailure: undefined,
    persisted: [],
    persistedMissing: undefined,
    rebuilt: undefined,
    rebuiltFailure: undefined,
    core: undefined,
    coreFailure: undefined,
    baseline: undefined,
    baselineFailure: undefined,
    formats: [],
    uiImport: undefined,
    uiHuge: undefined,
  }
  try {
    // 1. Build the library (import, annotations, save latency), unless a kept one is reused.
    if (options.reuse) {
      progress(`reusing the library in ${dir}`)
    } else {
      progress(
        `building ${options.sources} sources and ${options.annotations} annotations in ${dir}`,
      )
      const built = await runChild<BuildResult>(
        './buildLibrary.ts',
        [dir, ...argv],
        join(work, 'build.json'),
        withGc,
      )
      if (built.ok) figures.build = built.result
      else {
        figures.build = built.partial
        figures.buildFailure = built.failure
        progress(`the build failed: ${built.failure}`)
      }
    }

    // 2. Open from the saved index (three fresh processes), then with a forced rebuild (one).
    const pool = await loadPool()
    const firstQuery =
      makeQueries(pool, options.seed + 1).find((q) => q.kind === 'word')?.text ?? 'the'
    figures.persistedMissing = await savedIndexState(dir)
    for (let run = 0; run < 3 && figures.persistedMissing === undefined; run++) {
      const probe = await runChild<ProbeResult>(
        './openProbe.ts',
        [dir, firstQuery],
        join(work, `open-${run}.json`),
        withGc,
      )
      if (!probe.ok) figures.persistedMissing = probe.failure
      else if (probe.result.openedFrom !== 'disk')
        figures.persistedMissing = `the saved index was not used: ${probe.result.reason ?? '?'}`
      else figures.persisted.push(probe.result)
      progress(
        probe.ok
          ? `open → first search: ${probe.result.totalMs} ms (${probe.result.openedFrom})`
          : probe.failure,
      )
    }
    figures.persisted.sort((a, b) => a.totalMs - b.totalMs)
    const manifest = join(dir, 'index', 'manifest.json')
    const hidden = `${manifest}.bench-hidden`
    const hide = await rename(manifest, hidden).then(
      () => true,
      () => false,
    )
    try {
      progress('open → first search with a rebuild of the index')
      const probe = await runChild<ProbeResult>(
        './openProbe.ts',
        [dir, firstQuery],
        join(work, 'rebuild.json'),
        withGc,
      )
      if (probe.ok) figures.rebuilt = probe.result
      else figures.rebuiltFailure = probe.failure
      progress(
        probe.ok ? `open → first search with rebuild: ${probe.result.totalMs} ms` : probe.failure,
      )
    } finally {
      if (hide) await rename(hidden, manifest)
    }

    // 3. Search: the library as the app opens it; then MiniSearch over the same items. One
    // process each, so neither engine pays for the other's heap.
    const core = await runChild<SearchCoreResult>(
      './searchCore.ts',
      [dir, ...argv],
      join(work, 'core.json'),
      withGc,
    )
    if (core.ok) figures.core = core.result
    else figures.coreFailure = core.failure
    const baseline = await runChild<SearchBaselineResult>(
      './searchBaseline.ts',
      [dir, ...argv],
      join(work, 'baseline.json'),
      [
        ...withGc,
        '--max-old-space-size=8192', // the items, then two indexes of the whole corpus
      ],
    )
    if (baseline.ok) figures.baseline = baseline.result
    else figures.baselineFailure = baseline.failure

    // 4. The import rate by format: one fresh library per format (and per HTML round).
    progress('import rate by format')
    const formatsStarted = performance.now()
    figures.formats = await measureFormats(work, argv)
    const formatsSeconds = round((performance.now() - formatsStarted) / 1000, 1)

    // 5. The renderer's frames while a folder of 1,000 files comes in (needs Chromium).
    const uiStarted = performance.now()
    figures.uiImport = await measureUiImport(work, argv)
    const uiSeconds = round((performance.now() - uiStarted) / 1000, 1)

    // 6. The renderer's frames and the core's memory during huge inputs (needs Chromium).
    const hugeStarted = performance.now()
    figures.uiHuge = await measureUiHuge(work, argv)
    const hugeSeconds = round((performance.now() - hugeStarted) / 1000, 1)

    // 7. One table, one file.
    const { rows, results } = report(figures)
    const changed = (await coreFingerprint()) !== fingerprint
    Object.assign(results, version, {
      import_formats_phase_seconds: formatsSeconds,
      ui_import_phase_seconds: uiSeconds,
      ui_huge_phase_seconds: hugeSeconds,
      core_fingerprint: fingerprint,
      core_changed_during_run: changed,
    })
    await writeFile(resultsPath, `${JSON.stringify(results, null, 2)}\n`)
    const kb =
      results.source_bytes_avg === null
        ? ''
        : ` (≈${Math.round(Number(results.source_bytes_avg) / 102.4) / 10} KB)`
    process.stdout.write(
      `\nCasefile bench: ${results.sources} sources${kb}, ${results.annotations} annotations, Node ${process.version}\n\n`,
    )
    if (changed) process.stdout.write(`${changedWarning}\n\n`)
    process.stdout.write(`${formatTable(rows)}\n\n`)
    process.stdout.write(
      'Not measured here: the library list (renderer). The library also holds actors, events and ' +
        'notes (one per 20, 10 and 10 sources, design.md); MiniSearch indexes sources and ' +
        'annotations only.\n',
    )
    process.stdout.write(`Figures written to ${resultsPath}\n`)
    return 0 // a budget over is a finding to report, not a failure of the bench
  } finally {
    if (options.keep && !options.reuse) progress(`kept the library in ${dir}`)
    else await rm(work, { recursive: true, force: true })
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    process.exit(1)
  },
)
