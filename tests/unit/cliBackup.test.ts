import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Library } from '../../electron/core'
import { runCli } from '../support/cliTransport'
import { makeTempDir } from '../support/makeLibrary'

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
})
