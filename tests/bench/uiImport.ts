/**
 * Child process of run.ts: "the UI stays responsive while indexing" (issue #7). Builds the app
 * into the work folder (as `npm run build` does), imports 500 sources (`--ui-existing N`) into a
 * fresh library through the core API, serves it in web mode (uiServer.ts) and opens it in Chromium. Then, with a
 * requestAnimationFrame gap recorder and `longtask` / `long-animation-frame` observers installed
 * in the page and a source open in the reader, imports a folder of 1,000 ≈5 KB plain-text and
 * Markdown files through the **Folder…** button, as an analyst does, until the status line has the
 * summary and the library lists every source. Nothing but the import itself is timed.
 *
 * The frames count from the input's `change` event, when the app is handed the files: setting a
 * thousand files on an input holds the browser's main thread by itself (in the same run, on a page
 * without the app, as `bareSelectionFrameMs`), and that is not the app's to make shorter.
 *
 * Usage: node --import tsx tests/bench/uiImport.ts <work folder> <pool cache.json> [options] <out.json>
 */
import { existsSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { chromiumArgs, chromiumPath } from '../e2e/support/webApp'
import { parseOptions, reportCrash, writeResult } from './child'
import { textPool, writeMarkdown, writePlainText } from './formatFiles'
import { progress, round } from './stats'
import {
  bareSelection,
  frameFigures,
  longestFrame,
  noFrames,
  recorderScript,
  takeRecording,
  type FrameFigures,
  type Recording,
} from './uiFrames'
import { buildApp, fillLibrary, sleep, startUiServer, watch } from './uiServer'

/** Fixed, like the format plans: issue #7 names a 1,000-file import. */
export const uiImportFiles = 1000

export type UiImportResult = FrameFigures & {
  notMeasured: string | null
  existingSources: number
  files: number
  /** As the summary counts them; `perSecond` counts these. */
  imported: number
  describe: string
  /** The status line's summary at the end, e.g. "Imported 1000 files.", and its first detail. */
  summary: string
  firstFailure: string | null
  /** The count the library heading showed at the end. */
  listed: number
  seconds: number
  perSecond: number
  /** How many progress lines ("Importing 340 of 1000: …") the 500 ms poll saw, and the last one. */
  progressSeen: number
  lastProgress: string
  /** Before the import, the page idle: the floor of this machine (and its background load). */
  idleLongestFrameMs: number
  /** The same folder set on a file input of a page without the app: the browser's own frame. */
  bareSelectionFrameMs: number
  /** The 1-minute load average as the phase started: how busy the machine was with other work. */
  loadAverage: number
  chromium: string
}

/** The files (not timed): the library's existing sources, and the folder the analyst imports. */
async function writeFiles(work: string, existingCount: number, seed: number, poolCache: string) {
  const { pool, synthetic } = await textPool(seed, poolCache)
  const existing = await writePlainText(join(work, 'existing'), pool, existingCount, seed + 41)
  const folder = join(work, 'to-import')
  const half = uiImportFiles / 2
  const text = await writePlainText(folder, pool, half, seed + 42)
  const markdown = await writeMarkdown(folder, pool, uiImportFiles - half, seed + 43)
  const words = synthetic ? ', synthetic words: no corpora' : ''
  return {
    existing,
    folder,
    describe: `${text.length} .txt + ${markdown.length} .md × ≈5 KB into ${existing.length} sources${words}`,
  }
}

async function measure(
  browser: Browser,
  url: string,
  folder: string,
  result: UiImportResult,
): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  const page = await context.newPage()
  await page.goto(url)
  const before = result.existingSources
  await watch(
    page,
    ({ listed }) => listed === before,
    () => {},
    60_000,
  )

  // The analyst reads a source while the folder comes in: the reader and inspector are open.
  await page.getByTestId('source-item').first().click()
  await page.getByTestId('reader').waitFor()

  await page.evaluate(recorderScript)
  await sleep(2000)
  result.idleLongestFrameMs = longestFrame(await page.evaluate<Recording>(takeRecording))
  await page.evaluate(recorderScript)

  const started = performance.now()
  let lastLogged = 0
  await page.getByTestId('import-folder-input').setInputFiles(folder)
  const end = await watch(
    page,
    ({ status }) => /^Imported \d/.test(status),
    ({ status }) => {
      if (!status.startsWith('Importing ')) return
      result.progressSeen++
      result.lastProgress = status
      if (performance.now() - lastLogged > 10_000) {
        lastLogged = performance.now()
        progress(`ui-import: ${status}`)
      }
    },
  )
  const seconds = (performance.now() - started) / 1000
  result.summary = end.status
  result.firstFailure = await page.evaluate<string | null>(
    `document.querySelector('.status-bar__details li')?.textContent ?? null`,
  )
  if (result.firstFailure) progress(`ui-import: ${end.status} The first: ${result.firstFailure}`)
  result.imported = Number(/^Imported (\d+)/.exec(end.status)?.[1] ?? 0)
  // The list is re-read before the summary shows; wait for it all the same.
  const final = await watch(
    page,
    ({ listed }) => listed >= before + result.imported,
    () => {},
    30_000,
  )
  result.listed = final.listed
  await sleep(1000)
  const recording = await page.evaluate<Recording>(takeRecording)
  await context.close()

  result.seconds = round(seconds, 2)
  result.perSecond = round(result.imported / seconds, 1)
  Object.assign(result, frameFigures(recording))
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const [work, poolCache, out] = [argv[0], argv[1], argv.at(-1)]
  if (!work || !poolCache || !out || argv.length < 3)
    throw new Error('usage: uiImport.ts <work folder> <pool cache.json> [options] <out.json>')
  const options = parseOptions(argv)
  const result: UiImportResult = {
    ...noFrames,
    notMeasured: null,
    existingSources: 0,
    files: uiImportFiles,
    imported: 0,
    describe: '',
    summary: '',
    firstFailure: null,
    listed: 0,
    seconds: 0,
    perSecond: 0,
    progressSeen: 0,
    lastProgress: '',
    idleLongestFrameMs: 0,
    bareSelectionFrameMs: 0,
    loadAverage: round(loadavg()[0] ?? 0, 2),
    chromium: '',
  }
  if (!existsSync(chromiumPath)) {
    result.notMeasured = `no Chromium at ${chromiumPath} (set CASEFILE_CHROMIUM)`
    return writeResult(out, result)
  }

  progress(`ui-import: built the app in ${buildApp(work)} s`)

  const { existing, folder, describe } = await writeFiles(
    work,
    options.uiExisting,
    options.seed,
    poolCache,
  )
  result.describe = describe
  const libraryDir = join(work, 'library')
  result.existingSources = await fillLibrary(libraryDir, existing)
  progress(`ui-import: a library of ${result.existingSources} sources; ${describe}`)

  const server = await startUiServer(libraryDir, work)
  let browser: Browser | undefined
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
    result.chromium = browser.version()
    result.bareSelectionFrameMs = await bareSelection(browser, folder)
    await measure(browser, server.url, folder, result)
  } finally {
    await browser?.close()
    await server.stop()
  }
  progress(
    `ui-import: ${result.files} files in ${result.seconds} s; longest frame ${result.longestFrameMs} ms, ${result.framesOver100} frames > 100 ms`,
  )
  await writeResult(out, result)
}

main().then(() => process.exit(0), reportCrash)
