import { describe, expect, it } from 'vitest'
import { describeRange } from '../../shared/anchoring'
import type { Client } from '../../shared/rpc'
import { graphOf, type GraphScope } from '../../renderer/src/features/graph/graphOf'
import {
  layoutGraph,
  nodeHeight,
  nodeSpacing,
  nodeWidth,
  type LayoutEdge,
  type Point,
} from '../../renderer/src/features/graph/layoutGraph'
import { borderPoint, relationPath } from '../../renderer/src/features/graph/relationPath'
import { libraryPerTest } from '../support/makeLibrary'

const nodes = (...ids: string[]) => ids.map((id) => ({ id }))
const edge = (source: string, target: string): LayoutEdge => ({ source, target })

function distance(positions: Map<string, Point>, a: string, b: string): number {
  const p = positions.get(a)
  const q = positions.get(b)
  if (!p || !q) throw new Error(`no position for ${p ? b : a}`)
  return Math.hypot(p.x - q.x, p.y - q.y)
}

function pairs<T>(items: readonly T[]): [T, T][] {
  return items.flatMap((a, i) => items.slice(i + 1).map((b): [T, T] => [a, b]))
}

/** A case of a dozen nodes: a hub with spokes, a chain and a stray pair. */
const busy = {
  nodes: nodes('hub', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'x', 'y', 'lone'),
  edges: [
    ...['a', 'b', 'c', 'd', 'e'].map((id) => edge('hub', id)),
    edge('e', 'f'),
    edge('f', 'g'),
    edge('g', 'h'),
    edge('x', 'y'),
    edge('hub', 'a'), // a second relation between the same two
  ],
}

describe('layoutGraph', () => {
  it('gives the same graph the same picture, whatever order it comes in', () => {
    const first = layoutGraph(busy.nodes, busy.edges)
    const again = layoutGraph(busy.nodes, busy.edges)
    const shuffled = layoutGraph([...busy.nodes].reverse(), [...busy.edges].reverse())
    expect([...again]).toEqual([...first])
    expect(Object.fromEntries(shuffled)).toEqual(Object.fromEntries(first))
    expect(new Set([...first.values()].map((p) => `${p.x},${p.y}`)).size).toBe(busy.nodes.length)
  })

  it('keeps every two nodes at least nodeSpacing apart, so no boxes overlap', () => {
    const positions = layoutGraph(busy.nodes, busy.edges)
    expect(positions.size).toBe(busy.nodes.length)
    for (const [a, b] of pairs(busy.nodes.map((node) => node.id))) {
      expect(distance(positions, a, b), `${a}–${b}`).toBeGreaterThanOrEqual(nodeSpacing)
      const p = positions.get(a) as Point
      const q = positions.get(b) as Point
      const apart = Math.abs(p.x - q.x) >= nodeWidth || Math.abs(p.y - q.y) >= nodeHeight
      expect(apart, `boxes of ${a} and ${b} overlap`).toBe(true)
    }
  })

  it('parts nodes that start on top of each other, even with nothing to push them', () => {
    const many = nodes(...Array.from({ length: 30 }, (_, i) => `n${String(i).padStart(2, '0')}`))
    const positions = layoutGraph(many, [])
    for (const [a, b] of pairs(many.map((node) => node.id)))
      expect(distance(positions, a, b)).toBeGreaterThanOrEqual(nodeSpacing)
  })

  it('draws related nodes closer together than unrelated ones', () => {
    const positions = layoutGraph(nodes('a1', 'a2', 'a3', 'b1', 'b2', 'b3'), [
      edge('a1', 'a2'),
      edge('a2', 'a3'),
      edge('a3', 'a1'),
      edge('b1', 'b2'),
      edge('b2', 'b3'),
      edge('b3', 'b1'),
    ])
    const within = [...pairs(['a1', 'a2', 'a3']), ...pairs(['b1', 'b2', 'b3'])].map(([a, b]) =>
      distance(positions, a, b),
    )
    const across = ['a1', 'a2', 'a3'].flatMap((a) =>
      ['b1', 'b2', 'b3'].map((b) => distance(positions, a, b)),
    )
    expect(Math.max(...within)).toBeLessThan(Math.min(...across))

    // In a chain, each node is nearer its neighbour than the far end.
    const chain = layoutGraph(nodes('p', 'q', 'r', 's'), [
      edge('p', 'q'),
      edge('q', 'r'),
      edge('r', 's'),
    ])
    expect(distance(chain, 'p', 'q')).toBeLessThan(distance(chain, 'p', 's'))
    expect(distance(chain, 'r', 's')).toBeLessThan(distance(chain, 'p', 's'))
  })

  it('lays out an empty graph as nothing and a single node near the origin', () => {
    expect(layoutGraph([], []).size).toBe(0)
    const single = layoutGraph(nodes('only'), [])
    expect([...single.keys()]).toEqual(['only'])
    const { x, y } = single.get('only') as Point
    expect(Math.hypot(x, y)).toBeLessThan(nodeSpacing)
  })

  it('ignores edges to unknown nodes and from a node to itself', () => {
    const positions = layoutGraph(nodes('a', 'b'), [edge('a', 'ghost'), edge('a', 'a')])
    expect([...positions.keys()].sort()).toEqual(['a', 'b'])
    for (const { x, y } of positions.values()) expect(Number.isFinite(x + y)).toBe(true)
  })
})

describe('relationPath', () => {
  const box = (x: number, y: number) => ({ x, y, width: 100, height: 40 })

  it('runs from border to border, with its label in the middle', () => {
    const { path, label } = relationPath(box(0, 0), box(300, 0), 0)
    expect(path).toBe('M 100,20 L 300,20')
    expect(label).toEqual({ x: 200, y: 20 })
    expect(borderPoint(box(0, 0), { x: 50, y: 500 })).toEqual({ x: 50, y: 40 })
  })

  it('bends a second relation between the same nodes to one side', () => {
    const { path, label } = relationPath(box(0, 0), box(300, 0), 30)
    expect(path).toMatch(/^M [\d.]+,[\d.]+ Q 200,80 /)
    expect(label.y).toBeGreaterThan(20) // below the straight line
    expect(relationPath(box(300, 0), box(0, 0), -30).label.y).toBeCloseTo(label.y, 0)
  })
})

const library = libraryPerTest()

/** The seed's cast: Iran, Albania, MEK, NATO, the July cyberattack, and how they relate. */
async function seedCase(client: Client) {
  const actor = (name: string, kind: 'state' | 'group' | 'organisation') =>
    client.call('actors.create', { name, kind })
  const [iran, albania, mek, nato, fbi] = await Promise.all([
    actor('Iran', 'state'),
    actor('Albania', 'state'),
    actor('MEK', 'group'),
    actor('NATO', 'organisation'),
    actor('FBI', 'organisation'),
  ])
  const attack = await client.call('events.create', {
    title: '15 July cyberattack',
    occurred: { precision: 'day', start: '2022-07-15' },
  })
  const text = 'Iran denied any involvement in the 15 July cyberattack.'
  const { source } = await client.call('sources.import', { fileName: 'iran.txt', text })
  const quote = describeRange(text, 0, 11)
  const passage = await client.call('annotations.create', {
    sourceId: source.id,
    quote,
    position: { start: 0, end: 11 },
  })
  const relate = (from: string, to: { kind: 'actor' | 'event'; id: string }, type: string) =>
    client.call('relations.create', {
      from: { kind: 'actor', id: from },
      to,
      type,
      confidence: 'likely',
      evidence: type === 'denies' ? [passage.id] : [],
    })
  const denies = await relate(iran.id, { kind: 'event', id: attack.id }, 'denies')
  const attributed = await relate(iran.id, { kind: 'event', id: attack.id }, 'attributed-to')
  const targets = await relate(iran.id, { kind: 'actor', id: albania.id }, 'targets')
  const based = await relate(mek.id, { kind: 'actor', id: albania.id }, 'located-in')
  const ally = await relate(albania.id, { kind: 'actor', id: nato.id }, 'member-of')
  return { iran, albania, mek, nato, fbi, attack, denies, attributed, targets, based, ally }
}

async function graphIn(client: Client, scope: GraphScope) {
  const [{ actors }, { events }, { relations }] = await Promise.all([
    client.call('actors.list', {}),
    client.call('events.list', {}),
    client.call('relations.list', {}),
  ])
  return graphOf(actors, events, relations, scope)
}

const names = (graph: ReturnType<typeof graphOf>) =>
  graph.nodes.map((node) => (node.data.kind === 'actor' ? node.data.name : node.data.title))

describe('graphOf', () => {
  it('draws the related actors by name and events after, one edge per relation', async () => {
    const { client } = await library()
    const cast = await seedCase(client)
    const graph = await graphIn(client, { kind: 'case', showUnrelated: false })
    expect(names(graph)).toEqual(['Albania', 'Iran', 'MEK', 'NATO', '15 July cyberattack'])
    expect(graph.nodes.every((node) => node.related)).toBe(true)
    expect(graph.edges.map((e) => [e.id, e.type, e.confidence, e.evidence])).toEqual([
      [cast.denies.id, 'denies', 'likely', 1],
      [cast.attributed.id, 'attributed-to', 'likely', 0],
      [cast.targets.id, 'targets', 'likely', 0],
      [cast.based.id, 'located-in', 'likely', 0],
      [cast.ally.id, 'member-of', 'likely', 0],
    ])
    const denies = graph.edges[0]
    expect(denies).toMatchObject({
      source: `actor:${cast.iran.id}`,
      target: `event:${cast.attack.id}`,
    })
    // Two relations between Iran and the attack bend apart; a lone one runs straight.
    expect(graph.edges[0]?.bend).toBe(-(graph.edges[1]?.bend ?? 0))
    expect(graph.edges[0]?.bend).not.toBe(0)
    expect(graph.edges[2]?.bend).toBe(0)
  })

  it('adds the unrelated actors and events when asked, marked as such', async () => {
    const { client } = await library()
    await seedCase(client)
    const graph = await graphIn(client, { kind: 'case', showUnrelated: true })
    expect(names(graph)).toContain('FBI')
    expect(
      graph.nodes.find((node) => node.key.startsWith('actor:') && !node.related),
    ).toMatchObject({ data: { name: 'FBI', actorKind: 'organisation' } })
  })

  it('shows an actor’s neighbourhood, one or two relations out', async () => {
    const { client } = await library()
    const cast = await seedCase(client)
    const near = await graphIn(client, { kind: 'neighbourhood', actorId: cast.mek.id, depth: 1 })
    expect(names(near)).toEqual(['Albania', 'MEK'])
    expect(near.edges.map((e) => e.id)).toEqual([cast.based.id])

    const far = await graphIn(client, { kind: 'neighbourhood', actorId: cast.mek.id, depth: 2 })
    expect(names(far)).toEqual(['Albania', 'Iran', 'MEK', 'NATO'])
    expect(far.edges.map((e) => e.id)).toEqual([cast.targets.id, cast.based.id, cast.ally.id])

    const alone = await graphIn(client, { kind: 'neighbourhood', actorId: cast.fbi.id, depth: 2 })
    expect(names(alone)).toEqual(['FBI'])
    expect(alone.edges).toEqual([])
  })

  it('leaves out relations whose end went to the trash', async () => {
    const { client } = await library()
    const cast = await seedCase(client)
    await client.call('actors.delete', { id: cast.nato.id })
    const graph = await graphIn(client, { kind: 'case', showUnrelated: false })
    expect(names(graph)).not.toContain('NATO')
    expect(graph.edges.map((e) => e.id)).not.toContain(cast.ally.id)
    expect(await graphIn(client, { kind: 'case', showUnrelated: false })).toEqual(graph)
    const empty = graphOf([], [], [], { kind: 'case', showUnrelated: true })
    expect(empty).toEqual({ nodes: [], edges: [] })
  })
})
