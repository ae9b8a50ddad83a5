import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SearchService } from '../../electron/core/searchService'
import type { IndexedItem } from '../../shared/search'
import { makeTempDir } from '../support/makeLibrary'

const item = (n: number): IndexedItem => ({
  id: `s:${n}`,
  sourceId: String(n),
  title: `Report ${n}`,
  body: `The harbour gate failed on day ${n}. `.repeat(40),
})

async function* items(count: number): AsyncGenerator<IndexedItem> {
  for (let n = 0; n < count; n++) yield item(n)
}

const manifestOf = async (folder: string) =>
  JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as {
    clean: boolean
    generation: number
    chunks: string[]
  }

const chunkFiles = async (folder: string) =>
  (await readdir(folder)).filter((name) => name.endsWith('.chunk'))

describe('saving the search index', () => {
  it('lets a change through while a save writes its chunks, and never calls that save clean', async () => {
    const dir = await makeTempDir()
    try {
      const folder = join(dir.path, 'index')
      const service = await SearchService.open(folder, () => items(300), {
        persistDelayMs: 60_000,
      })
      const order: string[] = []
      const saving = service.persist().then(() => void order.push('saved'))
      // The save has taken its snapshot and is writing: a change must not wait for it.
      await service.change(async () => {
        service.add({ ...item(999), body: 'lighthouse keeper radioed the harbour master' })
      })
      order.push('changed')
      await saving
      expect(order).toEqual(['changed', 'saved'])
      // The snapshot predates the change: the index on disk is not vouched for.
      expect((await manifestOf(folder)).clean).toBe(false)

      await service.close()
      expect((await manifestOf(folder)).clean).toBe(true)
      const reopened = await SearchService.open(folder, () => items(0), {
        persistDelayMs: 60_000,
      })
      expect(reopened.report.openedFrom).toBe('disk')
      expect(reopened.index.search('lighthouse', 5).map((hit) => hit.id)).toEqual(['s:999'])
      await reopened.close()
    } finally {
      await dir.remove()
    }
  })
})

describe('a save that a change overtakes', () => {
  it('is given up at once, then made again, leaving only the chunks its manifest names', async () => {
    const dir = await makeTempDir()
    try {
      const folder = join(dir.path, 'index')
      const service = await SearchService.open(folder, () => items(3000), {
        persistDelayMs: 60_000,
      })
      await service.close() // a clean save: how many chunks a whole save writes
      const whole = (await chunkFiles(folder)).length
      const reopened = await SearchService.open(folder, () => items(0), { persistDelayMs: 60_000 })
      await reopened.change(async () => reopened.add(item(5000)))
      const saving = reopened.persist()
      await new Promise(setImmediate) // the save has begun making its chunks
      await reopened.change(async () => reopened.add(item(5001)))
      await saving
      // Given up: it wrote none of its chunks, and did not call the index on disk clean.
      const generation = (await manifestOf(folder)).generation + 1
      const written = (await chunkFiles(folder)).filter((name) =>
        name.startsWith(`g${generation}-`),
      )
      expect(whole).toBeGreaterThan(3)
      expect(written).toEqual([])
      expect((await manifestOf(folder)).clean).toBe(false)

      await reopened.close()
      const manifest = await manifestOf(folder)
      expect(manifest.clean).toBe(true)
      expect((await chunkFiles(folder)).sort()).toEqual(
        manifest.chunks.map((_, n) => `g${manifest.generation}-${n}.chunk`).sort(),
      )
    } finally {
      await dir.remove()
    }
  })
})

describe('opening a saved index', () => {
  it('answers at once, reads the rest soon after, and rebuilds next time if that rest is damaged', async () => {
    const dir = await makeTempDir()
    try {
      const folder = join(dir.path, 'index')
      const first = await SearchService.open(folder, () => items(20), { persistDelayMs: 60_000 })
      first.add({ ...item(50), body: 'beacon at 203.0.113.9 went dark' })
      await first.close()
      const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as {
        generation: number
        chunks: string[]
      }
      const at = manifest.chunks.findIndex((key) => key.startsWith('casefile.indicators'))
      await writeFile(join(folder, `g${manifest.generation}-${at}.chunk`), '[["s:50", ["203.0')

      let warmed!: () => void
      const warmedUp = new Promise<void>((resolve) => (warmed = resolve))
      const opened = await SearchService.open(folder, () => items(0), {
        persistDelayMs: 60_000,
        warmUpDelayMs: 0,
      })
      expect(opened.report.openedFrom).toBe('disk')
      expect(opened.index.search('beacon', 5).map((hit) => hit.id)).toEqual(['s:50'])
      setTimeout(warmed, 50)
      await warmedUp
      expect(() => opened.index.search('203.0.113.9', 5)).toThrow(/search index is damaged/)
      expect((await manifestOf(folder)).clean).toBe(false)
      await opened.close()

      const rebuilt = await SearchService.open(folder, () => items(3), { persistDelayMs: 60_000 })
      expect(rebuilt.report.openedFrom).toBe('rebuild')
      await rebuilt.close()
    } finally {
      await dir.remove()
    }
  })
})
