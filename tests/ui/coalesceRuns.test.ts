import { describe, expect, it, vi } from 'vitest'
import { coalesceRuns } from '../../renderer/src/app/coalesceRuns'

/** A run the test finishes by hand, so what overlaps what is decided here, not by a clock. */
function controlledWork() {
  const runs: Array<{ finish: (value: number) => void; fail: (error: Error) => void }> = []
  const work = () =>
    new Promise<number>((resolve, reject) => {
      const n = runs.length + 1
      runs.push({ finish: () => resolve(n), fail: reject })
    })
  return { runs, work }
}

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('coalescing re-reads', () => {
  it('answers a burst of 50 requests during a run with one more run', async () => {
    const { runs, work } = controlledWork()
    const request = coalesceRuns(work)
    const first = request()
    const burst = Array.from({ length: 50 }, () => request())
    expect(runs).toHaveLength(1)
    runs[0]?.finish(1)
    await settle()
    expect(runs).toHaveLength(2)
    runs[1]?.finish(2)
    expect(await first).toBe(1)
    // Every request of the burst came after run 1 started: each is answered by run 2.
    expect(await Promise.all(burst)).toEqual(Array.from({ length: 50 }, () => 2))
    await settle()
    expect(runs).toHaveLength(2)
  })

  it('starts at once when nothing runs, and again for a request after the run', async () => {
    const { runs, work } = controlledWork()
    const request = coalesceRuns(work)
    const first = request()
    runs[0]?.finish(1)
    expect(await first).toBe(1)
    await settle()
    const second = request()
    expect(runs).toHaveLength(2)
    runs[1]?.finish(2)
    expect(await second).toBe(2)
  })

  it('runs the waiting request even when the run before it failed', async () => {
    const { runs, work } = controlledWork()
    const request = coalesceRuns(work)
    const failed = request()
    const waiting = request()
    runs[0]?.fail(new Error('the disk went away'))
    await expect(failed).rejects.toThrow('the disk went away')
    await settle()
    expect(runs).toHaveLength(2)
    runs[1]?.finish(2)
    expect(await waiting).toBe(2)
  })

  it('lets a long burst pause between runs, but never a single change', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
    try {
      const { runs, work } = controlledWork()
      const request = coalesceRuns(work, 250)
      const first = request()
      const second = request()
      runs[0]?.finish(1)
      expect(await first).toBe(1)
      await vi.advanceTimersByTimeAsync(0)
      // The first request waiting behind a run goes as soon as it ends: an import's own re-read.
      expect(runs).toHaveLength(2)
      const third = request()
      runs[1]?.finish(2)
      expect(await second).toBe(2)
      // The burst goes on: the next run waits 250 ms after the last one ended.
      await vi.advanceTimersByTimeAsync(249)
      expect(runs).toHaveLength(2)
      await vi.advanceTimersByTimeAsync(1)
      expect(runs).toHaveLength(3)
      runs[2]?.finish(3)
      expect(await third).toBe(3)
      // After a quiet spell, a request runs at once again.
      await vi.advanceTimersByTimeAsync(1000)
      void request()
      expect(runs).toHaveLength(4)
    } finally {
      vi.useRealTimers()
    }
  })
})
