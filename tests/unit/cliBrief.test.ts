import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHandlers, Library, resourcesDir } from '../../electron/core'
import { createClient, createMemoryTransport } from '../../shared/rpc'
import { makeBriefCase } from '../support/briefCase'
import { runCli } from '../support/cliTransport'
import { makeTempDir } from '../support/makeLibrary'

const cleanup: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step()
})

/** A library holding the brief case, closed again so the CLI can open it. */
async function caseLibrary(): Promise<{ folder: string; library: string }> {
  const dir = await makeTempDir()
  cleanup.push(dir.remove)
  const library = join(dir.path, 'case')
  const open = await Library.open(library)
  await makeBriefCase(
    createClient(createMemoryTransport(createHandlers(open, { resourcesDir }), open.events)),
  )
  await open.close()
  return { folder: dir.path, library }
}

describe('casefile brief, verify, stix and archive', () => {
  it('exports a brief of a scope named on the command line, and verifies it', async () => {
    const { folder, library } = await caseLibrary()
    const file = join(folder, 'brief.md')
    const brief = await runCli([
      '--library',
      library,
      'brief',
      '--actor',
      'islamic republic of iran',
      '--tlp',
      'AMBER',
      '--title',
      'Tirana',
      '-o',
      file,
    ])
    expect(brief.stderr).toContain(
      `Wrote ${file}: 2 citation(s); left out 2 item(s) marked above TLP:AMBER, 0 orphaned passage(s).`,
    )
    expect(brief.code).toBe(0)
    const markdown = await readFile(file, 'utf8')
    expect(markdown).toContain(
      '> Officials said Iran was behind the attack on the e-Albania portal.',
    )

    const verified = await runCli(['--library', library, 'verify', file])
    expect(verified.stderr).toContain('2 exact, 0 fuzzy, 0 orphaned.')
    expect(verified.stdout.split('\n').filter((line) => line.includes(' exact '))).toHaveLength(2)
    expect(verified.code).toBe(0)

    const tampered = join(folder, 'tampered.md')
    await writeFile(
      tampered,
      markdown.replaceAll('denied any involvement', 'denied every involvement'),
    )
    const checked = await runCli(['--library', library, 'verify', tampered])
    expect(checked.stdout).toMatch(/\[\^\d+\] fuzzy \d+%/)
    expect(checked.code).toBe(1)

    const unknown = await runCli(['--library', library, 'brief', '--actor', 'Atlantis'])
    expect(unknown.stderr).toContain('No actor is called “Atlantis”.')
    expect(unknown.code).toBe(1)
  })

  it('writes a STIX bundle that another library imports, and an archive it unpacks whole', async () => {
    const { folder, library } = await caseLibrary()
    const bundle = join(folder, 'case.stix.json')
    const written = await runCli(['--library', library, 'brief', '--format', 'stix', '-o', bundle])
    expect(written.code).toBe(0)
    const parsed = JSON.parse(await readFile(bundle, 'utf8')) as {
      type: string
      objects: unknown[]
    }
    expect(parsed.type).toBe('bundle')
    expect(written.stderr).toContain(`a STIX 2.1 bundle of ${parsed.objects.length} objects`)

    const other = join(folder, 'other')
    const imported = await runCli(['--library', other, 'stix', 'import', bundle])
    expect(imported.code).toBe(0)
    expect(JSON.parse(imported.stdout)).toMatchObject({
      actors: { created: 1, matched: 0 },
      events: { created: 2, matched: 0 },
      relations: { created: 1, matched: 0 },
    })

    const archive = join(folder, 'case.zip')
    const exported = await runCli(['--library', library, 'archive', 'export', '-o', archive])
    expect(exported.stderr).toMatch(/Wrote .*case\.zip: \d+ files/)
    expect(exported.code).toBe(0)
    const again = await runCli(['--library', library, 'archive', 'export', '-o', archive])
    expect(again.stderr).toContain('already exists')
    expect(again.code).toBe(1)
    const verified = await runCli(['archive', 'verify', archive])
    expect(verified.stderr).toContain('is whole')
    expect(verified.code).toBe(0)

    const copy = join(folder, 'copy')
    const unpacked = await runCli(['--library', copy, 'archive', 'import', archive])
    expect(unpacked.code).toBe(0)
    expect(unpacked.stderr).toContain('2 sources, 5 annotations')
    const list = async (root: string) =>
      (await readdir(root, { recursive: true }))
        .filter((name) => !/^(index|backups)\b/.test(name))
        .sort()
    expect(await list(copy)).toEqual((await list(library)).filter((name) => name !== '.lock'))
    const info = await runCli(['--library', copy, 'info'])
    expect(JSON.parse(info.stdout)).toMatchObject({
      counts: { sources: 2, annotations: 5, actors: 2, events: 2 },
    })

    const refused = await runCli(['--library', library, 'archive', 'import', archive])
    expect(refused.stderr).toMatch(/not empty|empty/)
    expect(refused.code).toBe(1)
  }, 120_000)
})
