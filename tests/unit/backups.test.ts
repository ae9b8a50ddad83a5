import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Library } from '../../electron/core'
import {
  backupsKept,
  listBackups,
  restoreBackup,
  rotateBackups,
  takeBackup,
} from '../../electron/core/backups'
import { makeTempDir } from '../support/makeLibrary'

const encode = (text: string) => new TextEncoder().encode(text)
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

const folders: { remove(): Promise<void> }[] = []
afterEach(async () => {
  for (const folder of folders.splice(0)) await folder.remove()
})

/** A closed library with a source and an actor (closing it took its first backup). */
async function makeClosedLibrary(): Promise<string> {
  const dir = await makeTempDir()
  folders.push(dir)
  const library = await Library.open(dir.path, { indexPersistDelayMs: 60_000 })
  await library.importFile('a.txt', encode('Harbour report\n\nThe gate failed.'))
  await library.entities.createActor({
    name: 'Harbour Spider',
    kind: 'group',
    aliases: [],
    description: '',
    tags: [],
    tlp: 'CLEAR',
  })
  await library.close()
  return dir.path
}

/** A time `minutes` from now: after the backup the library took on close. */
const at = (minutes: number) => new Date(Date.now() + minutes * 60_000)

describe('backups', () => {
  it('are taken soon after open, not during it, so the first answers do not wait', async () => {
    const path = await makeClosedLibrary()
    const before = await listBackups(path)
    const library = await Library.open(path, {
      indexPersistDelayMs: 60_000,
      backupGapMs: 0,
      openBackupDelayMs: 200,
    })
    try {
      expect(await listBackups(path)).toHaveLength(before.length)
      await library.importFile('b.txt', encode('Quay report\n\nSmoke.'))
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      const after = await listBackups(path)
      expect(after).toHaveLength(before.length + 1)
      expect(after[0]?.manifest.reason).toBe('open')
    } finally {
      await library.close()
    }
  })

  it('are taken on close: each small record, with its sha256 in a manifest', async () => {
    const path = await makeClosedLibrary()
    const [backup, ...older] = await listBackups(path)
    expect(older).toEqual([])
    expect(backup?.manifest.reason).toBe('close')
    expect(Object.keys(backup?.manifest.files ?? {}).sort()).toEqual([
      'casefile.journal',
      'casefile.json',
      'entities.json',
    ])
    for (const [name, listed] of Object.entries(backup?.manifest.files ?? {})) {
      const copy = await readFile(join(backup?.folder ?? '', name))
      expect(sha256(copy)).toBe(listed.sha256)
      expect(copy.equals(await readFile(join(path, name)))).toBe(true)
    }
  })

  it('are not taken again within the gap, nor when nothing changed', async () => {
    const path = await makeClosedLibrary()
    const again = await Library.open(path, { indexPersistDelayMs: 60_000 })
    await again.close()
    expect(await listBackups(path)).toHaveLength(1)
    const options = { reason: 'open' as const, libraryId: null, gapMs: 60_000 }
    expect(await takeBackup(path, { ...options, now: new Date(Date.now() + 120_000) })).toBe(
      undefined,
    )
    await writeFile(join(path, 'searches.json'), '{"searches": []}')
    expect(await takeBackup(path, { ...options, now: new Date(Date.now() + 120_000) })).toEqual({
      takenAt: expect.any(String),
      path: expect.any(String),
    })
  })

  it('never copy a damaged file, so damage never replaces a good backup', async () => {
    const path = await makeClosedLibrary()
    await writeFile(join(path, 'entities.json'), '{"actors": [')
    const backup = await takeBackup(path, { reason: 'open', libraryId: null, now: at(90) })
    expect(await readdir(backup?.path ?? '')).not.toContain('entities.json')
    const restored = await restoreBackup(path, 'entities.json')
    expect(JSON.parse(await readFile(join(path, 'entities.json'), 'utf8'))).toMatchObject({
      actors: [{ name: 'Harbour Spider' }],
    })
    expect(restored.movedAside).toEqual([expect.stringMatching(/^entities\.json\.damaged-/)])
  })

  it(`rotate: the newest ${backupsKept} are kept, and the last good copy of any file`, async () => {
    const path = await makeClosedLibrary()
    await writeFile(join(path, 'entities.json'), '')
    for (let n = 0; n < backupsKept + 3; n++) {
      await writeFile(join(path, 'searches.json'), JSON.stringify({ searches: [], n }))
      await takeBackup(path, { reason: 'close', libraryId: null, now: at(n + 1) })
    }
    const backups = await listBackups(path)
    expect(backups).toHaveLength(backupsKept + 1)
    expect(backups.slice(0, backupsKept).every((b) => !b.manifest.files['entities.json'])).toBe(
      true,
    )
    expect(backups.at(-1)?.manifest.files['entities.json']).toBeDefined()
  })

  it('ignore and remove a backup cut short before its manifest was written', async () => {
    const path = await makeClosedLibrary()
    await mkdir(join(path, 'backups', 'cut-short'))
    await writeFile(join(path, 'backups', 'cut-short', 'entities.json'), '{}')
    expect(await listBackups(path)).toHaveLength(1)
    await rotateBackups(path)
    expect(await readdir(join(path, 'backups'))).not.toContain('cut-short')
  })

  it('refuse to put back a copy whose bytes no longer match the manifest', async () => {
    const path = await makeClosedLibrary()
    const [backup] = await listBackups(path)
    await writeFile(join(backup?.folder ?? '', 'entities.json'), '{"actors": [], "events": []}')
    await writeFile(join(path, 'entities.json'), '')
    await expect(restoreBackup(path, 'entities.json')).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('no good backup of entities.json'),
    })
    expect(await readFile(join(path, 'entities.json'), 'utf8')).toBe('')
  })

  it('put the catalog back with its journal, moving both aside', async () => {
    const path = await makeClosedLibrary()
    await writeFile(join(path, 'casefile.json'), '{"schemaVersion": 2, "sour')
    await expect(Library.open(path)).rejects.toThrow(/newest good backup is from/)
    const restored = await restoreBackup(path, 'casefile.json')
    expect(restored.files).toEqual(['casefile.json', 'casefile.journal'])
    const library = await Library.open(path, { indexPersistDelayMs: 60_000 })
    expect(library.listSources().map((s) => s.title)).toEqual(['Harbour report'])
    await library.close()
  })
})
