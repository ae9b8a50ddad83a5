import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHandlers, Library, resourcesDir } from '../../electron/core'
import { listBackups } from '../../electron/core/backups'
import { currentSchemaVersion } from '../../electron/core/catalog'
import { createClient, createMemoryTransport } from '../../shared/rpc'
import { importAndHighlight } from '../support/libraryHelpers'
import { makeTempDir } from '../support/makeLibrary'

const folders: { remove(): Promise<void> }[] = []
afterEach(async () => {
  for (const folder of folders.splice(0)) await folder.remove()
})

async function openWithClient(path: string) {
  const library = await Library.open(path, { indexPersistDelayMs: 60_000 })
  const client = createClient(
    createMemoryTransport(createHandlers(library, { resourcesDir }), library.events),
  )
  return { library, client }
}

/**
 * A library as Casefile 0.1 left it: schema 1, whose catalog is
 * `{ schemaVersion: 1, sources, settings }` (no `libraryId`). Made by this Casefile, then its
 * catalog written back in that shape (closing folded the journal into it), with a source, a
 * highlight, an actor and a note in it.
 */
async function makeSchema1Library() {
  const dir = await makeTempDir()
  folders.push(dir)
  const { library, client } = await openWithClient(dir.path)
  const texts = ['Harbour report\n\nThe gate failed.', 'Second report\n\nThe crane stopped.']
  const made = []
  for (const [n, text] of texts.entries())
    made.push(await importAndHighlight(client, text, 'The', `r${n}.txt`))
  const actor = await client.call('actors.create', { name: 'Harbour Spider', kind: 'group' })
  const note = await client.call('notes.create', { markdown: '# Plan\n\nCheck the gate.' })
  await library.close()
  const catalogPath = join(dir.path, 'casefile.json')
  const current = JSON.parse(await readFile(catalogPath, 'utf8')) as Record<string, unknown>
  const { libraryId: _dropped, ...rest } = current
  const schema1 = JSON.stringify({ ...rest, schemaVersion: 1 })
  await writeFile(catalogPath, schema1)
  return { path: dir.path, schema1, made, actor, note }
}

describe('migrations', () => {
  it('open a schema 1 library: a backup first, then every item is there in schema 2', async () => {
    const old = await makeSchema1Library()
    const { library, client } = await openWithClient(old.path)
    try {
      expect((await client.call('library.info', {})).schemaVersion).toBe(currentSchemaVersion)
      const migrated = JSON.parse(await readFile(join(old.path, 'casefile.json'), 'utf8')) as {
        schemaVersion: number
        libraryId: string
      }
      expect(migrated).toMatchObject({ schemaVersion: 2, libraryId: expect.any(String) })

      const migration = (await listBackups(old.path)).find((b) => b.manifest.reason === 'migration')
      expect(migration).toBeDefined()
      const copy = await readFile(join(migration?.folder ?? '', 'casefile.json'), 'utf8')
      expect(copy).toBe(old.schema1)

      const { sources } = await client.call('sources.list', {})
      expect(sources.map((s) => s.id).sort()).toEqual(old.made.map((m) => m.source.id).sort())
      for (const { source, annotation } of old.made) {
        const { annotations } = await client.call('annotations.list', { sourceId: source.id })
        expect(annotations.map((a) => a.id)).toEqual([annotation.id])
      }
      expect((await client.call('actors.get', { id: old.actor.id })).actor.name).toBe(
        'Harbour Spider',
      )
      expect((await client.call('notes.get', { id: old.note.id })).title).toBe('Plan')
    } finally {
      await library.close()
    }
    // Once only: the library id stays what the migration gave it.
    const { libraryId } = JSON.parse(await readFile(join(old.path, 'casefile.json'), 'utf8')) as {
      libraryId: string
    }
    const again = await Library.open(old.path, { indexPersistDelayMs: 60_000 })
    await again.close()
    const after = JSON.parse(await readFile(join(old.path, 'casefile.json'), 'utf8')) as {
      libraryId: string
    }
    expect(after.libraryId).toBe(libraryId)
  })

  it('refuse a library of a newer schema, saying so, and leave it untouched', async () => {
    const old = await makeSchema1Library()
    const newer = JSON.stringify({ schemaVersion: 99, libraryId: 'x', sources: [], settings: {} })
    await writeFile(join(old.path, 'casefile.json'), newer)
    const backupsBefore = await listBackups(old.path)
    await expect(Library.open(old.path)).rejects.toMatchObject({
      code: 'library_corrupt',
      message: expect.stringContaining(
        `it was written by a newer Casefile (schema 99; this one reads ${currentSchemaVersion})`,
      ),
    })
    expect(await readFile(join(old.path, 'casefile.json'), 'utf8')).toBe(newer)
    expect(await listBackups(old.path)).toEqual(backupsBefore)
  })
})
