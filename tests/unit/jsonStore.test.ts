import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { JsonStore } from '../../electron/core/jsonStore'
import { makeTempDir } from '../support/makeLibrary'

let dir: Awaited<ReturnType<typeof makeTempDir>> | undefined
afterEach(async () => dir?.remove())

const validate = (data: unknown) => data as { items: number[] }

describe('JsonStore', () => {
  it('writes every change, coalescing the ones made while a write is under way', async () => {
    dir = await makeTempDir()
    const path = join(dir.path, 'store.json')
    const store = await JsonStore.open(path, { items: [] as number[] }, validate)
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.update((data) => void data.items.push(i))),
    )
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      items: Array.from({ length: 50 }, (_, i) => i),
    })
    expect((await readdir(dir.path)).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('refuses a file that does not parse, naming it, and leaves it as it was', async () => {
    dir = await makeTempDir()
    const path = join(dir.path, 'store.json')
    await writeFile(path, '{"items": [1, 2')
    await expect(JsonStore.open(path, { items: [] }, validate)).rejects.toThrow(
      /store\.json cannot be read/,
    )
    expect(await readFile(path, 'utf8')).toBe('{"items": [1, 2')
  })
})
