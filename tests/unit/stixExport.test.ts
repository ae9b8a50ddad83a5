import { beforeAll, describe, expect, it } from 'vitest'
import { casefileStixNamespace, stixIdFor, uuidV5 } from '../../electron/core/stixIds'
import type { BriefData } from '../../shared/brief/briefData'
import {
  buildStixBundle,
  confidenceValue,
  confidenceWords,
  tlpMarkingId,
  type StixBundle,
  type StixObject,
} from '../../shared/brief/stix'
import {
  ActorSchema,
  AnnotationSchema,
  EventSchema,
  RelationSchema,
  SourceSchema,
  type Confidence,
} from '../../shared/model'
import { corporaMissing, corporaPresent } from '../support/corpora'
import { loadStixSchemas, type StixValidator } from '../support/stixSchemas'

const at = (day: string) => ({
  createdAt: `${day}T09:30:00.000Z`,
  updatedAt: `${day}T11:00:00.000Z`,
  deletedAt: null,
})
const hash = (digit: string) => digit.repeat(64)

const actor = (id: string, fields: Partial<ReturnType<typeof ActorSchema.parse>>) =>
  ActorSchema.parse({
    id,
    aliases: [],
    description: '',
    tags: [],
    tlp: 'CLEAR',
    ...at('2024-01-10'),
    ...fields,
  })
const iran = actor('a-iran', {
  name: 'Iran',
  aliases: ['Islamic Republic of Iran'],
  kind: 'state',
  description: 'The state.',
})
const mois = actor('a-mois', {
  name: 'MOIS',
  aliases: ['Ministry of Intelligence'],
  kind: 'organisation',
  tlp: 'GREEN',
})
const homeland = actor('a-hj', {
  name: 'HomeLand Justice',
  aliases: ['Homeland Justice'],
  kind: 'threat-actor',
  tags: ['wiper'],
})
const rama = actor('a-rama', { name: 'Edi Rama', kind: 'person' })
const avengers = actor('a-cav', { name: 'Cyber Av3ngers', kind: 'group', tlp: 'AMBER' })

const event = (id: string, fields: Partial<ReturnType<typeof EventSchema.parse>>) =>
  EventSchema.parse({
    id,
    reported: null,
    place: '',
    description: '',
    tags: [],
    tlp: 'CLEAR',
    ...at('2024-01-11'),
    ...fields,
  })
const attack = event('e-attack', {
  title: '15 July cyberattack',
  occurred: { precision: 'day', start: '2022-07-15' },
  reported: { precision: 'day', start: '2022-07-18' },
  place: 'Tirana',
})
const outage = event('e-outage', {
  title: 'TIMS border system outage',
  occurred: { precision: 'month', start: '2022-09' },
  tlp: 'AMBER',
})
const wipers = event('e-wipers', {
  title: 'Wiper campaign',
  occurred: { precision: 'range', start: '2022-05', end: '2022-09-15' },
  description: 'Months of access before the wipers ran.',
})

const relation = (
  id: string,
  from: string,
  to: { kind: 'actor' | 'event'; id: string },
  type: string,
  confidence: Confidence,
  fields: { evidence?: string[]; note?: string } = {},
) =>
  RelationSchema.parse({
    id,
    from: { kind: 'actor', id: from },
    to,
    type,
    confidence,
    evidence: [],
    note: '',
    ...at('2024-01-12'),
    ...fields,
  })
const relations = [
  relation('r-attr', homeland.id, { kind: 'actor', id: mois.id }, 'attributed-to', 'likely', {
    evidence: ['n-attr'],
    note: 'Tooling and infrastructure overlap.',
  }),
  relation('r-denies', iran.id, { kind: 'event', id: attack.id }, 'denies', 'almost certain'),
  relation(
    'r-targets',
    homeland.id,
    { kind: 'event', id: attack.id },
    'targets',
    'roughly even chance',
  ),
  relation('r-funds', mois.id, { kind: 'actor', id: avengers.id }, 'Is funded by', 'unlikely'),
  relation('r-located', rama.id, { kind: 'event', id: outage.id }, 'responds-to', 'remote'),
]

const source = (id: string, digit: string, url: string | null) =>
  SourceSchema.parse({
    id,
    title: `Report ${id}`,
    authors: ['Ana Analyst'],
    publishedAt: '2022-09-08',
    origin: { fileName: `${id}.html`, url },
    kind: 'html',
    language: 'en',
    charset: 'utf-8',
    originalSha256: hash(digit),
    textSha256: hash(String(Number(digit) + 1)),
    textLength: 5000,
    importer: { name: 'html', version: '1' },
    importedAt: '2024-01-09T08:00:00.000Z',
    tags: [],
    tlp: 'CLEAR',
    reliability: 'B',
  })
const vendor = source('s-vendor', '1', 'https://example.com/reports/albania?id=1')
const mail = source('s-mail', '3', null)

const annotation = (id: string, sourceId: string, exact: string, fields: object) =>
  AnnotationSchema.parse({
    id,
    sourceId,
    target: {
      textSha256: hash('2'),
      quote: { exact, prefix: 'before ', suffix: ' after' },
      position: { start: 100, end: 100 + exact.length },
    },
    comment: '',
    tags: [],
    color: 'yellow',
    ...at('2024-01-13'),
    ...fields,
  })
const passages: BriefData['passages'] = [
  {
    annotation: annotation('n-attr', vendor.id, 'The actors used the same wiper as MOIS', {
      comment: 'Strongest link to MOIS.',
      actorIds: [homeland.id, mois.id],
      credibility: 2,
    }),
    source: vendor,
    place: { paragraph: 4 },
    tlp: 'CLEAR',
  },
  {
    annotation: annotation('n-denial', mail.id, 'Tehran rejected the accusations', {
      comment: 'Official denial.',
      eventIds: [attack.id],
      tlp: 'AMBER',
    }),
    source: mail,
    place: { paragraph: 2, page: 1 },
    tlp: 'AMBER',
  },
  {
    annotation: annotation('n-context', vendor.id, 'Albania severed diplomatic ties', {}),
    source: vendor,
    place: { paragraph: 9 },
    tlp: 'CLEAR',
  },
]

const brief: BriefData = {
  brief: {
    id: 'brief-albania',
    title: 'Albania 2022: who and when',
    author: 'Ana Analyst',
    tlp: 'AMBER',
    generatedAt: '2024-03-01T10:00:00.000Z',
    generator: 'Casefile 0.1.0',
  },
  intro: 'What we know of the **2022** attacks.',
  notes: [
    {
      id: 'note-working',
      title: 'Working theory',
      markdown: '# Working theory\n\nThe wiper and the leak site share an operator.',
      tlp: 'GREEN',
      createdAt: '2022-09-10T08:00:00.000Z',
      updatedAt: '2022-09-12T08:00:00.000Z',
    },
  ],
  actors: [iran, mois, homeland, rama, avengers],
  events: [wipers, attack, outage],
  relations,
  passages,
  sources: [vendor, mail],
  leftOut: { byTlp: 2, orphans: 1 },
}

const bundle = buildStixBundle(brief, stixIdFor)
const byId = new Map(bundle.objects.map((o) => [o.id, o]))
const idOf = (key: string, type: string) => stixIdFor(type, key)
const get = (id: string): StixObject => {
  const found = byId.get(id)
  if (found === undefined) throw new Error(`${id} is not in the bundle`)
  return found
}
const ofType = (type: string) => bundle.objects.filter((o) => o.type === type)

describe.skipIf(!corporaPresent)(
  corporaPresent ? 'the bundle against the official STIX 2.1 schemas' : corporaMissing,
  () => {
    let validator: StixValidator
    beforeAll(async () => {
      validator = await loadStixSchemas()
    })

    it('validates as a bundle, and every object against its type’s schema', () => {
      expect(validator.bundle(bundle)).toEqual([])
      for (const object of bundle.objects) expect(validator.object(object)).toEqual([])
      expect(new Set(bundle.objects.map((o) => o.type))).toEqual(
        new Set([
          'marking-definition',
          'identity',
          'report',
          'threat-actor',
          'intrusion-set',
          'incident',
          'relationship',
          'note',
        ]),
      )
    })

    it('checks notes and incidents by their own schemas: upstream bundle.json fails any', () => {
      const note = get(idOf('casefile:annotation:n-context', 'note'))
      const marking = bundle.objects[0]!
      expect(validator.object(note)).toEqual([])
      expect(validator.upstreamBundle({ ...bundle, objects: [marking, note] })).not.toEqual([])
      expect(validator.upstreamBundle({ ...bundle, objects: [marking] })).toEqual([])
    })

    it('fails a broken copy (the negative control)', () => {
      const broken = structuredClone(bundle)
      const relationship = broken.objects.find((o) => o.type === 'relationship')!
      delete relationship.source_ref
      expect(validator.object(relationship).join('\n')).toMatch(/source_ref/)
      expect(validator.bundle(broken)).not.toEqual([])

      const badId = {
        ...get(idOf('casefile:actor:a-iran', 'identity')),
        id: 'identity--not-a-uuid',
      }
      expect(validator.object(badId)).not.toEqual([])
      const badConfidence = { ...relationship, source_ref: 'x', confidence: 101 }
      expect(validator.object(badConfidence).join('\n')).toMatch(/confidence/)
      const brokenNote = { ...get(idOf('casefile:annotation:n-attr', 'note')), object_refs: [] }
      expect(validator.bundle({ ...bundle, objects: [brokenNote] })).not.toEqual([])
      const emptyAliases = { ...get(idOf('casefile:actor:a-hj', 'intrusion-set')), aliases: [] }
      expect(validator.object(emptyAliases)).not.toEqual([])
    })

    it('also validates an empty brief (the report still lists something)', () => {
      const empty = buildStixBundle(
        {
          ...brief,
          actors: [],
          events: [],
          relations: [],
          passages: [],
          sources: [],
          intro: null,
          notes: [],
        },
        stixIdFor,
      )
      expect(validator.bundle(empty)).toEqual([])
      for (const object of empty.objects) expect(validator.object(object)).toEqual([])
    })
  },
)

describe('the STIX bundle of a brief', () => {
  it('is the same, byte for byte, for the same brief; ids are UUIDv5 of the items’ ids', () => {
    expect(JSON.stringify(buildStixBundle(structuredClone(brief), stixIdFor))).toBe(
      JSON.stringify(bundle),
    )
    const later = buildStixBundle(
      { ...brief, brief: { ...brief.brief, generatedAt: '2024-04-01T10:00:00.000Z' } },
      stixIdFor,
    )
    expect(later.objects.map((o) => o.id)).toEqual(bundle.objects.map((o) => o.id))
    expect(get(idOf('casefile:actor:a-iran', 'identity')).id).toBe(
      `identity--${uuidV5(casefileStixNamespace, 'casefile:actor:a-iran')}`,
    )
    for (const object of bundle.objects)
      if (object.type !== 'marking-definition')
        expect(object.id).toMatch(
          /^[a-z-]+--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        )
  })

  it('makes UUIDv5 as RFC 4122 does', () => {
    // Python's uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org').
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    )
    expect(casefileStixNamespace).toBe('1c8dab72-3a9e-5a42-95dd-4966f51b11d9')
  })

  it('maps confidence words by the DNI scale, and back', () => {
    const scale: Array<[Confidence, number]> = [
      ['almost certain', 95],
      ['likely', 70],
      ['roughly even chance', 50],
      ['unlikely', 30],
      ['remote', 5],
    ]
    for (const [words, value] of scale) {
      expect(confidenceValue(words)).toBe(value)
      expect(confidenceWords(value)).toBe(words)
    }
    expect([0, 9, 10, 19, 39, 40, 59, 60, 85, 89, 90, 100].map(confidenceWords)).toEqual([
      'remote',
      'remote',
      'unlikely',
      'unlikely',
      'unlikely',
      'roughly even chance',
      'roughly even chance',
      'likely',
      'likely',
      'likely',
      'almost certain',
      'almost certain',
    ])
    const confidences = Object.fromEntries(
      ofType('relationship').map((r) => [r.relationship_type, r.confidence]),
    )
    expect(confidences).toEqual({
      'attributed-to': 70,
      denies: 95,
      targets: 50,
      'is-funded-by': 30,
      'responds-to': 5,
    })
  })

  it('resolves every reference within the bundle', () => {
    const refs = bundle.objects.flatMap((object) =>
      Object.entries(object).flatMap(([key, value]) =>
        key.endsWith('_ref') ? [value as string] : key.endsWith('_refs') ? (value as string[]) : [],
      ),
    )
    expect(refs.length).toBeGreaterThan(30)
    for (const ref of refs) expect(byId.has(ref), `${ref} resolves`).toBe(true)
  })

  it('marks every object with its own TLP 2.0 marking, and defines exactly those used', () => {
    const markingOf = (id: string) => get(id).object_marking_refs
    expect(markingOf(idOf('casefile:brief:brief-albania', 'report'))).toEqual([
      tlpMarkingId('AMBER'),
    ])
    expect(markingOf(idOf('casefile:actor:a-mois', 'threat-actor'))).toEqual([
      tlpMarkingId('GREEN'),
    ])
    expect(markingOf(idOf('casefile:event:e-outage', 'incident'))).toEqual([tlpMarkingId('AMBER')])
    expect(markingOf(idOf('casefile:annotation:n-denial', 'note'))).toEqual([tlpMarkingId('AMBER')])
    // A relation tells of both its ends: the stricter marking of the two.
    expect(markingOf(idOf('casefile:relation:r-attr', 'relationship'))).toEqual([
      tlpMarkingId('GREEN'),
    ])
    for (const object of bundle.objects)
      if (object.type !== 'marking-definition')
        expect(object.object_marking_refs, object.id).toHaveLength(1)
    expect(ofType('marking-definition')).toEqual([
      {
        type: 'marking-definition',
        spec_version: '2.1',
        id: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
        created: '2022-10-01T00:00:00.000Z',
        name: 'TLP:CLEAR',
        extensions: {
          'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': {
            extension_type: 'property-extension',
            tlp_2_0: 'clear',
          },
        },
      },
      expect.objectContaining({ name: 'TLP:GREEN' }),
      expect.objectContaining({
        id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
        name: 'TLP:AMBER',
      }),
    ])
  })

  it('makes actors identities, intrusion sets or threat actors by kind and attribution', () => {
    expect(get(idOf('casefile:actor:a-iran', 'identity'))).toMatchObject({
      name: 'Iran',
      identity_class: 'organization',
      sectors: ['government-national'],
      x_casefile_aliases: ['Islamic Republic of Iran'],
      x_casefile_kind: 'state',
    })
    // Something is attributed to MOIS: a threat actor.
    expect(get(idOf('casefile:actor:a-mois', 'threat-actor'))).toMatchObject({
      aliases: ['Ministry of Intelligence'],
      threat_actor_types: ['unknown'],
    })
    expect(get(idOf('casefile:actor:a-hj', 'intrusion-set'))).toMatchObject({
      name: 'HomeLand Justice',
      aliases: ['Homeland Justice'],
      labels: ['wiper'],
    })
    expect(get(idOf('casefile:actor:a-rama', 'identity')).identity_class).toBe('individual')
    expect(get(idOf('casefile:actor:a-cav', 'identity')).identity_class).toBe('group')
  })

  it('keeps each event’s date, precision, report date and place on its incident', () => {
    expect(get(idOf('casefile:event:e-attack', 'incident'))).toMatchObject({
      name: '15 July cyberattack',
      x_casefile_occurred: { precision: 'day', start: '2022-07-15' },
      x_casefile_reported: { precision: 'day', start: '2022-07-18' },
      x_casefile_place: 'Tirana',
      created: '2024-01-11T09:30:00.000Z',
      modified: '2024-01-11T11:00:00.000Z',
    })
    expect(get(idOf('casefile:event:e-wipers', 'incident')).x_casefile_occurred).toEqual({
      precision: 'range',
      start: '2022-05',
      end: '2022-09-15',
    })
    expect(get(idOf('casefile:event:e-outage', 'incident')).x_casefile_occurred).toEqual({
      precision: 'month',
      start: '2022-09',
    })
  })

  it('relates in Casefile’s direction, slugging a free-text type and keeping it as written', () => {
    expect(get(idOf('casefile:relation:r-attr', 'relationship'))).toMatchObject({
      relationship_type: 'attributed-to',
      source_ref: idOf('casefile:actor:a-hj', 'intrusion-set'),
      target_ref: idOf('casefile:actor:a-mois', 'threat-actor'),
      description: 'Tooling and infrastructure overlap.',
    })
    expect(get(idOf('casefile:relation:r-funds', 'relationship'))).toMatchObject({
      relationship_type: 'is-funded-by',
      x_casefile_type: 'Is funded by',
    })
  })

  it('writes each passage as a note with its quote, comment, links, evidence and source', () => {
    const note = get(idOf('casefile:annotation:n-attr', 'note'))
    expect(note.content).toBe('“The actors used the same wiper as MOIS”\n\nStrongest link to MOIS.')
    expect(note.object_refs).toEqual([
      idOf('casefile:actor:a-hj', 'intrusion-set'),
      idOf('casefile:actor:a-mois', 'threat-actor'),
      idOf('casefile:relation:r-attr', 'relationship'),
    ])
    expect(note.confidence).toBe(70)
    expect(note.external_references).toEqual([
      expect.objectContaining({
        source_name: 'Report s-vendor',
        url: 'https://example.com/reports/albania?id=1',
        hashes: { 'SHA-256': hash('1') },
      }),
    ])
    expect(get(idOf('casefile:annotation:n-denial', 'note')).abstract).toBe(
      'Report s-mail, page 1, paragraph 2',
    )
    // Linked to nothing in the brief: about the report.
    expect(get(idOf('casefile:annotation:n-context', 'note')).object_refs).toEqual([
      idOf('casefile:brief:brief-albania', 'report'),
    ])
  })

  it('writes each note the analyst picked as a note about the report, with its own marking', () => {
    const note = get(idOf('casefile:note:note-working', 'note'))
    expect(note).toMatchObject({
      abstract: 'Working theory',
      content: '# Working theory\n\nThe wiper and the leak site share an operator.',
      object_refs: [idOf('casefile:brief:brief-albania', 'report')],
      object_marking_refs: [tlpMarkingId('GREEN')],
      created: '2022-09-10T08:00:00.000Z',
      modified: '2022-09-12T08:00:00.000Z',
    })
  })

  it('makes the brief a report of everything in it, citing every source with its hashes', () => {
    const report = get(idOf('casefile:brief:brief-albania', 'report'))
    const contents = bundle.objects.filter(
      (o) => !['marking-definition', 'report'].includes(o.type) && o.name !== 'Ana Analyst',
    )
    expect(report).toMatchObject({
      name: 'Albania 2022: who and when',
      description: 'What we know of the **2022** attacks.',
      published: '2024-03-01T10:00:00.000Z',
      created_by_ref: stixIdFor('identity', 'casefile:author:Ana Analyst'),
      x_casefile_left_out: { by_tlp: 2, orphans: 1 },
    })
    expect(report.object_refs).toEqual(contents.map((o) => o.id))
    const references = report.external_references as Array<Record<string, unknown>>
    expect(references.map((r) => r.hashes)).toEqual([
      { 'SHA-256': hash('1') },
      { 'SHA-256': hash('3') },
    ])
    expect(references[1]).not.toHaveProperty('url')
    expect(references[1]?.description).toContain(`canonical text SHA-256 ${hash('4')}`)
  })

  it('leaves out a relation whose end the brief left out', () => {
    const partial: StixBundle = buildStixBundle({ ...brief, actors: [iran, homeland] }, stixIdFor)
    const types = partial.objects
      .filter((o) => o.type === 'relationship')
      .map((o) => o.relationship_type)
    expect(types).toEqual(['denies', 'targets'])
  })
})
