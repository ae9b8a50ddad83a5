import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Library } from '../../electron/core'
import { removeTemporaryFiles } from '../../electron/core/durableFile'
import { formatReport, runKillTest } from '../support/killRun'
import { makeTempDir } from '../support/makeLibrary'

// A bounded run for `npm test`; the long one: `npx tsx tests/support/killRun.ts --kills 500`.
const kills = Number(process.env.CASEFILE_KILLS ?? 50)
const seed = Number(process.env.CASEFILE_KILL_SEED ?? Date.now() % 1_000_000)

describe('a writing process killed at random moments', () => {
  it(`loses no acknowledged write over ${kills} SIGKILLs of one library (seed ${seed})`, async () => {
    const report = await runKillTest({ kills, seed })
    const figures = formatReport(report)
    expect(report.openFailures, figures).toEqual([])
    expect(report.lost, figures).toEqual([])
    expect(report.invalid, figures).toEqual([])
    expect(report.childFailures, figures).toEqual([])
    expect(report.kills, figures).toBe(kills)
    expect(report.acknowledged, figures).toBeGreaterThan(0)
  }, 900_000)
})

describe('the temporary files a killed writer leaves', () => {
  it('are removed, and nothing else', async () => {
    const dir = await makeTempDir()
    try {
      const names = [
        'casefile.json',
        'casefile.json.4711.k3j9x0q.tmp',
        'entities.json.12.a.tmp',
        'my.tmp',
        'report.txt',
      ]
      for (const name of names) await writeFile(join(dir.path, name), 'x')
      expect(await removeTemporaryFiles(dir.path)).toBe(2)
      expect((await readdir(dir.path)).sort()).toEqual(['casefile.json', 'my.tmp', 'report.txt'])
    } finally {
      await dir.remove()
    }
  })

  it('are removed when the library opens', async () => {
    const dir = await makeTempDir()
    try {
      await (await Library.open(dir.path)).close()
      const leftovers = ['casefile.json.4711.k3j9x0q.tmp', 'bodies/abc.txt.12.a.tmp']
      for (const name of leftovers) await writeFile(join(dir.path, name), '{"torn')
      const library = await Library.open(dir.path)
      await library.close()
      expect((await readdir(dir.path)).filter((name) => name.endsWith('.tmp'))).toEqual([])
      expect(await readdir(join(dir.path, 'bodies'))).toEqual([])
    } finally {
      await dir.remove()
    }
  })
})
