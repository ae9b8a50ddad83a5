import { createHash } from 'node:crypto'
import { readFile, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readItemList } from '../../electron/core/backupItems'
import { backupsKept, listBackups, takeBackup } from '../../electron/core/backups'
import { importAndHighlight } from '../support/libraryHelpers'
import { librariesOnDisk } from '../support/librariesOnDisk'

const { folder, open, close } = librariesOnDisk()

/** A closed library with a highlighted source and a note; closing it took its first backup. */
async function makeCase() {
  const dir = await folder()
  const t = await open(dir.path)
  const text = 'Harbour report\n\nThe gate failed at noon. The crane stopped.'
  const { source, annotation } = await importAndHighlight(t.client, text, 'gate failed', 'a.txt')
  await t.client.call('annotations.update', { id: annotation.id, comment: 'Quayside sabotage' })
  const note = await t.client.call('notes.create', {
    markdown: '# Plan\n\nAsk the harbourmaster about the lighthouse.',
  })
  await close(t)
  const annotationFile = `annotations/${source.id}.json`
  const noteFile = `notes/${note.id}.json`
  return { path: dir.path, source, annotation, note, annotationFile, noteFile }
}

/** A time `minutes` from now: after the backup the library took on close. */
const at = (minutes: number) => new Date(Date.now() + minutes * 60_000)
const backUp = (path: string, minutes: number, gapMs = 0) =>
  takeBackup(path, { reason: 'close', libraryId: null, now: at(minutes), gapMs })
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

describe('backups of notes and annotations', () => {
  it('hold every note and annotation file, each a copy listed with its sha256', async () => {
    const c = await makeCase()
    const [backup] = await listBackups(c.path)
    const list = await readItemList(backup)
    expect([...list.keys()].sort()).toEqual([c.annotationFile, c.noteFile].sort())
    for (const file of [c.annotationFile, c.noteFile]) {
      const copy = await readFile(join(backup?.folder ?? '', file))
      expect(copy.equals(await readFile(join(c.path, file)))).toBe(true)
      expect(sha256(copy)).toBe(list.get(file)?.sha256)
      // A copy, not the library's own file: damage to one is not damage to the other.
      const [mine, kept] = await Promise.all([
        stat(join(c.path, file)),
        stat(join(backup?.folder ?? '', file)),
      ])
      expect(kept.ino).not.toBe(mine.ino)
    }
  })

  it('keep what they held when an annotation file changes later, through Casefile or in place', async () => {
    const c = await makeCase()
    const [backup] = await listBackups(c.path)
    const copy = join(backup?.folder ?? '', c.annotationFile)
    const before = await readFile(copy)
    const t = await open(c.path)
    await t.client.call('annotations.update', { id: c.annotation.id, comment: 'A new reading' })
    await close(t)
    expect(await readFile(join(c.path, c.annotationFile), 'utf8')).toContain('A new reading')
    await writeFile(join(c.path, c.annotationFile), '{"annotations": [')
    expect((await readFile(copy)).equals(before)).toBe(true)
    expect(before.toString('utf8')).toContain('Quayside sabotage')
  })

  it('link a version the newest backup holds instead of copying it again', async () => {
    const c = await makeCase()
    const t = await open(c.path)
    await t.client.call('annotations.update', { id: c.annotation.id, comment: 'Changed' })
    await close(t)
    const second = await backUp(c.path, 90)
    const [newest, older] = await listBackups(c.path)
    expect(newest?.folder).toBe(second?.path)
    const copies = async (file: string) =>
      Promise.all([newest, older].map((b) => stat(join(b?.folder ?? '', file))))
    const [noteNow, noteBefore] = await copies(c.noteFile)
    expect(noteNow?.ino).toBe(noteBefore?.ino)
    const [annotationNow, annotationBefore] = await copies(c.annotationFile)
    expect(annotationNow?.ino).not.toBe(annotationBefore?.ino)
    const list = await readItemList(newest)
    expect(list.get(c.noteFile)?.copiedAt).toBe(older?.manifest.takenAt)
    expect(list.get(c.annotationFile)?.copiedAt).toBe(newest?.manifest.takenAt)
  })

  it('copy again a version whose copy a crash cut short, rather than link it', async () => {
    const c = await makeCase()
    const [first] = await listBackups(c.path)
    await truncate(join(first?.folder ?? '', c.noteFile), 0)
    const second = await backUp(c.path, 90)
    const copy = await readFile(join(second?.path ?? '', c.noteFile))
    expect(copy.equals(await readFile(join(c.path, c.noteFile)))).toBe(true)
  })

  it('are not taken again when no file changed, and are when an annotation file did', async () => {
    const c = await makeCase()
    expect(await backUp(c.path, 120, 60_000)).toBeUndefined()
    const t = await open(c.path)
    await t.client.call('annotations.update', { id: c.annotation.id, comment: 'Changed' })
    await close(t)
    expect(await backUp(c.path, 120, 60_000)).toEqual({
      takenAt: expect.any(String),
      path: expect.any(String),
    })
  })

  it(`rotate: the newest ${backupsKept} are kept, and the last one holding a damaged file`, async () => {
    const c = await makeCase()
    await writeFile(join(c.path, c.noteFile), '{"id": "')
    for (let n = 0; n < backupsKept + 3; n++) {
      await writeFile(join(c.path, 'searches.json'), JSON.stringify({ searches: [], n }))
      await backUp(c.path, n + 1)
    }
    const backups = await listBackups(c.path)
    expect(backups).toHaveLength(backupsKept + 1)
    const lists = await Promise.all(backups.map((backup) => readItemList(backup)))
    expect(lists.slice(0, backupsKept).every((list) => !list.has(c.noteFile))).toBe(true)
    expect(lists.every((list) => list.has(c.annotationFile))).toBe(true)
    expect(lists.at(-1)?.has(c.noteFile)).toBe(true)

    // Once the file is gone from the library, nothing holds its old backup back.
    await rm(join(c.path, c.noteFile))
    await backUp(c.path, backupsKept + 10)
    expect(await listBackups(c.path)).toHaveLength(backupsKept)
  })
})

describe('a damaged note or annotation file', () => {
  it('is named with its backup, put back exactly, and found by search again', async () => {
    const c = await makeCase()
    const [backup] = await listBackups(c.path)
    const backedUp = {
      annotation: await readFile(join(backup?.folder ?? '', c.annotationFile), 'utf8'),
      note: await readFile(join(backup?.folder ?? '', c.noteFile), 'utf8'),
    }
    const damage = { annotation: '{"annotations": [{"id": "', note: '' }
    await writeFile(join(c.path, c.annotationFile), damage.annotation)
    await writeFile(join(c.path, c.noteFile), damage.note)
    // The index is rebuilt without the damaged files' items.
    await rm(join(c.path, 'index', 'manifest.json'))
    const t = await open(c.path)
    const find = async (query: string) =>
      (await t.client.call('search.query', { query, limit: 10 })).hits.map((hit) => hit.kind)
    expect(await find('quayside')).toEqual([])
    expect(await find('lighthouse')).toEqual([])

    const health = await t.client.call('library.health', {})
    const newestGoodBackup = { takenAt: backup?.manifest.takenAt, path: backup?.folder }
    expect(health.damaged).toEqual([
      {
        file: c.annotationFile,
        problem: expect.stringContaining('cut short'),
        unavailable: 'the highlights of “Harbour report”',
        newestGoodBackup,
      },
      { file: c.noteFile, problem: 'it is empty', unavailable: 'this note', newestGoodBackup },
    ])

    for (const [file, damaged] of [
      [c.annotationFile, damage.annotation],
      [c.noteFile, damage.note],
    ] as const) {
      const restored = await t.client.call('library.restoreBackup', { file })
      expect(restored).toEqual({
        file,
        restoredFrom: newestGoodBackup,
        movedAside: [expect.stringMatching(new RegExp(`^${file}\\.damaged-`))],
      })
      expect(await readFile(join(c.path, restored.movedAside[0] ?? ''), 'utf8')).toBe(damaged)
    }
    expect(await readFile(join(c.path, c.annotationFile), 'utf8')).toBe(backedUp.annotation)
    expect(await readFile(join(c.path, c.noteFile), 'utf8')).toBe(backedUp.note)

    expect((await t.client.call('library.health', {})).damaged).toEqual([])
    expect(await find('quayside')).toEqual(['annotation'])
    expect(await find('lighthouse')).toEqual(['note'])
    expect(await find('crane')).toEqual(['source'])
    const { annotations } = await t.client.call('annotations.list', { sourceId: c.source.id })
    expect(annotations.map((a) => a.comment)).toEqual(['Quayside sabotage'])
    expect((await t.client.call('notes.get', { id: c.note.id })).title).toBe('Plan')
    expect((await t.client.call('notes.list', {})).notes.map((n) => n.id)).toEqual([c.note.id])
    // In use again: a change is saved.
    await t.client.call('annotations.update', { id: c.annotation.id, comment: 'Saved again' })
    expect(await readFile(join(c.path, c.annotationFile), 'utf8')).toContain('Saved again')
  })

  it('damaged behind the saved index leaves the rest of a search answered', async () => {
    const c = await makeCase()
    await writeFile(join(c.path, c.annotationFile), '{"annotations": [{"id": "')
    const t = await open(c.path)
    const found = async (query: string) =>
      (await t.client.call('search.query', { query, limit: 10 })).hits.map((hit) => hit.kind)
    // The saved index still names the passage; its file cannot be read, so it is left out.
    expect(await found('quayside')).toEqual([])
    expect(await found('gate')).toEqual(['source'])
    expect((await t.client.call('library.health', {})).damaged.map((d) => d.file)).toEqual([
      c.annotationFile,
    ])
  })

  it('is not replaced while it opens, and only files of the item folders can be named', async () => {
    const c = await makeCase()
    const t = await open(c.path)
    await expect(
      t.client.call('library.restoreBackup', { file: c.annotationFile }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: /is not damaged/ })
    for (const file of [
      'annotations/../casefile.json',
      'notes/x/../../trash.json',
      'bodies/x.json',
    ])
      await expect(t.client.call('library.restoreBackup', { file })).rejects.toMatchObject({
        code: 'invalid_input',
      })
  })
})
