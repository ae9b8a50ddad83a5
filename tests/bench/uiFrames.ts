import type { Browser } from 'playwright-core'
import { round, summarize } from './stats'

/**
 * The frame recorder of the UI phases (uiImport.ts, uiHuge.ts), and what its recording comes to.
 * In the page: a requestAnimationFrame loop (the gap between two frames is a frame's length, so a
 * main thread held up for 300 ms shows as a 300 ms frame), `longtask` entries (tasks over 50 ms,
 * with no upper detail) and `long-animation-frame` entries (frames over 50 ms, with the script
 * that filled them), and the time of the first `change` event: when the page was handed the files.
 */

/** One of the longest animation frames, and what Chromium says filled it. */
export type WorstFrame = {
  atMs: number
  ms: number
  scriptMs: number
  /** From the start of style and layout to the frame's end. */
  layoutMs: number
  /** The longest script in the frame: what invoked it, and its function (minified) if known. */
  script: string
}

export type Recording = {
  /** [start, length] of each frame, ms on the page's clock. */
  frames: Array<[number, number]>
  tasks: Array<[number, number]>
  loafs: WorstFrame[]
  changeAt: number | null
}

/** A plain script (not a function: tsx's helpers would not exist in the page). */
export const recorderScript = `(() => {
  const rec = { frames: [], tasks: [], loafs: [], changeAt: null, stopped: false }
  let last
  const tick = (now) => {
    if (rec.stopped) return
    if (last !== undefined) rec.frames.push([last, now - last])
    last = now
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
  window.addEventListener('change', () => { rec.changeAt ??= performance.now() }, true)
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) rec.tasks.push([e.startTime, e.duration])
  }).observe({ type: 'longtask' })
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame'))
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const scripts = [...e.scripts].sort((a, b) => b.duration - a.duration)
        const top = scripts[0]
        rec.loafs.push({
          atMs: e.startTime,
          ms: e.duration,
          scriptMs: scripts.reduce((sum, s) => sum + s.duration, 0),
          layoutMs: e.styleAndLayoutStart > 0 ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
          script: top ? top.invoker + (top.sourceFunctionName ? ' → ' + top.sourceFunctionName : '') : '(no script)',
        })
      }
    }).observe({ type: 'long-animation-frame' })
  window.__casefileBench = rec
})()`

/** Stops the recorder and hands its recording over. */
export const takeRecording = `(() => { const r = window.__casefileBench; r.stopped = true; return r })()`

export type FrameFigures = {
  frames: number
  frameP50Ms: number
  frameP95Ms: number
  /** The budget's figure: the longest frame from the moment the page had the files. */
  longestFrameMs: number
  framesOver50: number
  framesOver100: number
  /** The whole frame in which the browser set the files and fired `change`. */
  selectionFrameMs: number
  /** Its part after the `change` event: the app's own (counted in the figures above). */
  selectionAppShareMs: number
  longTasks: number
  longestTaskMs: number
  /** The sum of each long task's time over 50 ms (total blocking time). */
  blockingMs: number
  /** The longest animation frames of the whole recording, `atMs` from the change event. */
  worstFrames: WorstFrame[]
}

export const noFrames: FrameFigures = {
  frames: 0,
  frameP50Ms: 0,
  frameP95Ms: 0,
  longestFrameMs: 0,
  framesOver50: 0,
  framesOver100: 0,
  selectionFrameMs: 0,
  selectionAppShareMs: 0,
  longTasks: 0,
  longestTaskMs: 0,
  blockingMs: 0,
  worstFrames: [],
}

/** The longest frame of a recording, whatever happened in it. */
export function longestFrame(recording: Recording): number {
  return round(Math.max(0, ...recording.frames.map(([, ms]) => ms)), 1)
}

/** The browser's own cost of handing a page a folder of files, on a page with nothing else. */
export async function bareSelection(browser: Browser, folder: string): Promise<number> {
  const page = await browser.newPage()
  await page.setContent('<input type="file" multiple webkitdirectory>')
  await page.evaluate(recorderScript)
  await page.locator('input').setInputFiles(folder)
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const recording = await page.evaluate<Recording>(takeRecording)
  await page.close()
  return longestFrame(recording)
}

/**
 * The frames from the `change` event on. The frame the event falls in also holds the browser's
 * own work of setting a thousand files on the input (measured apart on a page without the app):
 * only its part after the event is the app's.
 */
export function frameFigures(all: Recording, skipAt: readonly number[] = []): FrameFigures {
  // `skipAt`: when the bench itself pressed a key to probe the page (page clock). The frames and
  // tasks that hold such a press measure the probe's answer, not the work under test.
  const holds = (start: number, ms: number) => skipAt.some((at) => start <= at && at <= start + ms)
  const recording: Recording = {
    ...all,
    frames: all.frames.filter(([start, ms]) => !holds(start, ms)),
    tasks: all.tasks.filter(([start, ms]) => !holds(start, ms)),
    loafs: all.loafs.filter((frame) => !holds(frame.atMs, frame.ms)),
  }
  const changeAt = recording.changeAt ?? recording.frames[0]?.[0] ?? 0
  const spanning = recording.frames.find(
    ([start, ms]) => start < changeAt && changeAt <= start + ms,
  )
  const share = spanning ? spanning[0] + spanning[1] - changeAt : 0
  const lengths = [
    ...(spanning ? [share] : []),
    ...recording.frames.filter(([start]) => start >= changeAt).map(([, ms]) => ms),
  ]
  // Long tasks likewise: the one the files were set in counts from the event on.
  const tasks = recording.tasks
    .filter(([start, ms]) => start + ms > changeAt)
    .map(([start, ms]) => (start < changeAt ? start + ms - changeAt : ms))
  const s = summarize(lengths)
  return {
    frames: s.n,
    frameP50Ms: round(s.p50, 1),
    frameP95Ms: round(s.p95, 1),
    longestFrameMs: round(s.max, 1),
    framesOver50: lengths.filter((ms) => ms > 50).length,
    framesOver100: lengths.filter((ms) => ms > 100).length,
    selectionFrameMs: round(spanning?.[1] ?? 0, 1),
    selectionAppShareMs: round(share, 1),
    longTasks: tasks.filter((ms) => ms > 50).length,
    longestTaskMs: round(Math.max(0, ...tasks), 1),
    blockingMs: round(
      tasks.reduce((sum, ms) => sum + Math.max(0, ms - 50), 0),
      0,
    ),
    worstFrames: [...recording.loafs]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((frame) => ({
        atMs: round(frame.atMs - changeAt, 0),
        ms: round(frame.ms, 1),
        scriptMs: round(frame.scriptMs, 1),
        layoutMs: round(frame.layoutMs, 1),
        script: frame.script,
      })),
  }
}
