import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Library } from '../../electron/core'
import { runCli } from '../support/cliTransport'
import { importAndHighlight } from '../support/libraryHelpers'
import { librariesOnDisk } from '../support/librariesOnDisk'
import { makeTempDir } from '../support/makeLibrary'

const { folder, open, close } = librariesOnDisk()

describe('casefile backup restore', () => {
  it('puts back the catalog a damaged casefile.json keeps from opening, keeping the damaged file', async () => {
    const dir = await makeTempDir()
    try {
      const library = await Library.open(dir.path)
      await library.importFile(
        'harbour.txt',
        new TextEncoder().encode('Harbour log\n\nGates shut.'),
      )
      await library.close()
      const catalog = join(dir.path, 'casefile.json')
      const damaged = (await readFile(catalog, 'utf8')).slice(0, 40)
      await writeFile(catalog, damaged)

      const refused = await runCli(['--library', dir.path, 'info'])
      expect(refused.code).toBe(1)
      expect(refused.stderr).toContain(`backup restore casefile.json`)

      const restored = await runCli(['--library', dir.path, 'backup', 'restore', 'casefile.json'])
      expect(restored.stderr).toMatch(/^Restored casefile\.json/)
      expect(restored.code).toBe(0)
      const info = await runCli(['--library', dir.path, 'info'])
      expect(JSON.parse(info.stdout)).toMatchObject({ counts: { sources: 1 } })
      const aside = (await readdir(dir.path)).filter((name) =>
        name.startsWith('casefile.json.damaged-'),
      )
      expect(aside).toHaveLength(1)
      expect(await readFile(join(dir.path, aside[0] ?? ''), 'utf8')).toBe(damaged)

      const unknown = await runCli(['--library', dir.path, 'backup', 'restore', '../etc/passwd'])
      expect(unknown.code).toBe(1)
      expect(unknown.stderr).toContain('FILE one of casefile.json')
    } finally {
      await dir.remove()
    }
  }, 60_000)

  it('puts back a damaged annotation file, and the next open indexes what it holds', async () => {
    const dir = await folder()
    const t = await open(dir.path)
    const text = 'Harbour log\n\nThe gate failed at noon.'
    const { source, annotation } = await importAndHighlight(t.client, text, 'gate failed', 'h.txt')
    await t.client.call('annotations.update', { id: annotation.id, comment: 'Quayside sabotage' })
    await close(t) // takes a backup holding the annotation file
    const file = `annotations/${source.id}.json`
    await writeFile(join(dir.path, file), '{"annotations": [')

    const restored = await runCli(['--library', dir.path, 'backup', 'restore', file])
    expect(restored.stderr).toMatch(new RegExp(`^Restored ${file}`))
    expect(restored.code).toBe(0)
    expect((await readdir(join(dir.path, 'annotations'))).sort()).toEqual([
      `${source.id}.json`,
      expect.stringMatching(new RegExp(`^${source.id}\\.json\\.damaged-`)),
    ])
    const reopened = await open(dir.path)
    expect(reopened.library.indexReport.openedFrom).toBe('rebuild')
    const { hits } = await reopened.client.call('search.query', { query: 'quayside', limit: 10 })
    expect(hits.map((hit) => hit.kind)).toEqual(['annotation'])
  }, 60_000)
})
