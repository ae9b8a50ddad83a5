import { useCallback, useMemo } from 'react'
import type { Mention } from '../../../../shared/api'
import { describeRange } from '../../../../shared/anchoring'
import type { Annotation } from '../../../../shared/model'
import type { Client } from '../../../../shared/rpc'
import { useLibraryQuery } from '../../app/useLibraryQuery'
import { useAnnotationActions } from '../annotations/useAnnotationActions'
import { EntityChip } from '../case/EntityChip'
import type { PlacedAnnotation } from '../reader/placeAnnotations'

type MentionsPanelProps = {
  sourceId: string
  text: string
  placed: readonly PlacedAnnotation[]
  onCreated: (annotation: Annotation) => void
}

/** How many of an actor's mentions are offered at once. */
const shownPerActor = 5
const contextChars = 40

/**
 * Known actors this source names: each mention with its context, and one click to turn it into
 * a highlight linked to the actor. Mentions already inside such a highlight are not offered.
 */
export function MentionsPanel({ sourceId, text, placed, onCreated }: MentionsPanelProps) {
  const query = useCallback(
    async (client: Client) => (await client.call('mentions.find', { sourceId })).mentions,
    [sourceId],
  )
  const { data: mentions, error } = useLibraryQuery<Mention[]>(query, [], ['entities', 'sources'])
  const actions = useAnnotationActions()

  const groups = useMemo(() => {
    const linked = (mention: Mention) =>
      placed.some(
        ({ annotation, anchor }) =>
          anchor.status !== 'orphaned' &&
          anchor.start <= mention.start &&
          anchor.end >= mention.end &&
          (annotation.actorIds ?? []).includes(mention.actorId),
      )
    const byActor = new Map<string, { name: string; all: number; open: Mention[] }>()
    for (const mention of mentions) {
      const group = byActor.get(mention.actorId) ?? { name: mention.name, all: 0, open: [] }
      group.all += 1
      if (!linked(mention)) group.open.push(mention)
      byActor.set(mention.actorId, group)
    }
    return [...byActor.entries()]
  }, [mentions, placed])

  if (error)
    return (
      <p className="inspector__note" role="alert">
        Mentions of known actors could not be found: {error}
      </p>
    )
  if (groups.length === 0) return null

  const link = async (mention: Mention) => {
    try {
      onCreated(
        await actions.create(
          {
            sourceId,
            quote: describeRange(text, mention.start, mention.end),
            position: { start: mention.start, end: mention.end },
          },
          [{ kind: 'actor', id: mention.actorId }],
        ),
      )
    } catch {
      // Announced in the status line.
    }
  }

  return (
    <section className="mentions" aria-labelledby="mentions-heading" data-testid="mentions">
      <h3 id="mentions-heading" className="pane-heading inspector__subheading">
        Mentions {groups.length === 1 ? '1 known actor' : `${groups.length} known actors`}
      </h3>
      <ul className="mentions__actors">
        {groups.map(([actorId, group]) => (
          <li key={actorId} className="mentions__actor" data-testid="mention-actor">
            <p className="mentions__name">
              <EntityChip end={{ kind: 'actor', id: actorId }} />
              <span className="hint">
                {group.all === 1 ? '1 mention' : `${group.all} mentions`}
                {group.open.length < group.all ? `, ${group.all - group.open.length} linked` : ''}
              </span>
            </p>
            <ol className="mentions__list">
              {group.open.slice(0, shownPerActor).map((mention) => (
                <li key={mention.start} className="mentions__item">
                  <span className="mentions__context">
                    …{text.slice(Math.max(0, mention.start - contextChars), mention.start)}
                    <strong>{text.slice(mention.start, mention.end)}</strong>
                    {text.slice(mention.end, mention.end + contextChars)}…
                  </span>
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    data-testid="mention-link"
                    aria-label={`Highlight “${text.slice(mention.start, mention.end)}” and link it to ${group.name}`}
                    onClick={() => void link(mention)}
                  >
                    Link
                  </button>
                </li>
              ))}
            </ol>
            {group.open.length > shownPerActor ? (
              <p className="hint">and {group.open.length - shownPerActor} more not linked</p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}
