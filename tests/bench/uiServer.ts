/**
 * Web mode for the UI phases (uiImport.ts, uiHuge.ts): the app built into the phase's work folder
 * (as `npm run build` does: out/ may be stale or in use), served by a process of its own, and what
 * its page shows. Run as a script, it is that server: what `casefile serve` does, but serving the
 * renderer the phase has just built, since the CLI serves `out/renderer`, which may be older than
 * the code being measured. It prints the URL (with its token) as its first line, then serves until
 * SIGTERM; SIGUSR2 makes it collect its garbage.
 *
 * Usage: node --import tsx tests/bench/uiServer.ts <library folder> <built renderer folder>
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readFileSync, realpathSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { createHandlers, Library, resourcesDir } from '../../electron/core'
import { startWebServer } from '../../electron/server'
import { repoRoot, reportCrash } from './child'
import { inParallel, round } from './stats'

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Builds the app into `<work>/out` with electron-vite; returns the seconds it took. */
export function buildApp(work: string): number {
  const building = performance.now()
  const built = spawnSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules/electron-vite/bin/electron-vite.js'),
      'build',
      '--outDir',
      join(work, 'out'),
      '--logLevel',
      'error',
    ],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  )
  if (built.status !== 0) throw new Error('the app could not be built (electron-vite build)')
  return round((performance.now() - building) / 1000, 1)
}

/** A library of these files, imported through the core API; returns how many sources it holds. */
export async function fillLibrary(libraryDir: string, paths: readonly string[]): Promise<number> {
  const library = await Library.open(libraryDir)
  await inParallel(paths, 8, async (path) => {
    await library.importFile(path, await readFile(path))
  })
  const count = library.info().counts.sources
  await library.close() // saves the index, as a library in use has one
  return count
}

/** The server process's resident memory over a stretch of time (MB). */
export type ServerMemory = { startMb: number; peakMb: number; growthMb: number; endMb: number }
export type MemoryWatch = { stop: () => ServerMemory | null }

export type UiServer = {
  url: string
  /** Asks the server for a full collection (SIGUSR2), so a measurement starts clean. */
  collectGarbage: () => void
  /** From now until `stop()`: the server's (the core's) resident memory, its peak and growth. */
  watchMemory: () => MemoryWatch
  stop: () => Promise<void>
}

/** Resident memory of a process, from /proc/<pid>/status (kB). */
function processMemory(pid: number): { rssKb: number; hwmKb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1])
    return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') }
  } catch {
    return undefined
  }
}

function watchMemory(pid: number): MemoryWatch {
  // Writing 5 to clear_refs resets VmHWM to the current RSS: the peak is then this stretch's.
  let peakReset = true
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
  } catch {
    peakReset = false
  }
  const start = processMemory(pid)
  let peakKb = start?.rssKb ?? 0
  const timer = setInterval(() => {
    peakKb = Math.max(peakKb, processMemory(pid)?.rssKb ?? 0)
  }, 100)
  return {
    stop() {
      clearInterval(timer)
      const end = processMemory(pid)
      if (!start || !end) return null
      const peak = Math.max(peakKb, end.rssKb, peakReset ? end.hwmKb : 0)
      const mb = (kb: number) => round(kb / 1024, 0)
      return {
        startMb: mb(start.rssKb),
        peakMb: mb(peak),
        growthMb: mb(peak - start.rssKb),
        endMb: mb(end.rssKb),
      }
    },
  }
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let errors = ''
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`uiServer.ts exited (${code}): ${errors}`)))
    createInterface({ input: child.stdout! }).once('line', resolve)
  })
}

/** This file as a server of the library, on the renderer built into `<work>/out`. */
export async function startUiServer(libraryDir: string, work: string): Promise<UiServer> {
  const server = spawn(
    process.execPath,
    [
      '--expose-gc', // for SIGUSR2, below; nothing else collects
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      libraryDir,
      join(work, 'out', 'renderer'),
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  // The server saves the index as it stops: the work folder is removed only after it exited
  // (or, stuck, was killed).
  const exited = new Promise((resolve) => server.once('exit', resolve))
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return
    server.kill('SIGTERM')
    const stuck = setTimeout(() => server.kill('SIGKILL'), 30_000)
    await exited
    clearTimeout(stuck)
  }
  try {
    const url = await firstLine(server)
    const pid = server.pid ?? 0
    return {
      url,
      collectGarbage: () => server.kill('SIGUSR2'),
      watchMemory: () => watchMemory(pid),
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

export type Screen = { status: string; listed: number }

const readScreen = `(() => [
  document.querySelector('[data-testid="status"]')?.textContent ?? '',
  document.querySelector('#library-heading .count')?.textContent ?? '',
])()`

/** The status line and the count the library heading shows. */
export async function screen(page: Page): Promise<Screen> {
  const [status, count] = await page.evaluate<[string, string]>(readScreen)
  return { status, listed: Number(count.replace(/\D/g, '')) }
}

/** Waits until `done` holds, calling `each` with what the screen shows every 500 ms. */
export async function watch(
  page: Page,
  done: (shown: Screen) => boolean,
  each: (shown: Screen) => void,
  stallMs = 180_000,
): Promise<Screen> {
  let previous = ''
  let changedAt = Date.now()
  for (;;) {
    const shown = await screen(page)
    each(shown)
    if (done(shown)) return shown
    const now = `${shown.status}|${shown.listed}`
    if (now !== previous) [previous, changedAt] = [now, Date.now()]
    else if (Date.now() - changedAt > stallMs)
      throw new Error(`nothing changed on screen for ${stallMs / 1000} s: "${shown.status}"`)
    await sleep(500)
  }
}

async function serve(): Promise<void> {
  const [path, rendererDir] = process.argv.slice(2)
  if (!path || !rendererDir)
    throw new Error('usage: uiServer.ts <library folder> <built renderer folder>')
  const library = await Library.open(path)
  const server = await startWebServer({
    handlers: createHandlers(library, { resourcesDir }),
    events: library.events,
    rendererDir,
  })
  // A phase measuring this process's memory asks for a full collection first (uiHuge.ts).
  process.on('SIGUSR2', () => {
    globalThis.gc?.()
    globalThis.gc?.()
  })
  process.stdout.write(`${server.url}\n`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await server.close()
  await library.close()
}

/** Run as a script (not imported by a phase for its helpers): serve. */
function runAsScript(): boolean {
  const script = process.argv[1]
  return (
    script !== undefined && realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))
  )
}

if (runAsScript()) serve().then(() => process.exit(0), reportCrash)
