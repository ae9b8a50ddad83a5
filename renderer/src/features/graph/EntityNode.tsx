import { createContext, useContext } from 'react'
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react'
import type { ActorKind, RelationEnd } from '../../../../shared/model'
import { describeDate } from '../../../../shared/model'
import type { ActorNodeData, EventNodeData } from './graphOf'

export type EntityNodeType = Node<
  { entity: ActorNodeData | EventNodeData; related: boolean },
  'entity'
>

/** What a click on a node does: open that actor's or event's page. */
export const OpenEntityContext = createContext<(end: RelationEnd) => void>(() => {})

const kindWords: Record<ActorKind, string> = {
  person: 'Person',
  organisation: 'Organisation',
  state: 'State',
  group: 'Group',
  'threat-actor': 'Threat actor',
}

/**
 * An actor (name and kind, coloured by kind) or an event (title and date, another shape) as a
 * button: a click, Enter or Space opens it.
 */
export function EntityNode({ data }: NodeProps<EntityNodeType>) {
  const open = useContext(OpenEntityContext)
  const { entity, related } = data
  const modifier = entity.kind === 'actor' ? `actor graph-node--${entity.actorKind}` : 'event'
  return (
    <>
      {/* React Flow draws edges only between handles; these stay invisible and unconnectable. */}
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <button
        type="button"
        className={`graph-node graph-node--${modifier}${related ? '' : ' graph-node--unrelated'}`}
        data-testid="graph-node"
        data-kind={entity.kind}
        onClick={() => open({ kind: entity.kind, id: entity.id })}
      >
        {entity.kind === 'actor' ? (
          <>
            <span className="graph-node__name">{entity.name}</span>
            <span className="graph-node__meta">{kindWords[entity.actorKind]}</span>
          </>
        ) : (
          <>
            <span className="graph-node__name">{entity.title}</span>
            <time className="graph-node__meta" dateTime={entity.occurred.start}>
              {describeDate(entity.occurred)}
            </time>
          </>
        )}
      </button>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </>
  )
}
