import {
  BaseEdge,
  EdgeLabelRenderer,
  useInternalNode,
  type Edge,
  type EdgeProps,
  type InternalNode,
} from '@xyflow/react'
import type { GraphEdge } from './graphOf'
import { nodeHeight, nodeWidth } from './layoutGraph'
import { relationPath, type Box } from './relationPath'

export type RelationEdgeType = Edge<{ relation: GraphEdge }, 'relation'>

/** "denies · likely": what the label of a relation says. */
export function relationWords(relation: Pick<GraphEdge, 'type' | 'confidence'>): string {
  return `${relation.type} · ${relation.confidence}`
}

/** "no evidence", "1 passage", "3 passages". */
export function evidenceWords(count: number): string {
  if (count === 0) return 'no evidence'
  return count === 1 ? '1 passage' : `${count} passages`
}

/**
 * A relation as an arrow from border to border of its two nodes (they sit wherever the layout put
 * them, so fixed handles would cross the boxes), labelled with its type, confidence and evidence.
 */
export function RelationEdge({ id, source, target, data, markerEnd }: EdgeProps<RelationEdgeType>) {
  const from = useInternalNode(source)
  const to = useInternalNode(target)
  if (!from || !to || !data) return null
  const { relation } = data
  const { path, label } = relationPath(boxOf(from), boxOf(to), relation.bend)
  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} />
      <EdgeLabelRenderer>
        <div
          className={`graph-edge-label${relation.evidence === 0 ? ' graph-edge-label--unsupported' : ''}`}
          data-testid="graph-edge-label"
          style={{ transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y}px)` }}
        >
          <span className="graph-edge-label__words">{relationWords(relation)}</span>
          <span className="graph-edge-label__evidence">{evidenceWords(relation.evidence)}</span>
        </div>
      </EdgeLabelRenderer>
    </>
  )
}

function boxOf(node: InternalNode): Box {
  return {
    ...node.internals.positionAbsolute,
    // Before the browser has measured a node (and always in jsdom) its declared size stands.
    width: node.measured.width || node.width || nodeWidth,
    height: node.measured.height || node.height || nodeHeight,
  }
}
