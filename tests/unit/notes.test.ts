import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createHandlers, Library, resourcesDir } from '../../electron/core'
import {
  createClient,
  createDispatcher,
  createMemoryTransport,
  type Client,
} from '../../shared/rpc'
import { readMarkdownFile } from '../../shared/notes'
import { runCli } from '../support/cliTransport'
import { iranCase } from '../support/iranCase'
import { importAndHighlight, reopen } from '../support/libraryHelpers'
import { libraryPerTest, makeTempDir, type TestLibrary } from '../support/makeLibrary'
import { citation, doc, h, mention, p, text } from '../support/noteDocs'

const library = libraryPerTest()

const article =
  'Iran Denies Albanian Cyberattack\n\nThe Iranian government denied any involvement in the 15 July cyberattack.'

const highlight = (client: Client, exact: string) => importAndHighlight(client, article, exact)

/** Every file of a library folder with its contents, to show that nothing was written. */
async function snapshot(t: TestLibrary): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const name of ['casefile.json', 'trash.json', 'entities.json'])
    files[name] = await readFile(join(t.path, name), 'utf8').catch(() => '')
  for (const name of await readdir(join(t.path, 'notes')))
    files[`notes/${name}`] = await readFile(join(t.path, 'notes', name), 'utf8')
  return files
}

const searchIds = async (client: Client, query: string) =>
  (await client.call('search.query', { query })).hits.map((hit) => `${hit.kind}:${hit.id}`)

describe('notes', () => {
  it('creates a note from a document, titled by its first heading, in its own file', async () => {
    const t = await library()
    const { client } = t
    const { iran, attack } = await iranCase(client)
    const note = await client.call('notes.create', {
      doc: doc(
        h(1, 'Working hypothesis'),
        p(
          'We think ',
          mention('actor', iran.id, 'Iran'),
          ' is behind ',
          mention('event', attack.id, 'the attack'),
          '. #wiper',
        ),
      ),
    })
    expect(note).toMatchObject({
      title: 'Working hypothesis',
      text: 'Working hypothesis\nWe think @Iran is behind @the attack. #wiper',
      actorIds: [iran.id],
      eventIds: [attack.id],
      annotationIds: [],
      tags: ['wiper'],
      tlp: 'CLEAR',
      revision: 1,
      deletedAt: null,
    })
    expect(JSON.parse(await readFile(join(t.path, 'notes', `${note.id}.json`), 'utf8'))).toEqual(
      note,
    )
    expect(await client.call('notes.get', { id: note.id })).toEqual(note)
    const untitled = await client.call('notes.create', { tlp: 'AMBER' })
    expect(untitled).toMatchObject({ title: 'Untitled note', tlp: 'AMBER', text: '' })
    expect((await client.call('library.info', {})).counts.notes).toBe(2)
  })

  it('lists summaries, most recently changed first, with an excerpt after the title', async () => {
    const { client } = await library()
    const first = await client.call('notes.create', {
      markdown: `# First\n\n${'word '.repeat(60)}#draft`,
    })
    const second = await client.call('notes.create', { title: 'Second', markdown: 'Short.' })
    await client.call('notes.update', { id: first.id, baseRevision: 1, tlp: 'GREEN' })
    const { notes } = await client.call('notes.list', {})
    expect(notes.map((note) => note.id)).toEqual([first.id, second.id])
    const [summary] = notes
    expect(summary).toEqual({
      id: first.id,
      title: 'First',
      updatedAt: expect.any(String),
      tags: ['draft'],
      excerpt: expect.stringMatching(/^word word .*…$/),
      tlp: 'GREEN',
      revision: 2,
      deletedAt: null,
    })
    expect(summary?.excerpt.length).toBeLessThanOrEqual(160)
    expect(notes[1]?.excerpt).toBe('Short.')
  })

  it('saves edits on the revision they were made on, and refuses a stale one without losing either', async () => {
    const t = await library()
    const note = await t.client.call('notes.create', { markdown: '# Plan\n\nFirst draft.' })
    const changes: unknown[] = []
    const stop = t.library.events.subscribe((event, payload) => {
      if (event === 'library.changed') changes.push(payload)
    })
    // Two windows opened revision 1; both save.
    const [a, b] = await Promise.allSettled([
      t.client.call('notes.update', {
        id: note.id,
        baseRevision: 1,
        doc: doc(h(1, 'Plan'), p('Edit from window A.')),
      }),
      t.client.call('notes.update', {
        id: note.id,
        baseRevision: 1,
        doc: doc(h(1, 'Plan'), p('Edit from window B.')),
      }),
    ])
    stop()
    expect(a).toMatchObject({ status: 'fulfilled', value: { revision: 2 } })
    expect(b).toMatchObject({
      status: 'rejected',
      reason: { code: 'conflict', message: expect.stringMatching(/changed elsewhere/) },
    })
    expect(changes).toEqual([{ what: 'notes', id: note.id }])
    const saved = await t.client.call('notes.get', { id: note.id })
    expect(saved.text).toBe('Plan\nEdit from window A.')
    // Window B reloads, merges and saves on the new revision: both edits are kept.
    const merged = await t.client.call('notes.update', {
      id: note.id,
      baseRevision: saved.revision,
      doc: doc(h(1, 'Plan'), p('Edit from window A.'), p('Edit from window B.')),
    })
    expect(merged).toMatchObject({
      revision: 3,
      text: 'Plan\nEdit from window A.\nEdit from window B.',
    })
  })

  it('keeps the revision when a save changes nothing', async () => {
    const t = await library()
    const note = await t.client.call('notes.create', { doc: doc(p('Same ', text('words'))) })
    const before = await snapshot(t)
    const changes: unknown[] = []
    const stop = t.library.events.subscribe((event, payload) => {
      if (event === 'library.changed') changes.push(payload)
    })
    const again = await t.client.call('notes.update', {
      id: note.id,
      baseRevision: 1,
      title: note.title,
      doc: note.doc,
      tlp: 'CLEAR',
    })
    stop()
    expect(again).toEqual(note)
    expect(await snapshot(t)).toEqual(before)
    expect(changes).toEqual([])
    const renamed = await t.client.call('notes.update', {
      id: note.id,
      baseRevision: 1,
      title: 'Renamed',
    })
    expect(renamed).toMatchObject({ title: 'Renamed', revision: 2, doc: note.doc })
  })

  it('is found by a word, by a tag and by the name of what it mentions; edits re-index it', async () => {
    const { client } = await library()
    const { iran } = await iranCase(client)
    const note = await client.call('notes.create', {
      doc: doc(
        h(1, 'Attribution'),
        p('The wiper points to ', mention('actor', iran.id, 'Iran'), '. #destructive'),
      ),
    })
    expect(await searchIds(client, 'wiper')).toEqual([`note:${note.id}`])
    expect(await searchIds(client, 'destructive')).toEqual([`note:${note.id}`])
    expect(await searchIds(client, 'Iran')).toContain(`note:${note.id}`)
    expect(await searchIds(client, 'attribution')).toEqual([`note:${note.id}`])
    const [hit] = (await client.call('search.query', { query: 'wiper' })).hits
    expect(hit).toMatchObject({
      kind: 'note',
      id: note.id,
      sourceId: note.id,
      title: 'Attribution',
    })
    expect(hit?.snippet).toContain('wiper')

    await client.call('notes.update', {
      id: note.id,
      baseRevision: 1,
      doc: doc(h(1, 'Attribution'), p('A ransomware decoy.')),
    })
    expect(await searchIds(client, 'wiper')).toEqual([])
    expect(await searchIds(client, 'ransomware')).toEqual([`note:${note.id}`])
  })

  it('goes to the trash and comes back: listed, searchable and counted again', async () => {
    const t = await library()
    const { client } = t
    const note = await client.call('notes.create', {
      markdown: '# Timeline\n\nSequence of events.',
    })
    const deleted = await client.call('notes.delete', { id: note.id })
    expect(deleted.deletedAt).toEqual(expect.any(String))
    expect((await client.call('notes.list', {})).notes).toEqual([])
    expect(await searchIds(client, 'sequence')).toEqual([])
    expect((await client.call('library.info', {})).counts).toMatchObject({ notes: 0, trash: 1 })
    expect((await client.call('trash.list', {})).items).toEqual([
      {
        kind: 'note',
        note: expect.objectContaining({
          id: note.id,
          title: 'Timeline',
          deletedAt: deleted.deletedAt,
        }),
      },
    ])
    expect(await client.call('notes.get', { id: note.id })).toMatchObject({
      deletedAt: deleted.deletedAt,
    })
    await expect(
      client.call('notes.update', { id: note.id, baseRevision: 1, title: 'x' }),
    ).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/in the trash/) })

    const restored = await client.call('notes.restore', { id: note.id })
    expect(restored).toMatchObject({ id: note.id, deletedAt: null, revision: 1 })
    expect((await client.call('trash.list', {})).items).toEqual([])
    expect(await searchIds(client, 'sequence')).toEqual([`note:${note.id}`])
    expect((await client.call('notes.list', {})).notes.map((n) => n.id)).toEqual([note.id])
    await expect(client.call('notes.restore', { id: note.id })).rejects.toMatchObject({
      code: 'not_found',
    })
  })

  it('is listed on the pages of the actors and events it mentions, while it is live', async () => {
    const { client } = await library()
    const { iran, attack } = await iranCase(client)
    const other = await client.call('actors.create', { name: 'Albania', kind: 'state' })
    const note = await client.call('notes.create', {
      doc: doc(p(mention('actor', iran.id, 'Iran'), ' denies ', mention('event', attack.id, 'it'))),
    })
    const page = await client.call('actors.get', { id: iran.id })
    expect(page.notes).toEqual([expect.objectContaining({ id: note.id, title: 'Untitled note' })])
    expect((await client.call('events.get', { id: attack.id })).notes.map((n) => n.id)).toEqual([
      note.id,
    ])
    expect((await client.call('actors.get', { id: other.id })).notes).toEqual([])

    await client.call('notes.update', {
      id: note.id,
      baseRevision: 1,
      doc: doc(p(mention('actor', other.id, 'Albania'))),
    })
    expect((await client.call('actors.get', { id: iran.id })).notes).toEqual([])
    expect((await client.call('actors.get', { id: other.id })).notes.map((n) => n.id)).toEqual([
      note.id,
    ])
    await client.call('notes.delete', { id: note.id })
    expect((await client.call('actors.get', { id: other.id })).notes).toEqual([])
  })

  it('cites annotations, which answer even from the trash', async () => {
    const { client } = await library()
    const { source, annotation } = await highlight(client, 'denied any involvement')
    const note = await client.call('notes.create', {
      doc: doc(
        citation({
          annotationId: annotation.id,
          sourceId: source.id,
          sourceTitle: source.title,
          quote: annotation.target.quote.exact,
        }),
      ),
    })
    expect(note.annotationIds).toEqual([annotation.id])
    expect(await searchIds(client, 'involvement')).toContain(`note:${note.id}`)
    expect(await client.call('annotations.get', { id: annotation.id })).toEqual({
      annotation,
      sourceTitle: source.title,
    })
    await client.call('annotations.delete', { id: annotation.id })
    const cited = await client.call('annotations.get', { id: annotation.id })
    expect(cited.annotation).toMatchObject({ id: annotation.id, deletedAt: expect.any(String) })
    await expect(client.call('annotations.get', { id: 'never-was' })).rejects.toMatchObject({
      code: 'not_found',
    })
  })

  it('exports to Markdown with front matter and imports back the same note', async () => {
    const { client } = await library()
    const { iran } = await iranCase(client)
    const note = await client.call('notes.create', {
      title: 'Iran — the “denial”: notes',
      tlp: 'AMBER',
      doc: doc(
        h(2, 'Claims'),
        p('Said by ', mention('actor', iran.id, 'Iran'), ', **not** proven. #denial'),
      ),
    })
    const exported = await client.call('notes.export', { id: note.id })
    expect(exported.fileName).toBe('iran-the-denial-notes.md')
    expect(readMarkdownFile(exported.markdown).frontMatter).toEqual({
      title: note.title,
      tlp: 'AMBER',
      updated: note.updatedAt,
    })
    expect(exported.markdown).toContain('\n## Claims\n')
    expect(exported.markdown).toContain(`[@Iran](casefile:actor/${iran.id})`)

    const imported = await client.call('notes.import', {
      fileName: exported.fileName,
      text: exported.markdown,
    })
    expect(imported).toMatchObject({
      title: note.title,
      tlp: 'AMBER',
      doc: note.doc,
      text: note.text,
      actorIds: [iran.id],
      tags: ['denial'],
    })
    expect(imported.id).not.toBe(note.id)
  })

  it('imports a Markdown file titled by its first heading, else by its name', async () => {
    const { client } = await library()
    const headed = await client.call('notes.import', {
      fileName: 'x.md',
      text: 'Intro\n\n## Findings\n\nText',
    })
    expect(headed.title).toBe('Findings')
    const plain = await client.call('notes.import', {
      fileName: 'dir/Field notes.markdown',
      text: 'Just text.',
    })
    expect(plain).toMatchObject({ title: 'Field notes', tlp: 'CLEAR', text: 'Just text.' })
  })

  it('takes Markdown that marks words twice (`*_surely_*`, from a mailing list) with one mark', async () => {
    const { client } = await library()
    // Found by the bench in real e-mails: italic inside italic, which the schema refuses.
    const note = await client.call('notes.import', {
      fileName: 'thread.md',
      text: "But *_surely_* they cannot BSD Linux? It's **__not__** theirs.",
    })
    expect(note.text).toBe("But surely they cannot BSD Linux? It's not theirs.")
    const marks = JSON.stringify(note.doc)
    expect(marks.match(/"italic"/g)).toHaveLength(1)
    expect(marks.match(/"bold"/g)).toHaveLength(1)
  })

  it('is all there after the library is closed and opened again', async () => {
    const t = await library()
    const { iran } = await iranCase(t.client)
    const kept = await t.client.call('notes.create', {
      doc: doc(h(1, 'Kept'), p('About ', mention('actor', iran.id, 'Iran'), ' #kept')),
    })
    const edited = await t.client.call('notes.update', { id: kept.id, baseRevision: 1, tlp: 'RED' })
    const trashed = await t.client.call('notes.create', { markdown: '# Trashed\n\nGone for now.' })
    await t.client.call('notes.delete', { id: trashed.id })

    const again = await reopen(t)
    try {
      expect(await again.client.call('notes.get', { id: kept.id })).toEqual(edited)
      expect((await again.client.call('notes.list', {})).notes.map((n) => n.id)).toEqual([kept.id])
      expect((await again.client.call('trash.list', {})).items).toEqual([
        { kind: 'note', note: expect.objectContaining({ id: trashed.id }) },
      ])
      expect(await searchIds(again.client, 'kept')).toEqual([`note:${kept.id}`])
      expect(
        (await again.client.call('actors.get', { id: iran.id })).notes.map((n) => n.id),
      ).toEqual([kept.id])
      await again.client.call('notes.restore', { id: trashed.id })
      expect(await searchIds(again.client, 'gone')).toEqual([`note:${trashed.id}`])
    } finally {
      await again.close()
    }
  })

  it('opens with a damaged note file left as it is, naming it, and the other notes there', async () => {
    const t = await library()
    const good = await t.client.call('notes.create', { markdown: 'Still here.' })
    const bad = await t.client.call('notes.create', { markdown: 'About to break.' })
    await t.library.close()
    const damaged = join(t.path, 'notes', `${bad.id}.json`)
    await writeFile(damaged, '{"id": "half a no')
    const again = await Library.open(t.path, { indexPersistDelayMs: 60_000 })
    const client = createClient(createMemoryTransport(createHandlers(again, { resourcesDir })))
    try {
      expect(again.notes.unreadable).toEqual([expect.stringContaining(`notes/${bad.id}.json`)])
      expect((await client.call('notes.list', {})).notes.map((n) => n.id)).toEqual([good.id])
      await expect(client.call('notes.get', { id: bad.id })).rejects.toMatchObject({
        code: 'not_found',
      })
      await client.call('notes.create', { markdown: 'A new one.' })
    } finally {
      await again.close()
    }
    expect(await readFile(damaged, 'utf8')).toBe('{"id": "half a no')
  })

  it('rebuilds notes into a search index that is lost', async () => {
    const t = await library()
    const note = await t.client.call('notes.create', { markdown: 'Lateral movement seen.' })
    await t.library.close()
    await rm(join(t.path, 'index'), { recursive: true, force: true })
    const again = await Library.open(t.path, { indexPersistDelayMs: 60_000 })
    const client = createClient(createMemoryTransport(createHandlers(again, { resourcesDir })))
    try {
      expect(again.indexReport.openedFrom).toBe('rebuild')
      expect(await searchIds(client, 'lateral')).toEqual([`note:${note.id}`])
    } finally {
      await again.close()
    }
  })

  it('refuses a document that does not fit the note schema, and changes nothing', async () => {
    const t = await library()
    const note = await t.client.call('notes.create', { markdown: 'Fine.' })
    const before = await snapshot(t)
    const bad = [
      { doc: { type: 'doc', content: [{ type: 'script', text: 'alert(1)' }] }, why: /script/ },
      { doc: doc(text('text outside a paragraph')), why: /Invalid content/ },
      { doc: { type: 'paragraph' }, why: /doc/ },
      { doc: doc(p(mention('group' as 'actor', 'x', 'X'))), why: /actor or an event/ },
    ]
    for (const { doc: given, why } of bad) {
      await expect(t.client.call('notes.create', { doc: given })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(why),
      })
      await expect(
        t.client.call('notes.update', { id: note.id, baseRevision: 1, doc: given }),
      ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(why) })
    }
    await expect(
      t.client.call('notes.create', { doc: doc(), markdown: 'both' }),
    ).rejects.toMatchObject({ code: 'invalid_input' })
    expect(await snapshot(t)).toEqual(before)
    expect(await t.client.call('notes.get', { id: note.id })).toEqual(note)
  })

  it('answers the contract as the CLI calls it: a method name and JSON', async () => {
    const t = await library()
    const dispatch = createDispatcher(createHandlers(t.library, { resourcesDir }))
    const created = await dispatch('notes.create', JSON.parse('{"markdown":"# Hi"}'))
    expect(created).toMatchObject({ ok: true, result: { title: 'Hi', revision: 1 } })
    const id = created.ok ? (created.result as { id: string }).id : ''
    expect(await dispatch('notes.update', { id, baseRevision: 7, title: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    })
  })

  it('is made by `casefile call notes.create` from the command line', async () => {
    const dir = await makeTempDir()
    try {
      const run = await runCli([
        '--library',
        dir.path,
        'call',
        'notes.create',
        '{"markdown":"# Hi"}',
      ])
      expect(run).toMatchObject({ code: 0 })
      expect(JSON.parse(run.stdout)).toMatchObject({ title: 'Hi', text: 'Hi', revision: 1 })
      const listed = await runCli(['--library', dir.path, 'call', 'notes.list', '{}'])
      expect(JSON.parse(listed.stdout)).toMatchObject({ notes: [{ title: 'Hi' }] })
      // `casefile search` names the kind of each hit: a note is not a passage.
      const found = await runCli(['--library', dir.path, 'search', 'Hi'])
      expect(found.stdout).toMatch(/^note {6}Hi\n/)
    } finally {
      await dir.remove()
    }
  })
})
