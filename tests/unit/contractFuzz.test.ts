import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers, Library, resourcesDir } from '../../electron/core'
import { api, ErrorCodeSchema, type MethodName } from '../../shared/api'
import { createDispatcher, type CallResult } from '../../shared/rpc'
import { makeTempDir } from '../support/makeLibrary'

/**
 * Every contract method fed arbitrary and mangled inputs through the dispatcher: each answer is a
 * result that satisfies the method's output schema or a typed error that is not `internal` (a
 * crash), no call hangs, and the library reopens afterwards with what it held. Reproduce a
 * failure with `CASEFILE_FUZZ_SEED=<seed> npx vitest run --project unit tests/unit/contractFuzz`.
 */
const seed = Number(process.env.CASEFILE_FUZZ_SEED ?? 20_260_509)
const runsPerMethod = Number(process.env.CASEFILE_FUZZ_RUNS ?? 40)
const callTimeoutMs = 20_000

type Json = unknown
type Ids = {
  source: string
  annotation: string
  actor: string
  otherActor: string
  event: string
  relation: string
  note: string
  brief: string
  search: string
}

let dir: { path: string; remove(): Promise<void> }
let libraryPath: string
let exportsDir: string
let library: Library
let dispatch: (method: string, input: unknown) => Promise<CallResult>
let ids: Ids
let position = { start: 0, end: 1 }

beforeAll(async () => {
  dir = await makeTempDir()
  // The library one folder down, so an archive written "beside the library" stays in the temp dir.
  libraryPath = join(dir.path, 'library')
  exportsDir = join(dir.path, 'exports')
  await mkdir(exportsDir)
  library = await Library.open(libraryPath, { indexPersistDelayMs: 60_000 })
  dispatch = createDispatcher(createHandlers(library, { resourcesDir }))
  ids = await seedLibrary()
})

afterAll(async () => {
  await library?.close()
  await dir?.remove()
})

const text =
  'Rail outage\n\nSignals on the northern line went dark at 06:10.\n\nThe operator blamed a software update.'

async function call(method: MethodName, input: unknown): Promise<Record<string, unknown>> {
  const answer = await dispatch(method, input)
  if (!answer.ok) throw new Error(`${method} refused its seed input: ${JSON.stringify(answer)}`)
  return answer.result as Record<string, unknown>
}

async function seedLibrary(): Promise<Ids> {
  const imported = await call('sources.import', { fileName: 'rail.txt', text })
  const source = (imported.source as { id: string }).id
  const canonical = (await call('sources.get', { id: source })).text as string
  position = {
    start: canonical.indexOf('northern line'),
    end: canonical.indexOf('northern line') + 13,
  }
  const quote = { exact: 'northern line', prefix: 'Signals on the ', suffix: ' went dark' }
  const annotation = await call('annotations.create', {
    sourceId: source,
    quote,
    position,
  })
  const actor = await call('actors.create', { name: 'Rail Operator', kind: 'organisation' })
  const otherActor = await call('actors.create', { name: 'Signal Vendor', kind: 'organisation' })
  const event = await call('events.create', {
    title: 'Northern line outage',
    occurred: { precision: 'day', start: '2024-03-01' },
  })
  const relation = await call('relations.create', {
    from: { kind: 'actor', id: actor.id },
    to: { kind: 'event', id: event.id },
    type: 'denies',
    confidence: 'likely',
  })
  const note = await call('notes.create', { markdown: '# Outage\n\nThe operator blamed it.' })
  const brief = await call('briefs.save', { title: 'Rail brief' })
  const search = await call('searches.save', { name: 'Signals', query: 'signals' })
  return {
    source,
    annotation: annotation.id as string,
    actor: actor.id as string,
    otherActor: otherActor.id as string,
    event: event.id as string,
    relation: relation.id as string,
    note: note.id as string,
    brief: brief.id as string,
    search: search.id as string,
  }
}

/** A valid input for each method, the starting point of its mutations. */
function validInputs(i: Ids): Partial<Record<MethodName, Json>> {
  const quote = { exact: 'northern line', prefix: 'Signals on the ', suffix: ' went dark' }
  const day = { precision: 'day', start: '2024-03-02' }
  return {
    'library.exportArchive': { path: join(exportsDir, 'case.zip') },
    'sources.import': { fileName: 'note.md', text: '# Title\n\nSome text.' },
    'sources.update': { id: i.source, reliability: 'B', tlp: 'GREEN', tags: ['rail'] },
    'sources.get': { id: i.source },
    'annotations.create': {
      sourceId: i.source,
      quote,
      position,
      comment: 'c',
      tags: ['t'],
      color: 'green',
    },
    'annotations.list': { sourceId: i.source },
    'annotations.update': { id: i.annotation, comment: 'x', credibility: 2, tlp: 'AMBER' },
    'annotations.link': { id: i.annotation, actorIds: [i.actor], eventIds: [i.event] },
    'annotations.delete': { id: i.annotation },
    'annotations.restore': { id: i.annotation },
    'annotations.repair': { id: i.annotation, quote, position },
    'annotations.get': { id: i.annotation },
    'annotations.export': { sourceId: i.source },
    'annotations.import': {
      document: {
        type: 'Annotation',
        body: { type: 'TextualBody', value: 'imported' },
        target: {
          source: 'urn:sha256:0000',
          selector: [{ type: 'TextQuoteSelector', exact: 'operator', prefix: 'The ', suffix: '' }],
        },
      },
    },
    'search.query': { query: 'signals', limit: 5, kinds: ['source'], from: '2024', typo: true },
    'searches.save': { name: 'Saved', query: 'dark', filters: { tags: ['rail'] } },
    'searches.delete': { id: i.search },
    'actors.create': { name: 'New Actor', aliases: ['NA'], kind: 'person', tags: ['x'] },
    'actors.list': { query: 'rail' },
    'actors.get': { id: i.actor },
    'actors.update': { id: i.actor, description: 'runs trains', tlp: 'GREEN' },
    'actors.delete': { id: i.otherActor },
    'actors.restore': { id: i.otherActor },
    'actors.merge': { keepId: i.actor, mergeId: i.otherActor },
    'events.create': { title: 'Another event', occurred: day, place: 'North' },
    'events.list': { query: 'outage' },
    'events.get': { id: i.event },
    'events.update': { id: i.event, reported: day },
    'events.delete': { id: i.event },
    'events.restore': { id: i.event },
    'events.timeline': { actorId: i.actor, tag: 'rail' },
    'relations.create': {
      from: { kind: 'actor', id: i.actor },
      to: { kind: 'actor', id: i.otherActor },
      type: 'attributed to',
      confidence: 'remote',
      evidence: [i.annotation],
    },
    'relations.list': { actorId: i.actor },
    'relations.delete': { id: i.relation },
    'relations.restore': { id: i.relation },
    'mentions.find': { sourceId: i.source },
    'notes.create': { title: 'Fuzz', doc: { type: 'doc', content: [{ type: 'paragraph' }] } },
    'notes.get': { id: i.note },
    'notes.update': { id: i.note, baseRevision: 1, title: 'Renamed' },
    'notes.delete': { id: i.note },
    'notes.restore': { id: i.note },
    'notes.export': { id: i.note },
    'notes.import': { fileName: 'n.md', text: '---\ntitle: T\ntlp: green\n---\n# H\n' },
    'briefs.save': { id: i.brief, title: 'B', scope: { actorIds: [i.actor] } },
    'briefs.delete': { id: i.brief },
    'briefs.preview': { draft: { title: 'P', sections: ['timeline'] } },
    'briefs.export': { briefId: i.brief },
    'briefs.exportStix': { draft: { tlp: 'RED' } },
    'briefs.verify': { markdown: '# Brief\n\n[^1]: “northern line” — *rail*' },
    'case.importStix': { json: '{"type":"bundle","id":"bundle--1","objects":[]}' },
  }
}

// Built once: big values are shared by every run instead of allocated per run.
const bigValues: unknown[] = [
  'x'.repeat(100_001),
  'é'.repeat(1_000_001),
  `${'<b>'.repeat(20_000)}${'\u202e'.repeat(1000)}`,
  nested(5_000, (inner) => [inner]),
  nested(5_000, (inner) => ({ type: 'doc', content: [inner] })),
  Array.from({ length: 20_000 }, (_, n) => `id-${n}`),
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
]

function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 'bottom'
  for (let n = 0; n < depth; n++) value = wrap(value)
  return value
}

function hostileValue(i: Ids): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.anything({ maxDepth: 3, withObjectString: true, withNullPrototype: true }),
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(
      NaN,
      Infinity,
      -Infinity,
      -1,
      -0,
      0.5,
      2 ** 53,
      Number.MAX_VALUE,
      -Number.MAX_SAFE_INTEGER,
      '',
      ' ',
      '\u0000',
      '../../../../etc/passwd',
      '/etc/passwd',
      'C:\\Windows\\win.ini',
      '__proto__',
      'constructor',
      '{{constructor.constructor("return process")()}}',
      'unknown-id',
      'annotation',
      true,
      null,
      undefined,
      [],
      {},
    ),
    fc.constantFrom(...bigValues),
    fc.constantFrom(...Object.values(i)),
    fc.string({ unit: 'binary', maxLength: 40 }),
  )
}

/** Values a schema may well accept, so the mutated input reaches the handler. */
function plausibleValue(i: Ids): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...Object.values(i), 'missing-id', 'operator', 'yellow', 'RED', 'A', 3),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.array(fc.constantFrom(...Object.values(i), 'missing-id'), { maxLength: 3 }),
    fc.integer({ min: -2, max: 200 }),
  )
}

type Path = Array<string | number>

/** Every place in a value a mutation can reach: object keys and array slots, at any depth. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  const keys: Array<string | number> = Array.isArray(value)
    ? value.map((_, n) => n)
    : Object.keys(value)
  return [
    prefix,
    ...keys.flatMap((key) => pathsOf((value as Record<string, unknown>)[key], [...prefix, key])),
  ]
}

function setAt(value: unknown, path: Path, replacement: unknown, remove: boolean): unknown {
  if (path.length === 0) return replacement
  const [head, ...rest] = path as [string | number, ...Path]
  const copy = (Array.isArray(value)
    ? [...(value as unknown[])]
    : { ...(value as object) }) as unknown as Record<string | number, unknown>
  if (remove && rest.length === 0) {
    if (Array.isArray(copy)) copy.splice(Number(head), 1)
    else delete copy[head]
    return copy
  }
  Object.defineProperty(copy, head, {
    value: setAt(copy[head], rest, replacement, remove),
    enumerable: true,
    writable: true,
    configurable: true,
  })
  return copy
}

/** Inputs for one method: anything at all, or its valid input mangled at one or two places. */
function inputsFor(valid: Json, i: Ids): fc.Arbitrary<unknown> {
  const paths = pathsOf(valid)
  const extraKeys = ['__proto__', 'constructor', 'prototype', 'extra', 'toString']
  const mutation = fc.record({
    path: fc.constantFrom(...paths),
    extraKey: fc.option(fc.constantFrom(...extraKeys), { nil: undefined }),
    remove: fc.nat(4).map((n) => n === 0),
    value: fc.oneof(hostileValue(i), plausibleValue(i)),
  })
  return fc.oneof(
    { arbitrary: fc.anything({ maxDepth: 4, withObjectString: true }), weight: 1 },
    { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 1 },
    {
      arbitrary: fc
        .array(mutation, { minLength: 1, maxLength: 2 })
        .map((mutations) =>
          mutations.reduce<unknown>(
            (input, { path, extraKey, remove, value }) =>
              setAt(input, extraKey === undefined ? path : [...path, extraKey], value, remove),
            valid,
          ),
        ),
      weight: 5,
    },
  )
}

/** `library.exportArchive` writes where it is told: keep every path it is given in the temp dir. */
function confinePath(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || !('path' in input)) return input
  const { path } = input
  if (typeof path !== 'string') return input
  return { ...input, path: join(exportsDir, path.replace(/[\\/]/g, '_').slice(0, 300)) }
}

function withTimeout<T>(promise: Promise<T>, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what()} did not answer in ${callTimeoutMs} ms`)),
      callTimeoutMs,
    )
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

function describeInput(input: unknown): string {
  try {
    const json = JSON.stringify(input) ?? String(input)
    return json.length > 300 ? `${json.slice(0, 300)}… (${json.length} chars)` : json
  } catch {
    return String(input)
  }
}

describe(`every contract method under fuzzed input (seed ${seed})`, () => {
  const methods = Object.keys(api) as MethodName[]

  it.each(methods)('%s answers a result or a typed error, never a crash', async (method) => {
    const valid = validInputs(ids)[method] ?? {}
    const runs =
      method === 'library.exportArchive' || method === 'library.loadSample' ? 8 : runsPerMethod
    await fc.assert(
      fc.asyncProperty(inputsFor(valid, ids), async (raw) => {
        const input = method === 'library.exportArchive' ? confinePath(raw) : raw
        const answer = await withTimeout(
          dispatch(method, input),
          () => `${method}(${describeInput(input)})`,
        )
        if (answer.ok) {
          const output = api[method].output.safeParse(answer.result)
          if (!output.success)
            throw new Error(`${method} answered outside its output schema: ${output.error.message}`)
          return
        }
        const { error } = answer
        expect(ErrorCodeSchema.safeParse(error.code).success).toBe(true)
        if (error.code === 'internal')
          throw new Error(`${method} crashed on ${describeInput(input)}: ${error.message}`)
        expect(error.message.length).toBeGreaterThan(0)
      }),
      { seed, numRuns: runs, endOnFailure: true },
    )
  })

  it('leaves the prototype of every object alone', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
  })

  it('leaves a library that reopens with what it held, every part readable', async () => {
    const before = library.info()
    const sources = library.listSources().map((source) => source.id)
    await library.close()
    library = await Library.open(libraryPath, { indexPersistDelayMs: 60_000 })
    dispatch = createDispatcher(createHandlers(library, { resourcesDir }))
    const after = library.info()
    expect(after.counts).toEqual(before.counts)
    expect(library.listSources().map((source) => source.id)).toEqual(sources)
    for (const method of [
      'sources.list',
      'trash.list',
      'notes.list',
      'actors.list',
      'events.list',
      'relations.list',
      'briefs.list',
      'searches.list',
      'annotations.health',
      'events.timeline',
    ] as const) {
      const answer = await dispatch(method, {})
      expect(answer.ok, `${method}: ${JSON.stringify(answer)}`).toBe(true)
      expect(answer.ok && api[method].output.safeParse(answer.result).success).toBe(true)
    }
    for (const id of sources) {
      for (const method of ['sources.get', 'annotations.list', 'mentions.find'] as const) {
        const input = method === 'sources.get' ? { id } : { sourceId: id }
        const answer = await dispatch(method, input)
        expect(answer.ok, `${method}(${id}): ${JSON.stringify(answer)}`).toBe(true)
      }
    }
    const search = await dispatch('search.query', { query: 'signals' })
    expect(search.ok).toBe(true)
  })
})
