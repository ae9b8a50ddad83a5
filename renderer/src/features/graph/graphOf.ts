import {
  compareDateSpecs,
  type Actor,
  type ActorKind,
  type CaseEvent,
  type Confidence,
  type DateSpec,
  type Relation,
  type RelationEnd,
} from '../../../../shared/model'

/** The whole case, or what lies one or two relations away from one actor. */
export type GraphScope =
  | { kind: 'case'; showUnrelated: boolean }
  | { kind: 'neighbourhood'; actorId: string; depth: 1 | 2 }

export type ActorNodeData = { kind: 'actor'; id: string; name: string; actorKind: ActorKind }
export type EventNodeData = { kind: 'event'; id: string; title: string; occurred: DateSpec }

export type GraphNode = {
  /** Unique across actors and events: `actor:<id>` or `event:<id>`. */
  key: string
  data: ActorNodeData | EventNodeData
  /** False for an actor or event drawn although no relation touches it. */
  related: boolean
}

export type GraphEdge = {
  /** The relation's id. */
  id: string
  source: string
  target: string
  type: string
  confidence: Confidence
  /** How many annotations the relation rests on. */
  evidence: number
  /** Sideways offset (px) that keeps relations between the same two nodes from drawing as one. */
  bend: number
}

export type Graph = { nodes: GraphNode[]; edges: GraphEdge[] }

/** Parallel relations between one pair are drawn this far apart. */
const bendStep = 44

/** The node key of a relation's end. */
export function nodeKey(end: RelationEnd): string {
  return `${end.kind}:${end.id}`
}

/**
 * What the relations graph draws for a scope: one node per actor or event that takes part in a
 * relation (every one with `showUnrelated`), one edge per relation whose ends are both known.
 * Actors come by name, events in time order.
 */
export function graphOf(
  actors: readonly Actor[],
  events: readonly CaseEvent[],
  relations: readonly Relation[],
  scope: GraphScope,
): Graph {
  const all = new Map<string, GraphNode>()
  for (const actor of [...actors].sort((a, b) => a.name.localeCompare(b.name)))
    all.set(nodeKey({ kind: 'actor', id: actor.id }), actorNode(actor))
  for (const event of [...events].sort(compareEvents))
    all.set(nodeKey({ kind: 'event', id: event.id }), eventNode(event))

  const live = relations.filter(
    (relation) =>
      all.has(nodeKey(relation.from)) &&
      all.has(nodeKey(relation.to)) &&
      nodeKey(relation.from) !== nodeKey(relation.to),
  )
  const { shown, keep } = select(live, scope)
  const related = new Set(
    shown.flatMap((relation) => [nodeKey(relation.from), nodeKey(relation.to)]),
  )

  const nodes = [...all.values()]
    .filter((node) => related.has(node.key) || keep(node.key))
    .map((node) => ({ ...node, related: related.has(node.key) }))
  return { nodes, edges: edgesOf(shown) }
}

/** The relations a scope shows, and which nodes it keeps even without one. */
function select(relations: Relation[], scope: GraphScope) {
  if (scope.kind === 'case') return { shown: relations, keep: () => scope.showUnrelated }
  const centre = nodeKey({ kind: 'actor', id: scope.actorId })
  let reached = new Set([centre])
  const shown = new Set<Relation>()
  for (let step = 0; step < scope.depth; step++) {
    const next = new Set(reached)
    for (const relation of relations) {
      const [from, to] = [nodeKey(relation.from), nodeKey(relation.to)]
      if (!reached.has(from) && !reached.has(to)) continue
      shown.add(relation)
      next.add(from).add(to)
    }
    reached = next
  }
  return {
    shown: relations.filter((relation) => shown.has(relation)),
    keep: (key: string) => key === centre,
  }
}

function edgesOf(relations: Relation[]): GraphEdge[] {
  const pairs = new Map<string, Relation[]>()
  for (const relation of relations) {
    const pair = [nodeKey(relation.from), nodeKey(relation.to)].sort().join(' ')
    pairs.set(pair, [...(pairs.get(pair) ?? []), relation])
  }
  return relations.map((relation) => {
    const [source, target] = [nodeKey(relation.from), nodeKey(relation.to)]
    const siblings = pairs.get([source, target].sort().join(' ')) ?? [relation]
    const offset = (siblings.indexOf(relation) - (siblings.length - 1) / 2) * bendStep
    return {
      id: relation.id,
      source,
      target,
      type: relation.type,
      confidence: relation.confidence,
      evidence: relation.evidence.length,
      // Measured against the pair's sorted direction, so A→B and B→A bend to opposite sides.
      bend: source < target || offset === 0 ? offset : -offset,
    }
  })
}

function actorNode(actor: Actor): GraphNode {
  return {
    key: nodeKey({ kind: 'actor', id: actor.id }),
    data: { kind: 'actor', id: actor.id, name: actor.name, actorKind: actor.kind },
    related: false,
  }
}

function eventNode(event: CaseEvent): GraphNode {
  return {
    key: nodeKey({ kind: 'event', id: event.id }),
    data: { kind: 'event', id: event.id, title: event.title, occurred: event.occurred },
    related: false,
  }
}

function compareEvents(a: CaseEvent, b: CaseEvent): number {
  return compareDateSpecs(a.occurred, b.occurred) || a.title.localeCompare(b.title)
}
