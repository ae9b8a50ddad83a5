import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3-force'

export type Point = { x: number; y: number }
export type LayoutEdge = { source: string; target: string }

/** Node boxes are drawn this size (px), so that the layout can keep them apart. */
export const nodeWidth = 180
export const nodeHeight = 64
/** The least distance between two node centres: the boxes' diagonal and a margin, so none overlap. */
export const nodeSpacing = Math.ceil(Math.hypot(nodeWidth, nodeHeight)) + 10
/** Related nodes sit this far apart, leaving room between the boxes for the edge's label. */
const linkDistance = nodeSpacing + 140
// A fixed number of steps, so the picture does not depend on how fast the machine is.
const ticks = 300
const goldenAngle = Math.PI * (3 - Math.sqrt(5))

type Body = SimulationNodeDatum & { id: string; x: number; y: number }

/**
 * Where each node's centre goes: a d3-force simulation run to its end at once, from positions
 * seeded by the sorted ids, so one graph always gets one picture whatever order it came in; no
 * two centres end closer than `nodeSpacing`.
 */
export function layoutGraph(
  nodes: readonly { id: string }[],
  edges: readonly LayoutEdge[],
): Map<string, Point> {
  const ids = [...new Set(nodes.map((node) => node.id))].sort()
  const bodies: Body[] = ids.map((id, index) => ({ id, ...seedPosition(index) }))
  const known = new Set(ids)
  const links: SimulationLinkDatum<Body>[] = edges
    .filter(
      (edge) => edge.source !== edge.target && known.has(edge.source) && known.has(edge.target),
    )
    .sort((a, b) => compareText(a.source, b.source) || compareText(a.target, b.target))
    .map((edge) => ({ source: edge.source, target: edge.target }))

  const simulation = forceSimulation<Body>(bodies)
    .stop()
    .randomSource(seededRandom(1))
    .force(
      'link',
      forceLink<Body, SimulationLinkDatum<Body>>(links)
        .id((body) => body.id)
        .distance(linkDistance),
    )
    // Repulsion strong enough to unfold chains and part unrelated groups, and a pull to the centre
    // weak enough not to fold them again; beyond distanceMax groups stop pushing each other away.
    .force(
      'charge',
      forceManyBody<Body>()
        .strength(-4000)
        .distanceMax(4 * nodeSpacing),
    )
    .force('collide', forceCollide<Body>(nodeSpacing / 2).iterations(3))
    .force('x', forceX<Body>(0).strength(0.03))
    .force('y', forceY<Body>(0).strength(0.03))
  simulation.tick(ticks)

  separate(bodies, nodeSpacing + 1)
  return new Map(bodies.map((body) => [body.id, { x: Math.round(body.x), y: Math.round(body.y) }]))
}

/** A sunflower spiral: evenly spread starting points that depend only on the index. */
function seedPosition(index: number): Point {
  const radius = nodeSpacing * Math.sqrt(0.5 + index)
  const angle = index * goldenAngle
  return { x: radius * Math.cos(angle), y: radius * Math.sin(angle) }
}

/** Pushes apart, pair by pair, centres the simulation left too close (it only tends to part them). */
function separate(bodies: Body[], spacing: number): void {
  for (let round = 0; round < 100; round++) {
    let moved = false
    for (let i = 0; i < bodies.length; i++) {
      for (let j = i + 1; j < bodies.length; j++) {
        const a = bodies[i] as Body
        const b = bodies[j] as Body
        let dx = b.x - a.x
        let dy = b.y - a.y
        let distance = Math.hypot(dx, dy)
        if (distance >= spacing) continue
        if (distance === 0) [dx, dy, distance] = [1, 0, 1]
        const push = (spacing - distance) / 2 / distance
        a.x -= dx * push
        a.y -= dy * push
        b.x += dx * push
        b.y += dy * push
        moved = true
      }
    }
    if (!moved) return
  }
}

/** A linear congruential generator: d3's jiggle needs randomness, the picture needs none. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 0x1_0000_0000
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
