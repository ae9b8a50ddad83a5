import { mkdir, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { addToSummary, emptySummary, importPaths, type PathImportResult } from '../../electron/core'
import type { EventPayload } from '../../shared/api'
import { runCli } from '../support/cliTransport'
import { makeLibrary, makeTempDir, type TestLibrary } from '../support/makeLibrary'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function library(): Promise<TestLibrary> {
  const t = await makeLibrary({ indexPersistDelayMs: 60_000 })
  cleanups.push(() => t.close())
  return t
}

/** A folder as an analyst's download folder looks: good files, a copy, a picture, a broken file. */
async function mixedFolder(): Promise<string> {
  const dir = await makeTempDir()
  cleanups.push(() => dir.remove())
  const report = 'From: Ada Byline\nPort report\n\nThe gate system failed on Friday.'
  await mkdir(join(dir.path, 'nested', 'deeper'), { recursive: true })
  await writeFile(join(dir.path, 'a-report.txt'), report)
  await writeFile(join(dir.path, 'b-notes.md'), '# Notes\n\nThe harbour master was not told.')
  await writeFile(
    join(dir.path, 'nested', 'c-page.html'),
    '<title>Page</title><p>The ministry denied everything on Saturday.</p>',
  )
  await writeFile(join(dir.path, 'nested', 'deeper', 'd-copy.txt'), report)
  await writeFile(join(dir.path, 'nested', 'e-photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))
  await writeFile(join(dir.path, 'f-empty.txt'), '')
  return dir.path
}

describe('importing folders', () => {
  it('reports every file, skips unknown types, never stops at a bad file, and counts progress', async () => {
    const t = await library()
    const folder = await mixedFolder()
    const progress: Array<EventPayload<'import.progress'>> = []
    const stop = t.library.events.subscribe((event, payload) => {
      if (event === 'import.progress') progress.push(payload as EventPayload<'import.progress'>)
    })
    const results: PathImportResult[] = []
    for await (const result of importPaths(t.library, [folder])) results.push(result)
    stop()
    const byName: Record<string, string> = Object.fromEntries(
      results.map((result): [string, string] => [
        result.file.split('/').pop() ?? '',
        result.status,
      ]),
    )
    // The report and its copy are in flight together: whichever lands first is the source.
    expect([byName['a-report.txt'], byName['d-copy.txt']].sort()).toEqual(['duplicate', 'imported'])
    expect(byName).toMatchObject({
      'b-notes.md': 'imported',
      'f-empty.txt': 'error',
      'c-page.html': 'imported',
      'e-photo.png': 'skipped',
    })
    const summary = results.reduce(addToSummary, emptySummary())
    expect(summary).toMatchObject({ imported: 3, duplicates: 1, skipped: 1, cancelled: 0 })
    expect(summary.failed).toEqual([
      { file: join(folder, 'f-empty.txt'), error: expect.stringMatching(/f-empty\.txt is empty/) },
    ])
    expect(progress.map((event) => event.done)).toEqual([1, 2, 3, 4, 5, 6])
    expect(new Set(progress.map((event) => event.total))).toEqual(new Set([6]))
    expect(t.library.listSources()).toHaveLength(3)
  })

  it('stops starting files when cancelled; what it reports imported is in the library', async () => {
    const t = await library()
    const dir = await makeTempDir()
    cleanups.push(() => dir.remove())
    for (let n = 0; n < 40; n++) {
      await writeFile(
        join(dir.path, `note-${String(n).padStart(2, '0')}.txt`),
        `Note ${n}\n\nBody ${n}.`,
      )
    }
    const cancel = new AbortController()
    const results: PathImportResult[] = []
    for await (const result of importPaths(t.library, [dir.path], cancel.signal)) {
      results.push(result)
      if (results.length === 2) cancel.abort()
    }
    const summary = results.reduce(addToSummary, emptySummary())
    expect(results).toHaveLength(40)
    expect(summary.cancelled).toBeGreaterThan(20)
    expect(summary.imported + summary.cancelled).toBe(40)
    expect(t.library.listSources()).toHaveLength(summary.imported)
  })

  it('refuses a file over 50 MB by name and size, before reading it', async () => {
    const t = await library()
    const dir = await makeTempDir()
    cleanups.push(() => dir.remove())
    const huge = join(dir.path, 'huge.txt')
    await writeFile(huge, '')
    await truncate(huge, 51 * 1024 * 1024) // sparse: no 51 MB written
    const results: PathImportResult[] = []
    for await (const result of importPaths(t.library, [huge])) results.push(result)
    expect(results).toEqual([
      {
        file: huge,
        status: 'error',
        error: expect.stringMatching(/huge\.txt is 51 MB; files over 50 MB cannot be imported/),
      },
    ])
    expect(t.library.info().counts.sources).toBe(0)
  })
})

describe('casefile import', () => {
  it('prints a line a file and a summary with the reasons for failures', async () => {
    const folder = await mixedFolder()
    const dir = await makeTempDir()
    cleanups.push(() => dir.remove())
    const run = await runCli(['import', folder, '--library', dir.path])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^imported\s+\S*(a-report|d-copy)\.txt\s+“Port report”$/m)
    expect(run.stdout).toMatch(/^duplicate\s+\S*(a-report|d-copy)\.txt/m)
    expect(run.stdout).toMatch(/^skipped\s+\S*e-photo\.png/m)
    expect(run.stderr).toContain(
      'Imported 3; 1 already in the library; 1 skipped (not a type Casefile imports); 1 failed.',
    )
    expect(run.stderr).toMatch(/failed: f-empty\.txt is empty/)
  })
})
