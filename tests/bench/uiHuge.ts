/**
 * Child process of run.ts: huge inputs through the UI (issue #9). Builds the app into the work
 * folder, imports 500 sources (`--ui-existing N`) into a fresh library through the core API, serves
 * it in web mode (uiServer.ts) and opens it in Chromium. Then, one case at a time, each on a fresh
 * page with a source open in the reader, hands the app a huge input through the controls an analyst
 * uses: a 100 MB .txt by **Import…** (to be refused by its size, naming the file), a 10 MB single
 * line as .txt, .md and .html by **Import…**, and a folder of 10,000 tiny files
 * (`--ui-huge-folder N`) by **Folder…**, until the status line has the outcome.
 *
 * During each case: the page's frames and long tasks, counted from the `change` event (uiFrames.ts)
 * and leaving out the frames that hold the bench's own key presses; Ctrl+K → command palette
 * visible, about once a second, as Playwright sees it (the delay an analyst feels, plus a few ms of
 * Playwright's own); and the resident memory of the server process, where the core runs (asked to
 * collect its garbage before the case; then its VmHWM in /proc/<pid>/status, reset at the start,
 * and VmRSS sampled every 100 ms). The inputs are written to the work folder, which run.ts removes.
 *
 * Usage: node --import tsx tests/bench/uiHuge.ts <work folder> <pool cache.json> [options] <out.json>
 */
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { chromiumArgs, chromiumPath } from '../e2e/support/webApp'
import { parseOptions, reportCrash, writeResult } from './child'
import { textPool, writePlainText } from './formatFiles'
import { inParallel, progress, round } from './stats'
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
import {
  buildApp,
  fillLibrary,
  screen,
  sleep,
  startUiServer,
  watch,
  type MemoryWatch,
  type Screen,
  type ServerMemory,
  type UiServer,
} from './uiServer'

export type HugeCaseName = 'file100mb' | 'lineTxt' | 'lineMd' | 'lineHtml' | 'folder'

/** Ctrl+K → the palette on screen: each press while the import ran, and one after its outcome. */
export type PaletteFigures = {
  /** Key sent → palette visible, as Playwright sees it: what the analyst waits. */
  duringMs: number[]
  afterMs: number | null
  /** Presses the palette did not answer within 60 s. */
  missed: number
}

/** The frame figures leave out the frames that hold a Ctrl+K press: the probe's own answer. */
export type HugeCase = FrameFigures & {
  name: HugeCaseName
  /** The longest frame, the Ctrl+K frames included. */
  longestFrameWithPressesMs: number
  label: string
  /** What the UI should show, e.g. "refused by size, naming the file". */
  expected: string
  /** The status line at the end, with its first detail line. */
  outcome: string
  outcomeOk: boolean
  /** From handing the files to the input until the outcome showed. */
  seconds: number
  idleLongestFrameMs: number
  palette: PaletteFigures
  server: ServerMemory | null
  /** The folder set on a file input of a page without the app: the browser's own frame. */
  bareSelectionFrameMs: number | null
  /** Why the case could not finish (a stall, a page that stopped answering). */
  error: string | null
}

export type UiHugeResult = {
  notMeasured: string | null
  existingSources: number
  folderFiles: number
  cases: HugeCase[]
  /** The 1-minute load average as the phase started and as it ended. */
  loadAverage: number
  loadAverageEnd: number
  chromium: string
}

type HugeInput = {
  name: HugeCaseName
  label: string
  testId: 'import-input' | 'import-folder-input'
  path: string
  expected: string
  check: (outcome: string) => boolean
}

const megabyte = 1024 * 1024

/** The inputs (not timed): a 100 MB text, one 10 MB line in three formats, a folder of tiny files. */
async function writeInputs(work: string, seed: number, poolCache: string, files: number) {
  const { pool } = await textPool(seed, poolCache)
  const folder = join(work, 'huge')
  await mkdir(join(folder, 'tiny'), { recursive: true })
  const line = (lead: string, offset: number, mark: (word: string, n: number) => string) => {
    const words: string[] = []
    let length = lead.length
    for (let n = offset; length < 10 * megabyte; n++) {
      for (const word of (pool.paragraphs[n % pool.paragraphs.length] ?? '').split(' ')) {
        words.push(mark(word, words.length))
        length += word.length + 1
      }
    }
    return `${lead} ${words.join(' ')}`.slice(0, 10 * megabyte)
  }
  const escape = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const path = (name: string) => join(folder, name)
  await writeFile(
    path('huge-100mb.txt'),
    Buffer.alloc(100 * megabyte, 'A report line repeated to one hundred megabytes. '),
  )
  await writeFile(
    path('line-10mb.txt'),
    line('One line of ten megabytes, as plain text:', 0, (w) => w),
  )
  await writeFile(
    path('line-10mb.md'),
    line('One line of ten megabytes, as Markdown:', 700, (w, n) =>
      n % 40 === 39 ? `**${w}**` : n % 97 === 96 ? `*${w}*` : n % 501 === 500 ? `\`${w}\`` : w,
    ),
  )
  const body = line('One line of ten megabytes, as HTML:', 1400, (w, n) =>
    n % 40 === 39
      ? `<b>${escape(w)}</b>`
      : n % 211 === 210
        ? `<a href="#n${n}">${escape(w)}</a>`
        : escape(w),
  )
  await writeFile(
    path('line-10mb.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>One line of ten megabytes</title></head><body><article><p>${body}</p></article></body></html>`,
  )
  await inParallel(
    Array.from({ length: files }, (_, n) => n + 1),
    64,
    (n) => {
      const name = `note-${String(n).padStart(6, '0')}.txt`
      return writeFile(join(folder, 'tiny', name), `Tiny note ${n}\n\nNote number ${n}.\n`)
    },
  )
  const imported = (outcome: string) => /^Imported “/.test(outcome)
  const inputs: HugeInput[] = [
    {
      name: 'file100mb',
      label: '(a) 100 MB .txt by Import…',
      testId: 'import-input',
      path: path('huge-100mb.txt'),
      expected: 'refused by size, naming the file',
      check: (outcome) => /huge-100mb\.txt.*100 MB.*cannot be imported/.test(outcome),
    },
    ...(['txt', 'md', 'html'] as const).map((extension, n): HugeInput => ({
      name: (['lineTxt', 'lineMd', 'lineHtml'] as const)[n] ?? 'lineTxt',
      label: `(${'bcd'[n]}) 10 MB one-line .${extension} by Import…`,
      testId: 'import-input',
      path: path(`line-10mb.${extension}`),
      expected: 'imported',
      check: imported,
    })),
    {
      name: 'folder',
      label: `(e) ${files.toLocaleString('en')} tiny files by Folder…`,
      testId: 'import-folder-input',
      path: join(folder, 'tiny'),
      expected: `${files} imported`,
      check: (outcome) => outcome.startsWith(`Imported ${files} files.`),
    },
  ]
  return inputs
}

/** In the page: when each Ctrl+K was handled, so that the frames holding one can be left out. */
const pressRecorderScript = `(() => {
  const presses = []
  window.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') presses.push(performance.now())
  }, true)
  window.__casefilePresses = presses
})()`

/** Ctrl+K until the palette is visible (ms, null if not within 60 s), then Ctrl+K to close it. */
async function pressForPalette(page: Page): Promise<number | null> {
  const input = page.getByTestId('palette-input')
  const started = performance.now()
  try {
    await page.keyboard.press('Control+k')
    await input.waitFor({ state: 'visible', timeout: 60_000 })
  } catch {
    return null
  }
  const ms = round(performance.now() - started, 1)
  await page.keyboard.press('Control+k')
  await input.waitFor({ state: 'hidden', timeout: 60_000 }).catch(() => undefined)
  return ms
}

const finished = (status: string) => status.trim() !== '' && !status.startsWith('Importing ')

/** One case on a fresh page: the reader open, the input handed over, until the outcome shows. */
async function runCase(
  browser: Browser,
  server: UiServer,
  input: HugeInput,
  readTitle: string,
): Promise<HugeCase> {
  const result: HugeCase = {
    ...noFrames,
    longestFrameWithPressesMs: 0,
    name: input.name,
    label: input.label,
    expected: input.expected,
    outcome: '',
    outcomeOk: false,
    seconds: 0,
    idleLongestFrameMs: 0,
    palette: { duringMs: [], afterMs: null, missed: 0 },
    server: null,
    bareSelectionFrameMs: null,
    error: null,
  }
  if (input.name === 'folder')
    result.bareSelectionFrameMs = await bareSelection(browser, input.path)
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  const page = await context.newPage()
  let memory: MemoryWatch | undefined
  try {
    await page.goto(server.url)
    await watch(
      page,
      ({ listed }) => listed > 0,
      () => {},
      60_000,
    )
    await page.getByTestId('source-item').filter({ hasText: readTitle }).first().click()
    await page.getByTestId('reader').waitFor()
    server.collectGarbage() // the previous case's garbage is not this case's memory
    await page.evaluate(recorderScript)
    await sleep(2000)
    result.idleLongestFrameMs = longestFrame(await page.evaluate<Recording>(takeRecording))
    await page.evaluate(recorderScript)
    await page.evaluate(pressRecorderScript)

    memory = server.watchMemory()
    const started = performance.now()
    await page.getByTestId(input.testId).setInputFiles(input.path)
    let over = false
    const presses = (async () => {
      // Each press made before the outcome was seen counts as made during the import.
      while (!over) {
        const ms = await pressForPalette(page)
        if (ms === null) result.palette.missed++
        else result.palette.duringMs.push(ms)
        await sleep(1000)
      }
    })()
    let lastLogged = performance.now()
    let end: Screen
    try {
      end = await watch(
        page,
        ({ status }) => finished(status),
        ({ status }) => {
          if (performance.now() - lastLogged < 15_000) return
          lastLogged = performance.now()
          progress(`ui-huge ${input.label}: ${status || '(nothing on the status line yet)'}`)
        },
        input.name === 'folder' ? 180_000 : 300_000,
      )
    } finally {
      over = true
      result.seconds = round((performance.now() - started) / 1000, 2)
    }
    await presses
    const detail = await page.evaluate<string | null>(
      `document.querySelector('.status-bar__details li')?.textContent ?? null`,
    )
    result.outcome = detail ? `${end.status} ${detail}` : end.status
    result.outcomeOk = input.check(result.outcome)
    await sleep(1000)
    result.palette.afterMs = await pressForPalette(page)
    await sleep(1000)
    const recording = await page.evaluate<Recording>(takeRecording)
    const pressedAt = await page.evaluate<number[]>(`window.__casefilePresses`)
    Object.assign(result, frameFigures(recording, pressedAt))
    result.longestFrameWithPressesMs = frameFigures(recording).longestFrameMs
  } catch (error) {
    result.error = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
    result.outcome ||= await screen(page).then(
      ({ status }) => status,
      () => '(the page did not answer)',
    )
  } finally {
    result.server = memory?.stop() ?? null
    await context.close()
  }
  return result
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const [work, poolCache, out] = [argv[0], argv[1], argv.at(-1)]
  if (!work || !poolCache || !out || argv.length < 3)
    throw new Error('usage: uiHuge.ts <work folder> <pool cache.json> [options] <out.json>')
  const options = parseOptions(argv)
  const result: UiHugeResult = {
    notMeasured: null,
    existingSources: 0,
    folderFiles: options.uiHugeFolder,
    cases: [],
    loadAverage: round(loadavg()[0] ?? 0, 2),
    loadAverageEnd: 0,
    chromium: '',
  }
  if (!existsSync(chromiumPath)) {
    result.notMeasured = `no Chromium at ${chromiumPath} (set CASEFILE_CHROMIUM)`
    return writeResult(out, result)
  }
  progress(`ui-huge: built the app in ${buildApp(work)} s`)
  const { pool } = await textPool(options.seed, poolCache)
  const existing = await writePlainText(
    join(work, 'existing'),
    pool,
    options.uiExisting,
    options.seed + 41,
  )
  const libraryDir = join(work, 'library')
  result.existingSources = await fillLibrary(libraryDir, existing)
  const inputs = await writeInputs(work, options.seed, poolCache, options.uiHugeFolder)
  progress(`ui-huge: a library of ${result.existingSources} sources; the inputs are written`)

  const server = await startUiServer(libraryDir, work)
  let browser: Browser | undefined
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
    result.chromium = browser.version()
    // The source the analyst reads during each case: one of the small ones, not a huge one.
    const page = await browser.newPage()
    await page.goto(server.url)
    const readTitle = await page
      .getByTestId('source-item')
      .first()
      .locator('.library-item__title')
      .innerText()
    await page.close()
    for (const input of inputs) {
      progress(`ui-huge: ${input.label}`)
      const measured = await runCase(browser, server, input, readTitle)
      result.cases.push(measured)
      progress(
        `ui-huge: ${input.label}: ${measured.error ?? measured.outcome} (${measured.seconds} s; longest frame ${measured.longestFrameMs} ms; palette ${Math.max(0, ...measured.palette.duringMs)} ms; server RSS +${measured.server?.growthMb ?? '?'} MB)`,
      )
      await writeResult(out, result) // a crash later still leaves the cases measured so far
    }
  } finally {
    await browser?.close()
    await server.stop()
  }
  result.loadAverageEnd = round(loadavg()[0] ?? 0, 2)
  await writeResult(out, result)
}

main().then(() => process.exit(0), reportCrash)
