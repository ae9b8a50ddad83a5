import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Library } from '../../electron/core'
import type { PartFile } from '../../shared/api/safetyMethods'
import type { Client } from '../../shared/rpc'
import { importAndHighlight } from '../support/libraryHelpers'
import { librariesOnDisk } from '../support/librariesOnDisk'

const { folder, open, close } = librariesOnDisk()

/**
 * A closed library with one of everything: a source with a highlight, a trashed highlight, an
 * actor, a saved search, a brief and a note. Closing it took its first backup.
 */
async function makeCase() {
  const dir = await folder()
  const t = await open(dir.path)
  const text = 'Harbour report\n\nThe gate failed at noon. The crane stopped.'
  const { source, annotation } = await importAndHighlight(t.client, text, 'gate failed', 'a.txt')
  const { annotation: trashed } = await importAndHighlight(t.client, text, 'crane', 'a.txt')
  await t.client.call('annotations.delete', { id: trashed.id })
  const actor = await t.client.call('actors.create', { name: 'Harbour Spider', kind: 'group' })
  await t.client.call('searches.save', { name: 'Gates', query: 'gate' })
  const brief = await t.client.call('briefs.save', { title: 'Harbour brief' })
  const note = await t.client.call('notes.create', { markdown: '# Plan\n\nCheck the gate.' })
  await close(t)
  return { path: dir.path, source, annotation, actor, brief, note }
}

const damages = {
  empty: { bytes: '', problem: 'it is empty' },
  truncated: { bytes: '{"items": [{"kind": "annot', problem: 'it is cut short' },
  invalid: { bytes: '{"items": oops}', problem: 'it is not valid JSON' },
  'of the wrong shape': {
    bytes: '{"wrong": true}',
    problem: 'it does not hold what Casefile expects',
  },
}

/** Each part file, and a call that needs it, a call that does not, and one that shows it works. */
const parts = {
  'entities.json': {
    needs: (c: Client) => c.call('actors.list', {}),
    works: async (c: Client) => (await c.call('actors.list', {})).actors.map((a) => a.name),
    expected: ['Harbour Spider'],
  },
  'trash.json': {
    needs: (c: Client) => c.call('trash.list', {}),
    works: async (c: Client) => (await c.call('trash.list', {})).items.length,
    expected: 1,
  },
  'searches.json': {
    needs: (c: Client) => c.call('searches.list', {}),
    works: async (c: Client) => (await c.call('searches.list', {})).searches.map((s) => s.name),
    expected: ['Gates'],
  },
  'briefs.json': {
    needs: (c: Client) => c.call('briefs.list', {}),
    works: async (c: Client) => (await c.call('briefs.list', {})).briefs.map((b) => b.title),
    expected: ['Harbour brief'],
  },
} as const

describe.each(Object.entries(parts))('a damaged %s', (name, part) => {
  const file = name as PartFile
  it.each(Object.entries(damages))(
    'when %s: opens the rest, refuses that part naming the file, never writes it, restores it',
    async (_kind, damage) => {
      const c = await makeCase()
      await writeFile(join(c.path, file), damage.bytes)
      const t = await open(c.path)

      const health = await t.client.call('library.health', {})
      expect(health.damaged).toEqual([
        {
          file,
          problem: expect.stringContaining(damage.problem),
          unavailable: expect.any(String),
          newestGoodBackup: { takenAt: expect.any(String), path: expect.any(String) },
        },
      ])
      await expect(part.needs(t.client)).rejects.toMatchObject({
        code: 'library_corrupt',
        message: expect.stringMatching(new RegExp(`${file}.*${damage.problem}`)),
      })
      // The rest works: sources, highlights, notes and search.
      expect((await t.client.call('sources.list', {})).sources).toHaveLength(1)
      const { annotations } = await t.client.call('annotations.list', { sourceId: c.source.id })
      expect(annotations.map((a) => a.id)).toEqual([c.annotation.id])
      expect((await t.client.call('notes.get', { id: c.note.id })).title).toBe('Plan')
      const { hits } = await t.client.call('search.query', { query: 'gate', limit: 10 })
      expect(hits.length).toBeGreaterThan(0)
      expect((await t.client.call('library.info', {})).counts.sources).toBe(1)

      await close(t)
      expect(await readFile(join(c.path, file), 'utf8')).toBe(damage.bytes)

      const again = await open(c.path)
      const restored = await again.client.call('library.restoreBackup', { file })
      expect(restored.movedAside).toEqual([expect.stringMatching(`^${file}\\.damaged-`)])
      const [aside = ''] = restored.movedAside
      expect(await readFile(join(c.path, aside), 'utf8')).toBe(damage.bytes)
      expect(await part.works(again.client)).toEqual(part.expected)
      expect((await again.client.call('library.health', {})).damaged).toEqual([])
    },
  )
})

describe('a damaged part, while it stays damaged', () => {
  it('refuses to delete a highlight, actor or note while the trash cannot be read', async () => {
    const c = await makeCase()
    await writeFile(join(c.path, 'trash.json'), '{"items": [')
    const t = await open(c.path)
    const refused = { code: 'library_corrupt', message: expect.stringContaining('trash.json') }
    await expect(
      t.client.call('annotations.delete', { id: c.annotation.id }),
    ).rejects.toMatchObject(refused)
    await expect(t.client.call('actors.delete', { id: c.actor.id })).rejects.toMatchObject(refused)
    // Nothing half-done: the highlight and the actor are live, each in its own file.
    expect(
      (await t.client.call('annotations.list', { sourceId: c.source.id })).annotations,
    ).toHaveLength(1)
    expect((await t.client.call('actors.list', {})).actors).toHaveLength(1)
    await close(t)
    expect(await readFile(join(c.path, 'trash.json'), 'utf8')).toBe('{"items": [')
  })

  it('refuses to restore a part that is not damaged', async () => {
    const c = await makeCase()
    const t = await open(c.path)
    await expect(
      t.client.call('library.restoreBackup', { file: 'entities.json' }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: /entities\.json is not damaged/ })
  })

  it('keeps actors out of search and mentions, and the rest of the trash listed', async () => {
    const c = await makeCase()
    await writeFile(join(c.path, 'entities.json'), '')
    await rm(join(c.path, 'index', 'manifest.json'))
    const t = await open(c.path)
    const { hits } = await t.client.call('search.query', { query: 'Harbour Spider', limit: 10 })
    expect(hits.every((hit) => hit.kind !== 'actor')).toBe(true)
    expect((await t.client.call('mentions.find', { sourceId: c.source.id })).mentions).toEqual([])
    expect((await t.client.call('trash.list', {})).items).toHaveLength(1)
    expect(t.library.indexReport.skipped).toEqual([expect.stringContaining('entities.json')])
  })
})

/** A damage of a part file, as it would look in a catalog. */
const catalogBytes = (bytes: string) =>
  bytes === '{"wrong": true}'
    ? '{"schemaVersion": 2, "libraryId": "x", "sources": 5, "settings": {}}'
    : bytes.replace('items', 'sources')

describe('a damaged catalog', () => {
  it.each(Object.entries(damages))(
    'when %s: refuses the library, naming the file, the problem and the newest good backup',
    async (_kind, damage) => {
      const c = await makeCase()
      await writeFile(join(c.path, 'casefile.json'), catalogBytes(damage.bytes))
      const error = await Library.open(c.path).catch((e: unknown) => e)
      expect(error).toMatchObject({
        code: 'library_corrupt',
        message: expect.stringMatching(
          new RegExp(`casefile\\.json cannot be read \\(${damage.problem}.*newest good backup`),
        ),
      })
      expect(await readFile(join(c.path, 'casefile.json'), 'utf8')).toBe(catalogBytes(damage.bytes))
    },
  )

  it('refuses a journal damaged before its last line, naming it, and leaves it as it is', async () => {
    const c = await makeCase()
    const damaged = 'not a journal line\n0123456789abcdef {"sources": []}\n'
    await writeFile(join(c.path, 'casefile.journal'), damaged)
    await expect(Library.open(c.path)).rejects.toMatchObject({
      code: 'library_corrupt',
      message: expect.stringMatching(/casefile\.journal cannot be read \(line 1 is damaged\)/),
    })
    expect(await readFile(join(c.path, 'casefile.journal'), 'utf8')).toBe(damaged)
  })
})

describe('damaged files of one item', () => {
  it('opens with a damaged note file, lists it, refuses that note and leaves it as it is', async () => {
    const c = await makeCase()
    const file = join(c.path, 'notes', `${c.note.id}.json`)
    await writeFile(file, '{"id": "')
    const t = await open(c.path)
    expect((await t.client.call('library.health', {})).damaged).toEqual([
      expect.objectContaining({
        file: `notes/${c.note.id}.json`,
        problem: expect.stringContaining('cut short'),
        newestGoodBackup: { takenAt: expect.any(String), path: expect.any(String) },
      }),
    ])
    await expect(t.client.call('notes.get', { id: c.note.id })).rejects.toBeDefined()
    expect((await t.client.call('sources.list', {})).sources).toHaveLength(1)
    await close(t)
    expect(await readFile(file, 'utf8')).toBe('{"id": "')
  })

  it('opens with a damaged annotation file, names it and refuses its highlights', async () => {
    const c = await makeCase()
    const file = join(c.path, 'annotations', `${c.source.id}.json`)
    await writeFile(file, '')
    const t = await open(c.path)
    expect((await t.client.call('library.health', {})).damaged).toEqual([
      {
        file: `annotations/${c.source.id}.json`,
        problem: 'it is empty',
        unavailable: 'the highlights of “Harbour report”',
        newestGoodBackup: { takenAt: expect.any(String), path: expect.any(String) },
      },
    ])
    await expect(
      t.client.call('annotations.list', { sourceId: c.source.id }),
    ).rejects.toMatchObject({ code: 'library_corrupt', message: /annotations.*it is empty/ })
    expect((await t.client.call('actors.list', {})).actors).toHaveLength(1)
    await close(t)
    expect(await readFile(file, 'utf8')).toBe('')
  })

  it.each(['', '{"generation": ', 'garbage'])(
    'rebuilds an index whose manifest holds %j, reporting no damage',
    async (bytes) => {
      const c = await makeCase()
      await writeFile(join(c.path, 'index', 'manifest.json'), bytes)
      const t = await open(c.path)
      expect(t.library.indexReport.openedFrom).toBe('rebuild')
      expect((await t.client.call('library.health', {})).damaged).toEqual([])
      const { hits } = await t.client.call('search.query', { query: 'gate', limit: 10 })
      expect(hits.length).toBeGreaterThan(0)
    },
  )

  it('rebuilds an index whose chunk is damaged', async () => {
    const c = await makeCase()
    const chunks = (await readdir(join(c.path, 'index'))).filter((n) => n !== 'manifest.json')
    for (const chunk of chunks) await writeFile(join(c.path, 'index', chunk), '{"cut')
    const t = await open(c.path)
    expect(t.library.indexReport.openedFrom).toBe('rebuild')
    expect((await t.client.call('search.query', { query: 'gate', limit: 10 })).hits).not.toEqual([])
  })
})
