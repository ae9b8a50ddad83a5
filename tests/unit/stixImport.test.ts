import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Library } from '../../electron/core/library'
import { stixIdFor } from '../../electron/core/stixIds'
import { importStixBundle } from '../../electron/core/stixImport'
import { CasefileError } from '../../shared/api'
import type { BriefData } from '../../shared/brief/briefData'
import { buildStixBundle, readStixBundle, tlpMarkingId } from '../../shared/brief/stix'
import { corporaMissing, corporaPresent } from '../support/corpora'
import { stixExamplesDir } from '../support/stixSchemas'

const opened: Array<{ path: string; library: Library }> = []
afterEach(async () => {
  for (const { path, library } of opened.splice(0)) {
    await library.close()
    await rm(path, { recursive: true, force: true })
  }
})

/** A real library in a fresh temp folder, closed and removed after the test. */
async function library(): Promise<{ library: Library }> {
  const path = await mkdtemp(join(tmpdir(), 'casefile-test-'))
  const opening = { path, library: await Library.open(path, { indexPersistDelayMs: 60_000 }) }
  opened.push(opening)
  return opening
}

const example = async (name: string): Promise<unknown> =>
  JSON.parse(await readFile(join(stixExamplesDir, 'threat-reports', name), 'utf8'))

/** The case as plain facts: actors, events, and relations between them by name. */
function caseOf(lib: Library) {
  const { entities } = lib
  const actors = entities.listActors()
  const events = entities.listEvents()
  const nameOf = (id: string) =>
    actors.find((a) => a.id === id)?.name ?? events.find((e) => e.id === id)?.title
  return {
    actors: actors.map(({ name, aliases, kind, description, tags, tlp }) => ({
      name,
      aliases: [...aliases].sort(),
      kind,
      description,
      tags,
      tlp,
    })),
    events: events.map(({ title, occurred, reported, place, description, tags, tlp }) => ({
      title,
      occurred,
      reported,
      place,
      description,
      tags,
      tlp,
    })),
    relations: entities
      .listRelations({})
      .map(
        (r) => `${nameOf(r.from.id)} — ${r.type} → ${nameOf(r.to.id)} (${r.confidence}) ${r.note}`,
      )
      .sort(),
  }
}

/** A brief of everything the library's case holds (no passages): what an export of the case reads. */
function briefOf(lib: Library): BriefData {
  return {
    brief: {
      id: 'case',
      title: 'The whole case',
      author: 'Ana Analyst',
      tlp: 'RED',
      generatedAt: '2024-03-01T10:00:00.000Z',
      generator: 'Casefile 0.1.0',
    },
    intro: null,
    notes: [],
    actors: lib.entities.listActors(),
    events: lib.entities.listEvents(),
    relations: lib.entities.listRelations({}),
    passages: [],
    sources: [],
    leftOut: { byTlp: 0, orphans: 0 },
  }
}

async function seedCase(lib: Library) {
  const { entities } = lib
  const iran = await entities.createActor({
    name: 'Iran',
    aliases: ['Islamic Republic of Iran'],
    kind: 'state',
    description: 'The state.',
    tags: ['state'],
    tlp: 'GREEN',
  })
  const mois = await entities.createActor({
    name: 'MOIS',
    aliases: [],
    kind: 'organisation',
    description: '',
    tags: [],
    tlp: 'CLEAR',
  })
  const hj = await entities.createActor({
    name: 'HomeLand Justice',
    aliases: ['Homeland Justice Team'],
    kind: 'threat-actor',
    description: '',
    tags: [],
    tlp: 'AMBER',
  })
  const rama = await entities.createActor({
    name: 'Edi Rama',
    aliases: [],
    kind: 'person',
    description: '',
    tags: [],
    tlp: 'CLEAR',
  })
  const attack = await entities.createEvent({
    title: '15 July cyberattack',
    occurred: { precision: 'day', start: '2022-07-15' },
    reported: { precision: 'month', start: '2022-07' },
    place: 'Tirana',
    description: 'Government services down.',
    tags: ['wiper'],
    tlp: 'CLEAR',
  })
  const wipers = await entities.createEvent({
    title: 'Wiper campaign',
    occurred: { precision: 'range', start: '2022-05', end: '2022-09-15' },
    reported: null,
    place: '',
    description: '',
    tags: [],
    tlp: 'RED',
  })
  const relate = (
    from: string,
    to: { kind: 'actor' | 'event'; id: string },
    type: string,
    confidence: 'likely' | 'almost certain' | 'remote' | 'unlikely' | 'roughly even chance',
    note = '',
  ) =>
    entities.createRelation({
      from: { kind: 'actor', id: from },
      to,
      type,
      confidence,
      evidence: [],
      note,
    })
  await relate(hj.id, { kind: 'actor', id: mois.id }, 'attributed-to', 'likely', 'Overlap.')
  await relate(mois.id, { kind: 'actor', id: iran.id }, 'member-of', 'almost certain')
  await relate(iran.id, { kind: 'event', id: attack.id }, 'denies', 'almost certain')
  await relate(hj.id, { kind: 'event', id: wipers.id }, 'Took credit for', 'unlikely')
  await relate(rama.id, { kind: 'event', id: attack.id }, 'responds-to', 'remote')
}

describe('importing a STIX bundle that Casefile exported', () => {
  it('brings the same actors, events and relations into a fresh library', async () => {
    const from = (await library()).library
    await seedCase(from)
    const bundle = buildStixBundle(briefOf(from), stixIdFor)
    const into = (await library()).library
    const summary = await importStixBundle(into, JSON.parse(JSON.stringify(bundle)))
    expect(summary).toMatchObject({
      actors: { created: 4, matched: 0 },
      events: { created: 2, matched: 0 },
      relations: { created: 5, matched: 0 },
      undated: [],
    })
    // The author's identity and the report are not case items.
    expect(summary.skipped.map((s) => s.type).sort()).toEqual(['identity', 'report'])
    expect(caseOf(into)).toEqual(caseOf(from))
  })

  it('matches everything and adds nothing when imported again, or into its own library', async () => {
    const { library: lib } = await library()
    await seedCase(lib)
    const before = caseOf(lib)
    const bundle = buildStixBundle(briefOf(lib), stixIdFor)
    for (let i = 0; i < 2; i++) {
      const summary = await importStixBundle(lib, bundle)
      expect(summary).toMatchObject({
        actors: { created: 0, matched: 4, aliasesAdded: 0 },
        events: { created: 0, matched: 2 },
        relations: { created: 0, matched: 5 },
      })
    }
    expect(caseOf(lib)).toEqual(before)
  })

  it('deduplicates actors by name and alias, case and diacritics folded', async () => {
    const { library: lib } = await library()
    await lib.entities.createActor({
      name: 'Íran',
      aliases: ['Persia'],
      kind: 'state',
      description: '',
      tags: [],
      tlp: 'CLEAR',
    })
    const bundle = {
      type: 'bundle',
      id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
      objects: [
        threatActor('threat-actor--1a4b5c6d-1111-4111-8111-111111111111', 'IRAN', ['Tehran']),
        threatActor('threat-actor--1a4b5c6d-2222-4222-8222-222222222222', 'Teheran', ['persia']),
      ],
    }
    const summary = await importStixBundle(lib, bundle)
    expect(summary.actors).toEqual({ created: 0, matched: 2, aliasesAdded: 2 })
    expect(lib.entities.listActors().map((a) => [a.name, a.aliases])).toEqual([
      ['Íran', ['Persia', 'Tehran', 'Teheran']],
    ])
  })
})

function threatActor(id: string, name: string, aliases: string[]) {
  return {
    type: 'threat-actor',
    spec_version: '2.1',
    id,
    created: '2020-01-01T00:00:00.000Z',
    modified: '2020-01-01T00:00:00.000Z',
    name,
    aliases,
    object_marking_refs: [tlpMarkingId('AMBER')],
  }
}

describe.skipIf(!corporaPresent)(
  corporaPresent ? 'importing the OASIS example reports' : corporaMissing,
  () => {
    it('brings APT1’s intrusion set, threat actors and attributions in, once', async () => {
      const { library: lib } = await library()
      const apt1 = await example('apt1.json')
      const first = await importStixBundle(lib, apt1)
      const actors = lib.entities.listActors()
      const apt = actors.find((a) => a.name === 'APT1')
      expect(apt).toMatchObject({
        kind: 'threat-actor',
        aliases: ['Comment Crew', 'Comment Group', 'Shady Rat'],
      })
      // Identities named as a threat actor's alias are that actor (Wang Dong is Ugly Gorilla).
      expect(actors.map((a) => a.name)).toEqual(
        expect.arrayContaining([
          'Unit 61398',
          'Ugly Gorilla',
          'Communist Party of China',
          'Mei Qiang',
        ]),
      )
      expect(actors.some((a) => a.name === 'Wang Dong')).toBe(false)
      expect(actors.find((a) => a.name === 'Mei Qiang')?.kind).toBe('person')
      const unstated = '(roughly even chance) Confidence not stated in the imported STIX bundle.'
      expect(caseOf(lib).relations).toEqual([
        `APT1 — attributed-to → Communist Party of China ${unstated}`,
        `APT1 — attributed-to → Ugly Gorilla ${unstated}`,
        `APT1 — attributed-to → Unit 61398 ${unstated}`,
        `DOTA — attributed-to → Mei Qiang ${unstated}`,
      ])
      // Ugly Gorilla → Wang Dong, → JackWang and SuperHard → dota now relate an actor to itself.
      expect(first.skipped.filter((s) => s.reason.startsWith('both its ends'))).toHaveLength(3)
      expect(first.skipped.find((s) => s.type === 'malware')?.reason).toBe(
        'a malware is not an actor, an event or a relation',
      )
      const before = caseOf(lib)
      const second = await importStixBundle(lib, apt1)
      expect(second.actors.created + second.events.created + second.relations.created).toBe(0)
      expect(caseOf(lib)).toEqual(before)
    })

    it('brings Poison Ivy’s campaigns in as events dated by first sighting', async () => {
      const { library: lib } = await library()
      const summary = await importStixBundle(lib, await example('poisonivy.json'))
      expect(summary.events.created).toBe(3)
      expect(lib.entities.listEvents().find((e) => e.title === 'menuPass')?.occurred).toEqual({
        precision: 'day',
        start: '2009-12-14',
      })
      // FireEye only wrote the report: not an actor of the case.
      expect(summary.skipped).toContainEqual(
        expect.objectContaining({ type: 'identity', reason: expect.stringContaining('author') }),
      )
      expect(lib.entities.listActors()).toEqual([])
    })
  },
)

describe('reading a STIX bundle', () => {
  const bundle = (objects: unknown[]) => ({
    type: 'bundle',
    id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
    objects,
  })

  it('refuses what is not a bundle, with a clear error, and leaves the library unchanged', async () => {
    const { library: lib } = await library()
    const cases: Array<[unknown, RegExp]> = [
      [null, /a JSON object; this is null/],
      [[], /a JSON object; this is a list/],
      ['{"type": "bundle", ', /not JSON/],
      [{ type: 'report' }, /not a STIX bundle: its type is “report”/],
      [{ type: 'bundle', objects: 'many' }, /`objects` is not a list/],
      [{ type: 'bundle', objects: new Array(100_001).fill({}) }, /at most 100000/],
    ]
    for (const [input, message] of cases) {
      const attempt = importStixBundle(lib, input)
      await expect(attempt).rejects.toThrow(message)
      await expect(attempt).rejects.toBeInstanceOf(CasefileError)
    }
    expect(caseOf(lib)).toEqual({ actors: [], events: [], relations: [] })
  })

  it('skips broken objects with their reasons and brings the rest', async () => {
    const { library: lib } = await library()
    const good = threatActor('threat-actor--1a4b5c6d-1111-4111-8111-111111111111', 'Sandworm', [])
    const summary = await importStixBundle(
      lib,
      bundle([
        42,
        good,
        { ...good, id: 'identity--1a4b5c6d-3333-4333-8333-333333333333' },
        { type: 'identity', id: 'identity--1a4b5c6d-4444-4444-8444-444444444444' },
        threatActor('threat-actor--1a4b5c6d-5555-4555-8555-555555555555', 'x'.repeat(301), []),
        {
          type: 'relationship',
          id: 'relationship--1a4b5c6d-6666-4666-8666-666666666666',
          relationship_type: 'targets',
          target_ref: good.id,
        },
        {
          type: 'relationship',
          id: 'relationship--1a4b5c6d-7777-4777-8777-777777777777',
          relationship_type: 'uses',
          source_ref: good.id,
          target_ref: 'malware--1a4b5c6d-8888-4888-8888-888888888888',
        },
      ]),
    )
    expect(summary.actors.created).toBe(1)
    expect(lib.entities.listActors()[0]).toMatchObject({ name: 'Sandworm', tlp: 'AMBER' })
    expect(summary.skipped.map((s) => s.reason)).toEqual([
      'not a STIX object (no type or id)',
      'its id does not start with its type',
      expect.stringMatching(/^name: /),
      expect.stringMatching(/^source_ref: /),
      expect.stringMatching(/^name: .*300/),
      'its target malware--1a4b5c6d-8888-4888-8888-888888888888 did not come in',
    ])
  })

  it('maps confidence to the nearest words it can and says when none was stated', () => {
    const actor = threatActor('threat-actor--1a4b5c6d-1111-4111-8111-111111111111', 'A', [])
    const relationship = (n: number, confidence?: number) => ({
      type: 'relationship',
      id: `relationship--1a4b5c6d-${n}000-4000-8000-000000000000`,
      relationship_type: 'attributed-to',
      source_ref: actor.id,
      target_ref: actor.id,
      ...(confidence === undefined ? {} : { confidence }),
    })
    const reading = readStixBundle(
      bundle([actor, relationship(1, 85), relationship(2, 15), relationship(3)]),
    )
    expect(reading.relations.map((r) => [r.confidence, r.note])).toEqual([
      ['likely', ''],
      ['unlikely', ''],
      ['roughly even chance', 'Confidence not stated in the imported STIX bundle.'],
    ])
  })

  it('places an incident without a date on the day it was recorded, and flags it', () => {
    const reading = readStixBundle(
      bundle([
        {
          type: 'incident',
          spec_version: '2.1',
          id: 'incident--1a4b5c6d-1111-4111-8111-111111111111',
          created: '2021-03-04T05:06:07.000Z',
          modified: '2021-03-04T05:06:07.000Z',
          name: 'Mail server breach',
        },
        {
          type: 'campaign',
          spec_version: '2.1',
          id: 'campaign--1a4b5c6d-2222-4222-8222-222222222222',
          created: '2021-03-04T05:06:07.000Z',
          modified: '2021-03-04T05:06:07.000Z',
          name: 'Spring phishing',
          first_seen: '2021-03-01T00:00:00Z',
          last_seen: '2021-05-31T23:00:00Z',
        },
      ]),
    )
    expect(reading.events).toEqual([
      expect.objectContaining({
        title: 'Mail server breach',
        occurred: { precision: 'day', start: '2021-03-04' },
        tags: ['date-unknown'],
        description: expect.stringContaining('Date unknown'),
        dated: false,
      }),
      expect.objectContaining({
        title: 'Spring phishing',
        occurred: { precision: 'range', start: '2021-03-01', end: '2021-05-31' },
        dated: true,
      }),
    ])
  })
})
