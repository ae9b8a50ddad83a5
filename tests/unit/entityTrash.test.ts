import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Client } from '../../shared/rpc'
import { iranCase } from '../support/iranCase'
import { importAndHighlight, reopen } from '../support/libraryHelpers'
import { libraryPerTest, type TestLibrary } from '../support/makeLibrary'

const library = libraryPerTest()

const article =
  'Iran Denies Albanian Cyberattack\n\nThe Iranian government denied any involvement in the 15 July cyberattack.'

const highlight = async (client: Client, exact: string) =>
  (await importAndHighlight(client, article, exact)).annotation

const files = (t: TestLibrary) =>
  Promise.all(['entities.json', 'trash.json'].map((name) => readFile(join(t.path, name), 'utf8')))

describe('the trash of the case', () => {
  it('lists deleted actors, events and relations beside annotations, newest first', async () => {
    const { client } = await library()
    const passage = await highlight(client, 'denied any involvement')
    const { iran, attack, denies } = await iranCase(client)
    await client.call('annotations.delete', { id: passage.id })
    await client.call('relations.delete', { id: denies.id })
    await client.call('events.delete', { id: attack.id })
    await client.call('actors.delete', { id: iran.id })

    const { items } = await client.call('trash.list', {})
    expect(items).toEqual([
      {
        kind: 'actor',
        actor: expect.objectContaining({ id: iran.id, deletedAt: expect.any(String) }),
        mergedInto: null,
      },
      { kind: 'event', event: expect.objectContaining({ id: attack.id, title: attack.title }) },
      {
        kind: 'relation',
        relation: expect.objectContaining({ id: denies.id, type: 'denies' }),
        fromName: 'Iran',
        toName: '15 July cyberattack',
      },
      // An annotation keeps the shape it always had.
      {
        annotation: expect.objectContaining({ id: passage.id }),
        sourceTitle: article.split('\n')[0],
      },
    ])
    expect((await client.call('library.info', {})).counts).toMatchObject({
      actors: 0,
      events: 0,
      trash: 4,
    })
  })

  it('restores an actor: listed, searchable, its relations back, and it says so', async () => {
    const t = await library()
    const { client } = t
    const { iran, denies } = await iranCase(client)
    await client.call('actors.delete', { id: iran.id })
    expect((await client.call('search.query', { query: 'islamic republic' })).hits).toEqual([])
    const changes: unknown[] = []
    const stop = t.library.events.subscribe((event, payload) => {
      if (event === 'library.changed') changes.push(payload)
    })

    const restored = await client.call('actors.restore', { id: iran.id })
    stop()
    expect(restored).toMatchObject({ id: iran.id, name: 'Iran', deletedAt: null })
    expect(changes).toEqual([{ what: 'entities' }])
    expect((await client.call('actors.list', {})).actors.map((a) => a.id)).toEqual([iran.id])
    expect((await client.call('relations.list', { actorId: iran.id })).relations).toEqual([denies])
    const { hits } = await client.call('search.query', { query: 'islamic republic' })
    expect(hits).toEqual([expect.objectContaining({ kind: 'actor', id: iran.id, title: 'Iran' })])
    expect((await client.call('trash.list', {})).items).toEqual([])
    expect((await client.call('library.info', {})).counts).toMatchObject({ actors: 1, trash: 0 })
    await expect(client.call('actors.restore', { id: iran.id })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('actor in the trash'),
    })

    const again = await reopen(t)
    try {
      expect((await again.client.call('actors.get', { id: iran.id })).actor.deletedAt).toBeNull()
      expect((await again.client.call('trash.list', {})).items).toEqual([])
      const found = await again.client.call('search.query', { query: 'islamic republic' })
      expect(found.hits.map((hit) => hit.id)).toEqual([iran.id])
    } finally {
      await again.close()
    }
  })

  it('restores an event: on the timeline and searchable again', async () => {
    const { client } = await library()
    const { attack } = await iranCase(client)
    await client.call('events.delete', { id: attack.id })
    expect((await client.call('library.info', {})).counts).toMatchObject({ events: 0, trash: 1 })

    const restored = await client.call('events.restore', { id: attack.id })
    expect(restored).toMatchObject({ id: attack.id, deletedAt: null })
    expect((await client.call('events.timeline', {})).events.map((e) => e.id)).toEqual([attack.id])
    const { hits } = await client.call('search.query', { query: 'tirana' })
    expect(hits).toContainEqual(expect.objectContaining({ kind: 'event', id: attack.id }))
    expect((await client.call('library.info', {})).counts).toMatchObject({ events: 1, trash: 0 })
  })

  it('refuses to restore an actor merged into another, naming the actor it was merged into', async () => {
    const t = await library()
    const { client } = t
    const { iran } = await iranCase(client)
    const tehran = await client.call('actors.create', { name: 'Tehran government', kind: 'state' })
    await client.call('actors.merge', { keepId: iran.id, mergeId: tehran.id })
    const [item] = (await client.call('trash.list', {})).items
    expect(item).toMatchObject({
      kind: 'actor',
      actor: { id: tehran.id, mergedInto: iran.id },
      mergedInto: { id: iran.id, name: 'Iran' },
    })

    const before = await files(t)
    await expect(client.call('actors.restore', { id: tehran.id })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/“Tehran government” cannot be restored.*merged into “Iran”/),
    })
    expect(await files(t)).toEqual(before)
    expect((await client.call('library.info', {})).counts).toMatchObject({ actors: 1, trash: 1 })
  })

  it('refuses to restore a relation while an end is in the trash, naming that end', async () => {
    const t = await library()
    const { client } = t
    const { attack, denies } = await iranCase(client)
    await client.call('relations.delete', { id: denies.id })
    await client.call('events.delete', { id: attack.id })

    const before = await files(t)
    await expect(client.call('relations.restore', { id: denies.id })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('the event “15 July cyberattack”'),
    })
    expect(await files(t)).toEqual(before)

    await client.call('events.restore', { id: attack.id })
    const restored = await client.call('relations.restore', { id: denies.id })
    expect(restored).toMatchObject({ id: denies.id, deletedAt: null })
    expect((await client.call('relations.list', { eventId: attack.id })).relations).toEqual([
      restored,
    ])
    expect((await client.call('trash.list', {})).items).toEqual([])
  })

  it('refuses a relation a merge turned onto one actor, and what is not in the trash', async () => {
    const { client } = await library()
    const { iran, denies } = await iranCase(client)
    const albania = await client.call('actors.create', { name: 'Albania', kind: 'state' })
    const respondsTo = await client.call('relations.create', {
      from: { kind: 'actor', id: albania.id },
      to: { kind: 'actor', id: iran.id },
      type: 'responds-to',
      confidence: 'likely',
    })
    await client.call('actors.merge', { keepId: iran.id, mergeId: albania.id })
    await expect(client.call('relations.restore', { id: respondsTo.id })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('relate “Iran” to itself'),
    })
    for (const [method, id] of [
      ['relations.restore', denies.id],
      ['actors.restore', iran.id],
      ['events.restore', 'no-such-event'],
    ] as const) {
      await expect(client.call(method, { id })).rejects.toMatchObject({ code: 'not_found' })
    }
  })
})
