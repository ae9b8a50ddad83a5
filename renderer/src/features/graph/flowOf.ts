import { MarkerType, Position } from '@xyflow/react'
import type { EntityNodeType } from './EntityNode'
import type { Graph } from './graphOf'
import { layoutGraph, nodeHeight, nodeWidth } from './layoutGraph'
import { evidenceWords, type RelationEdgeType } from './RelationEdge'

// Declared, not measured, handles and size: edges can be drawn before (or without) a layout pass.
const handles = [
  { type: 'target' as const, position: Position.Top, x: nodeWidth / 2, y: 0, width: 1, height: 1 },
  {
    type: 'source' as const,
    position: Position.Bottom,
    x: nodeWidth / 2,
    y: nodeHeight,
    width: 1,
    height: 1,
  },
]

/** A graph laid out as React Flow nodes and edges: each node's box centred where the layout says. */
export function flowOf(graph: Graph): { nodes: EntityNodeType[]; edges: RelationEdgeType[] } {
  const positions = layoutGraph(
    graph.nodes.map((node) => ({ id: node.key })),
    graph.edges,
  )
  const names = new Map(
    graph.nodes.map((node) => [
      node.key,
      node.data.kind === 'actor' ? node.data.name : node.data.title,
    ]),
  )
  const nodes = graph.nodes.map((node): EntityNodeType => {
    const centre = positions.get(node.key) ?? { x: 0, y: 0 }
    return {
      id: node.key,
      type: 'entity',
      position: { x: centre.x - nodeWidth / 2, y: centre.y - nodeHeight / 2 },
      width: nodeWidth,
      height: nodeHeight,
      handles,
      data: { entity: node.data, related: node.related },
      ariaRole: 'group',
      ariaLabel: `${node.data.kind === 'actor' ? 'Actor' : 'Event'} ${names.get(node.key) ?? ''}`,
    }
  })
  const edges = graph.edges.map((edge): RelationEdgeType => ({
    id: edge.id,
    type: 'relation',
    source: edge.source,
    target: edge.target,
    data: { relation: edge },
    markerEnd: { type: MarkerType.ArrowClosed, color: 'var(--text-muted)', width: 18, height: 18 },
    ariaLabel:
      `${names.get(edge.source) ?? ''} ${edge.type} ${names.get(edge.target) ?? ''} ` +
      `(${edge.confidence}; ${evidenceWords(edge.evidence)})`,
  }))
  return { nodes, edges }
}
