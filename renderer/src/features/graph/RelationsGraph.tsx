import { useMemo, useState } from 'react'
import { Controls, ReactFlow } from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { EntityNode, OpenEntityContext } from './EntityNode'
import { flowOf } from './flowOf'
import { graphOf } from './graphOf'
import { GraphScopeBar, scopeOf, wholeCase, type GraphSettings } from './GraphScopeBar'
import { RelationEdge } from './RelationEdge'
import { useCaseEntities } from './useCaseEntities'
import './graph.css'

type RelationsGraphProps = {
  /** Opens the actor's or the event's page (a click or Enter on its node). */
  onOpen: (end: { kind: 'actor' | 'event'; id: string }) => void
}

// Outside the component: React Flow warns when these maps change identity between renders.
const nodeTypes = { entity: EntityNode }
const edgeTypes = { relation: RelationEdge }
// React Flow's own wording speaks of selecting and deleting, which this read-only view does not do.
const ariaLabels = {
  'node.a11yDescription.default': 'Press Enter to open this actor or event.',
  'node.a11yDescription.keyboardDisabled': 'Press Enter to open this actor or event.',
  'edge.a11yDescription.default': 'A relation between two nodes.',
}

/** The case as a picture: actors and events as nodes, relations as labelled arrows. */
export function RelationsGraph({ onOpen }: RelationsGraphProps) {
  const { data, loaded, error } = useCaseEntities()
  const [settings, setSettings] = useState<GraphSettings>(wholeCase)
  const scope = useMemo(() => scopeOf(settings, data.actors), [settings, data.actors])
  const graph = useMemo(
    () => graphOf(data.actors, data.events, data.relations, scope),
    [data, scope],
  )
  const flow = useMemo(() => flowOf(graph), [graph])
  // A new set of nodes mounts a new canvas, so that it fits them in view again.
  const canvasKey = useMemo(() => flow.nodes.map((node) => node.id).join(' '), [flow.nodes])

  return (
    <section className="relations" aria-labelledby="relations-title" data-testid="relations-graph">
      <header className="relations__header">
        <h1 id="relations-title" className="review__title">
          Relations
        </h1>
        {data.actors.length > 0 ? (
          <GraphScopeBar
            actors={data.actors}
            settings={settings}
            scope={scope}
            onChange={setSettings}
          />
        ) : null}
      </header>
      {error ? (
        <p className="relations__message" role="alert">
          The relations could not be read: {error}
        </p>
      ) : !loaded ? null : data.relations.length === 0 && flow.nodes.length === 0 ? (
        <p className="relations__message" data-testid="graph-empty">
          No relations yet: relate two actors, or an actor and an event, from a passage.
        </p>
      ) : (
        <OpenEntityContext value={onOpen}>
          <div className="relations__canvas">
            <ReactFlow
              key={canvasKey}
              nodes={flow.nodes}
              edges={flow.edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              fitView
              fitViewOptions={{ padding: 0.15, maxZoom: 1.25 }}
              minZoom={0.1}
              maxZoom={2.5}
              nodesDraggable={false}
              nodesConnectable={false}
              nodesFocusable={false}
              edgesFocusable={false}
              elementsSelectable={false}
              deleteKeyCode={null}
              ariaLabelConfig={ariaLabels}
              aria-label="Relations graph"
            >
              <Controls showInteractive={false} />
            </ReactFlow>
          </div>
        </OpenEntityContext>
      )}
    </section>
  )
}
