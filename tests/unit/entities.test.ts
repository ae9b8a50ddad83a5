import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Client } from '../../shared/rpc'
import { iranCase } from '../support/iranCase'
import { importAndHighlight, reopen } from '../support/libraryHelpers'
import { libraryPerTest, type TestLibrary } from '../support/makeLibrary'

const library = libraryPerTest()

const article =
  'Iran Denies Albanian Cyberattack\n\nThe Iranian government denied any involvement in the 15 July cyberattack.\n\nTirana cut diplomatic ties with Tehran.'

/** Imports the article and highlights `exact` in it. */
const passage = (client: Client, exact: string, fileName = 'iran.txt') =>
  importAndHighlight(client, article, exact, fileName)

async function entityFile(t: TestLibrary): Promise<string> {
  return readFile(join(t.path, 'entities.json'), 'utf8')
}

describe('actors', () => {
  it('creates, lists, finds by a folded alias, updates and deletes to the trash', async () => {
    const t = await library()
    const { client } = t
    const iran = await client.call('actors.create', {
      name: 'Iran',
      aliases: ['Islamic Republic of Iran', 'Īrān', 'iran'],
      kind: 'state',
    })
    expect(iran).toMatchObject({ name: 'Iran', tlp: 'CLEAR', description: '', deletedAt: null })
    expect(iran.aliases).toEqual(['Islamic Republic of Iran']) // repeats of the name dropped
    const apt = await client.call('actors.create', {
      name: 'APT34',
      aliases: ['OilRig', 'Hazel Sandstorm'],
      kind: 'threat-actor',
      tags: ['iran-nexus'],
    })
    expect((await client.call('actors.list', {})).actors.map((a) => a.name)).toEqual([
      'APT34',
      'Iran',
    ])
    expect((await client.call('actors.list', { query: 'OILRIG' })).actors).toEqual([apt])
    expect((await client.call('actors.list', { query: 'islamic rep' })).actors).toEqual([iran])

    const renamed = await client.call('actors.update', {
      id: apt.id,
      name: 'OilRig',
      aliases: ['APT34', 'Hazel Sandstorm'],
      description: 'Iranian espionage group.',
      tlp: 'AMBER',
    })
    expect(renamed).toMatchObject({ name: 'OilRig', tlp: 'AMBER', kind: 'threat-actor' })
    expect((await client.call('actors.get', { id: apt.id })).actor.name).toBe('OilRig')

    await client.call('actors.delete', { id: apt.id })
    expect((await client.call('actors.list', {})).actors).toEqual([iran])
    await expect(client.call('actors.get', { id: apt.id })).rejects.toMatchObject({
      code: 'not_found',
    })
    const trash = JSON.parse(await readFile(join(t.path, 'trash.json'), 'utf8')) as unknown
    expect(trash).toMatchObject({ items: [{ kind: 'actor', id: apt.id }] })
    // Still in the file, marked deleted: nothing is destroyed.
    expect(await entityFile(t)).toContain('Hazel Sandstorm')
  })

  it('tells clients the case changed, and counts actors and events', async () => {
    const t = await library()
    const changes: unknown[] = []
    const stop = t.library.events.subscribe((event, payload) => {
      if (event === 'library.changed') changes.push(payload)
    })
    await t.client.call('actors.create', { name: 'Iran', kind: 'state' })
    await t.client.call('events.create', {
      title: '15 July cyberattack',
      occurred: { precision: 'day', start: '2022-07-15' },
    })
    stop()
    expect(changes).toEqual([{ what: 'entities' }, { what: 'entities' }])
    expect((await t.client.call('library.info', {})).counts).toMatchObject({ actors: 1, events: 1 })
  })

  it('is found by search under any of its aliases', async () => {
    const { client } = await library()
    const actor = await client.call('actors.create', {
      name: 'APT34',
      aliases: ['OilRig', 'Helix Kitten'],
      kind: 'threat-actor',
      description: 'Targets Middle Eastern governments.',
    })
    for (const query of ['helix kitten', 'oilrig', 'OilR']) {
      const { hits } = await client.call('search.query', { query })
      expect(hits).toContainEqual(
        expect.objectContaining({ kind: 'actor', id: actor.id, title: 'APT34' }),
      )
    }
    const [hit] = (await client.call('search.query', { query: 'helix' })).hits
    expect(hit?.snippet).toContain('Helix Kitten')
    expect(hit?.highlights.length).toBeGreaterThan(0)
    await client.call('actors.delete', { id: actor.id })
    expect((await client.call('search.query', { query: 'oilrig' })).hits).toEqual([])
  })

  it('merges two actors: aliases united, relations and passage links moved, nothing lost', async () => {
    const t = await library()
    const { client } = t
    const { annotation } = await passage(client, 'denied any involvement')
    const iran = await client.call('actors.create', { name: 'Iran', kind: 'state', tags: ['a'] })
    const tehran = await client.call('actors.create', {
      name: 'Tehran government',
      aliases: ['Islamic Republic'],
      kind: 'state',
      description: 'As named in Albanian statements.',
      tags: ['b'],
      tlp: 'GREEN',
    })
    const albania = await client.call('actors.create', { name: 'Albania', kind: 'state' })
    const attack = await client.call('events.create', {
      title: '15 July cyberattack',
      occurred: { precision: 'day', start: '2022-07-15' },
    })
    const denies = await client.call('relations.create', {
      from: { kind: 'actor', id: tehran.id },
      to: { kind: 'event', id: attack.id },
      type: 'denies',
      confidence: 'almost certain',
      evidence: [annotation.id],
    })
    const targets = await client.call('relations.create', {
      from: { kind: 'actor', id: albania.id },
      to: { kind: 'actor', id: tehran.id },
      type: 'responds-to',
      confidence: 'likely',
    })
    await client.call('annotations.link', { id: annotation.id, actorIds: [tehran.id, iran.id] })

    const merged = await client.call('actors.merge', { keepId: iran.id, mergeId: tehran.id })
    expect(merged).toMatchObject({ movedRelations: 2, movedAnnotations: 1 })
    expect(merged.actor.aliases).toEqual(['Tehran government', 'Islamic Republic'])
    expect(merged.actor).toMatchObject({
      tags: ['a', 'b'],
      description: 'As named in Albanian statements.',
      tlp: 'GREEN',
    })

    const page = await client.call('actors.get', { id: iran.id })
    expect(page.relations.map((r) => r.id).sort()).toEqual([denies.id, targets.id].sort())
    expect(page.relations.find((r) => r.id === denies.id)?.from.id).toBe(iran.id)
    expect(page.relations.find((r) => r.id === targets.id)?.to.id).toBe(iran.id)
    expect(page.annotations).toEqual([
      expect.objectContaining({ sourceTitle: 'Iran Denies Albanian Cyberattack' }),
    ])
    expect(page.annotations[0]?.annotation.actorIds).toEqual([iran.id])

    await expect(client.call('actors.get', { id: tehran.id })).rejects.toMatchObject({
      code: 'not_found',
    })
    const trash = JSON.parse(await readFile(join(t.path, 'trash.json'), 'utf8')) as unknown
    expect(trash).toMatchObject({ items: [{ kind: 'actor', id: tehran.id, mergedInto: iran.id }] })
    expect(await entityFile(t)).toContain('"mergedInto"')
    const { hits } = await client.call('search.query', { query: 'tehran government' })
    expect(hits.filter((h) => h.kind === 'actor').map((h) => h.id)).toEqual([iran.id])

    await expect(
      client.call('actors.merge', { keepId: iran.id, mergeId: iran.id }),
    ).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(
      client.call('actors.merge', { keepId: iran.id, mergeId: tehran.id }),
    ).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('events and the timeline', () => {
  it('orders mixed precisions by start, the wider span first, a range at its start', async () => {
    const { client } = await library()
    const make = (
      title: string,
      occurred: { precision: 'day' | 'month' | 'year' | 'range'; start: string; end?: string },
    ) => client.call('events.create', { title, occurred })
    await make('Day', { precision: 'day', start: '2022-07-15' })
    await make('Range', { precision: 'range', start: '2022-06-20', end: '2022-07-20' })
    await make('Later year', { precision: 'year', start: '2023' })
    await make('Month', { precision: 'month', start: '2022-07' })
    await make('First of July', { precision: 'day', start: '2022-07-01' })
    await make('Year', { precision: 'year', start: '2022' })
    const { events } = await client.call('events.timeline', {})
    expect(events.map((e) => e.title)).toEqual([
      'Year',
      'Range',
      'Month',
      'First of July',
      'Day',
      'Later year',
    ])
  })

  it('creates, gets, updates and deletes an event, with a reported date apart', async () => {
    const { client } = await library()
    const attack = await client.call('events.create', {
      title: '15 July cyberattack',
      occurred: { precision: 'day', start: '2022-07-15' },
      reported: { precision: 'month', start: '2022-09' },
      place: 'Tirana',
      tags: ['cyber'],
    })
    expect(attack).toMatchObject({ place: 'Tirana', description: '', tlp: 'CLEAR' })
    const updated = await client.call('events.update', {
      id: attack.id,
      occurred: { precision: 'range', start: '2022-07-15', end: '2022-07-17' },
      description: 'Government websites and e-Albania down.',
    })
    expect(updated).toMatchObject({
      title: '15 July cyberattack',
      occurred: { precision: 'range', end: '2022-07-17' },
      reported: { precision: 'month', start: '2022-09' },
    })
    expect((await client.call('events.get', { id: attack.id })).event).toEqual(updated)
    expect((await client.call('events.list', { query: 'tirana' })).events).toEqual([updated])
    const { hits } = await client.call('search.query', { query: 'e-Albania' })
    expect(hits).toContainEqual(expect.objectContaining({ kind: 'event', id: attack.id }))
    await client.call('events.delete', { id: attack.id })
    expect((await client.call('events.timeline', {})).events).toEqual([])
    await expect(client.call('events.get', { id: attack.id })).rejects.toMatchObject({
      code: 'not_found',
    })
  })

  it('refuses impossible dates and a range without an end, and changes nothing', async () => {
    const t = await library()
    const { client } = t
    const bad = [
      { precision: 'month', start: '2022-13' },
      { precision: 'day', start: '2022-02-30' },
      { precision: 'day', start: '2022-07' },
      { precision: 'year', start: '2022', end: '2023' },
      { precision: 'range', start: '2022-07' },
      { precision: 'range', start: '2022-07', end: '2022-06-30' },
    ] as const
    for (const occurred of bad) {
      await expect(client.call('events.create', { title: 'Bad', occurred })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining('occurred'),
      })
    }
    expect((await client.call('events.list', {})).events).toEqual([])
    const ok = await client.call('events.create', {
      title: 'Leap day',
      occurred: { precision: 'day', start: '2024-02-29' },
    })
    const before = await entityFile(t)
    await expect(
      client.call('events.update', { id: ok.id, occurred: { precision: 'range', start: '2022' } }),
    ).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(client.call('events.update', { id: 'unknown', title: 'x' })).rejects.toMatchObject(
      { code: 'not_found' },
    )
    expect(await entityFile(t)).toBe(before)
  })
})

describe('relations and links', () => {
  it('relates actors and events with evidence that must exist', async () => {
    const t = await library()
    const { client } = t
    const { annotation } = await passage(client, 'denied any involvement')
    const iran = await client.call('actors.create', { name: 'Iran', kind: 'state' })
    const attack = await client.call('events.create', {
      title: '15 July cyberattack',
      occurred: { precision: 'day', start: '2022-07-15' },
    })
    const relation = await client.call('relations.create', {
      from: { kind: 'actor', id: iran.id },
      to: { kind: 'event', id: attack.id },
      type: 'denies',
      confidence: 'almost certain',
      evidence: [annotation.id],
      note: 'Foreign ministry spokesman',
    })
    expect(relation).toMatchObject({ type: 'denies', evidence: [annotation.id] })
    const freeText = await client.call('relations.create', {
      from: { kind: 'actor', id: iran.id },
      to: { kind: 'event', id: attack.id },
      type: 'expelled diplomats over',
      confidence: 'roughly even chance',
    })
    expect((await client.call('relations.list', { eventId: attack.id })).relations).toEqual([
      relation,
      freeText,
    ])
    expect((await client.call('events.get', { id: attack.id })).relations).toHaveLength(2)

    const before = await entityFile(t)
    const refusals: Array<[object, string]> = [
      [
        {
          from: { kind: 'actor', id: iran.id },
          to: { kind: 'event', id: attack.id },
          type: 'denies',
          confidence: 'likely',
          evidence: ['no-such-annotation'],
        },
        'invalid_input',
      ],
      [
        {
          from: { kind: 'actor', id: 'ghost' },
          to: { kind: 'event', id: attack.id },
          type: 'denies',
          confidence: 'likely',
        },
        'not_found',
      ],
      [
        {
          from: { kind: 'actor', id: iran.id },
          to: { kind: 'actor', id: attack.id },
          type: 'denies',
          confidence: 'likely',
        },
        'not_found',
      ],
      [
        {
          from: { kind: 'actor', id: iran.id },
          to: { kind: 'actor', id: iran.id },
          type: 'denies',
          confidence: 'likely',
        },
        'invalid_input',
      ],
      [
        {
          from: { kind: 'actor', id: iran.id },
          to: { kind: 'event', id: attack.id },
          type: '',
          confidence: 'likely',
        },
        'invalid_input',
      ],
      [
        {
          from: { kind: 'actor', id: iran.id },
          to: { kind: 'event', id: attack.id },
          type: 'denies',
          confidence: 'probably',
        },
        'invalid_input',
      ],
    ]
    for (const [input, code] of refusals) {
      await expect(client.call('relations.create', input as never)).rejects.toMatchObject({ code })
    }
    expect(await entityFile(t)).toBe(before)

    await client.call('relations.delete', { id: freeText.id })
    expect((await client.call('relations.list', {})).relations).toEqual([relation])
    // A relation whose end is in the trash is kept but no longer listed.
    await client.call('events.delete', { id: attack.id })
    expect((await client.call('relations.list', { actorId: iran.id })).relations).toEqual([])
  })

  it('links passages to actors and events, refusing unknown ids', async () => {
    const { client } = await library()
    const { source, annotation } = await passage(client, '15 July cyberattack')
    const iran = await client.call('actors.create', { name: 'Iran', kind: 'state' })
    const attack = await client.call('events.create', {
      title: '15 July cyberattack',
      occurred: { precision: 'day', start: '2022-07-15' },
    })
    const linked = await client.call('annotations.link', {
      id: annotation.id,
      actorIds: [iran.id, iran.id],
      eventIds: [attack.id],
    })
    expect(linked).toMatchObject({ actorIds: [iran.id], eventIds: [attack.id] })
    expect((await client.call('events.get', { id: attack.id })).annotations).toEqual([
      { annotation: linked, sourceTitle: source.title },
    ])
    await expect(
      client.call('annotations.link', { id: annotation.id, actorIds: ['ghost'] }),
    ).rejects.toMatchObject({ code: 'not_found' })
    await expect(
      client.call('annotations.link', { id: 'ghost', actorIds: [iran.id] }),
    ).rejects.toMatchObject({ code: 'not_found' })
    const unlinked = await client.call('annotations.link', { id: annotation.id, actorIds: [] })
    expect(unlinked).toMatchObject({ actorIds: [], eventIds: [attack.id] })

    const marked = await client.call('annotations.update', {
      id: annotation.id,
      credibility: 2,
      tlp: 'AMBER',
    })
    expect(marked).toMatchObject({ credibility: 2, tlp: 'AMBER' })
    await expect(
      client.call('annotations.update', { id: annotation.id, credibility: 7 }),
    ).rejects.toMatchObject({ code: 'invalid_input' })

    const graded = await client.call('sources.update', {
      id: source.id,
      reliability: 'B',
      tlp: 'GREEN',
      tags: ['albania'],
    })
    expect(graded).toMatchObject({ reliability: 'B', tlp: 'GREEN', tags: ['albania'] })
    await expect(
      client.call('sources.update', { id: source.id, reliability: 'G' as never }),
    ).rejects.toMatchObject({ code: 'invalid_input' })
  })
})

it('finds every actor, event, relation and link again after a restart', async () => {
  const t = await library()
  const { client } = t
  const { annotation } = await passage(client, 'denied any involvement')
  const {
    iran,
    attack,
    denies: relation,
  } = await iranCase(client, {
    evidence: [annotation.id],
    confidence: 'likely',
  })
  await client.call('annotations.link', { id: annotation.id, actorIds: [iran.id] })
  const gone = await client.call('actors.create', { name: 'Gone', kind: 'group' })
  await client.call('actors.delete', { id: gone.id })

  const again = await reopen(t)
  try {
    expect((await again.client.call('actors.list', {})).actors).toEqual([iran])
    expect((await again.client.call('events.timeline', {})).events).toEqual([attack])
    const page = await again.client.call('actors.get', { id: iran.id })
    expect(page.relations).toEqual([relation])
    expect(page.annotations.map((a) => a.annotation.id)).toEqual([annotation.id])
    const { hits } = await again.client.call('search.query', { query: 'islamic republic' })
    expect(hits).toContainEqual(expect.objectContaining({ kind: 'actor', id: iran.id }))
  } finally {
    await again.close()
  }
})

it('rebuilds actors and events into a lost search index', async () => {
  const t = await library()
  const iran = await t.client.call('actors.create', {
    name: 'Iran',
    aliases: ['Persia'],
    kind: 'state',
  })
  await t.library.close()
  const { rm } = await import('node:fs/promises')
  await rm(join(t.path, 'index'), { recursive: true, force: true })
  const again = await reopen(t)
  try {
    const { hits } = await again.client.call('search.query', { query: 'persia' })
    expect(hits).toContainEqual(expect.objectContaining({ kind: 'actor', id: iran.id }))
  } finally {
    await again.close()
  }
})

describe('searching by an actor’s names', () => {
  it('finds what uses any of the actor’s names when the query is one of them', async () => {
    const { client } = await library()
    await client.call('actors.create', {
      name: 'Iran',
      kind: 'state',
      aliases: ['Islamic Republic of Iran', 'Tehran'],
    })
    const { source: tehran } = await client.call('sources.import', {
      fileName: 'tehran.txt',
      text: 'Ministry note\n\nTehran rejected the claims as baseless.',
    })
    const { source: plain } = await client.call('sources.import', {
      fileName: 'plain.txt',
      text: 'Weather note\n\nIt rained in Tirana all week.',
    })

    const { hits } = await client.call('search.query', { query: 'iran' })
    const sourceHits = hits.filter((hit) => hit.kind === 'source')
    expect(sourceHits.map((hit) => hit.id)).toEqual([tehran.id])
    const [hit] = sourceHits
    // The snippet marks the name the source was found by.
    expect(hit?.highlights.map(([from, to]) => hit.snippet.slice(from, to))).toEqual(['Tehran'])
    expect(hits.some((h) => h.id === plain.id)).toBe(false)
    expect(hits.filter((h) => h.kind === 'actor').map((h) => h.title)).toEqual(['Iran'])
  })

  it('leaves other queries alone, and forgets an actor in the trash', async () => {
    const { client } = await library()
    const iran = await client.call('actors.create', {
      name: 'Iran',
      kind: 'state',
      aliases: ['Tehran'],
    })
    await client.call('sources.import', {
      fileName: 'tehran.txt',
      text: 'Ministry note\n\nTehran rejected the claims as baseless.',
    })
    // A longer query that merely contains a name is not expanded.
    const contains = await client.call('search.query', { query: 'iran claims' })
    expect(contains.hits.filter((hit) => hit.kind === 'source')).toEqual([])

    await client.call('actors.delete', { id: iran.id })
    const after = await client.call('search.query', { query: 'iran' })
    expect(after.hits).toEqual([])
  })
})
