/** Asks for a run; the promise settles with the first run that started after the request. */
export type CoalescedRun<T> = () => Promise<T>

/**
 * Wraps `work` (a re-read of something in the library) so that a burst of requests, such as the
 * change events of a 1,000-file import, costs a few runs instead of one per request: at most one
 * run is in flight and at most one waits. A request after a quiet spell runs at once, and so
 * does the first one waiting behind it; after that, while requests keep coming, a run starts no
 * sooner than `gapMs` after the previous one ended, so the window has time to paint and the core
 * to import in between. A caller always gets data at least as new as its request.
 */
export function coalesceRuns<T>(work: () => Promise<T>, gapMs = 0): CoalescedRun<T> {
  let running: Promise<T> | undefined
  let waiting: Promise<T> | undefined
  let endedAt = Number.NEGATIVE_INFINITY
  /** Whether the last run started from waiting: the burst goes on, so the next one pauses. */
  let chained = false

  const start = (fromWaiting: boolean): Promise<T> => {
    chained = fromWaiting
    const run = (async () => work())()
    running = run
    const ended = () => {
      endedAt = performance.now()
      if (running === run) running = undefined
    }
    run.then(ended, ended)
    return run
  }

  return () => {
    if (waiting) return waiting
    if (!running && performance.now() - endedAt >= gapMs) return start(false)
    const gap = chained ? gapMs : 0
    waiting = (running ?? Promise.resolve())
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => pause(endedAt + gap - performance.now()))
      .then(() => {
        waiting = undefined
        return start(true)
      })
    return waiting
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : resolve()))
}
