import { useCallback, useEffect, useState } from 'react'
import type { BriefDropped } from '../../../../shared/model'
import type { Client } from '../../../../shared/rpc'
import { useLibraryQuery } from '../../app/useLibraryQuery'
import { useCase } from '../case/caseContext'
import { usePassageLabels } from './usePassageLabels'
import type { BriefPreview } from './useBriefPreview'

type Outline = BriefPreview['outline']
type DroppedKind = keyof BriefDropped
type OutlineItem = { id: string; label: string; detail?: string }

const groups: Array<{ kind: DroppedKind; title: string; one: string }> = [
  { kind: 'actorIds', title: 'Actors', one: 'actor' },
  { kind: 'eventIds', title: 'Events', one: 'event' },
  { kind: 'relationIds', title: 'Judgements', one: 'judgement' },
  { kind: 'annotationIds', title: 'Passages', one: 'passage' },
]

function itemsOf(outline: Outline, kind: DroppedKind): OutlineItem[] {
  switch (kind) {
    case 'actorIds':
      return outline.actors.map(({ id, name }) => ({ id, label: name }))
    case 'eventIds':
      return outline.events.map(({ id, title }) => ({ id, label: title }))
    case 'relationIds':
      return outline.relations.map(({ id, sentence }) => ({ id, label: sentence }))
    case 'annotationIds':
      return outline.passages.map(({ id, quote, sourceTitle }) => ({
        id,
        label: `“${quote}”`,
        detail: sourceTitle,
      }))
  }
}

type BriefOutlineProps = {
  outline: Outline | undefined
  dropped: BriefDropped
  onChange: (dropped: BriefDropped) => void
}

/**
 * What the brief holds, as the preview found it: each actor, event, judgement and passage with a
 * Drop button; what was dropped is listed under each group with a button to bring it back.
 */
export function BriefOutline({ outline, dropped, onChange }: BriefOutlineProps) {
  const labels = useDroppedLabels(outline, dropped)
  if (!outline) return <p className="hint">Reading what the brief holds…</p>
  const set = (kind: DroppedKind, ids: string[]) => onChange({ ...dropped, [kind]: ids })
  return (
    <div className="brief-outline" data-testid="brief-outline">
      {groups.map(({ kind, title, one }) => {
        const items = itemsOf(outline, kind)
        const gone = dropped[kind]
        return (
          <section key={kind} className="brief-outline__group" aria-label={title}>
            <h4 className="brief-outline__title">
              {title} <span className="count">{items.length}</span>
            </h4>
            {items.length === 0 ? (
              <p className="hint brief-outline__none">None.</p>
            ) : (
              <ul className="brief-outline__list">
                {items.map((item) => (
                  <li key={item.id} className="brief-outline__item" data-testid="outline-item">
                    <span className="brief-outline__text">
                      {item.label}
                      {item.detail ? (
                        <span className="brief-outline__detail"> — {item.detail}</span>
                      ) : null}
                    </span>
                    <button
                      type="button"
                      className="button button--quiet button--small"
                      data-testid="outline-drop"
                      aria-label={`Drop ${one} ${item.label}`}
                      onClick={() => set(kind, [...gone, item.id])}
                    >
                      Drop
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {gone.length > 0 ? (
              <ul className="brief-outline__list brief-outline__list--dropped" aria-label="Dropped">
                {gone.map((id) => {
                  const label = labels.get(`${kind}:${id}`) ?? `A ${one} no longer in the case`
                  return (
                    <li key={id} className="brief-outline__item" data-testid="outline-dropped">
                      <span className="brief-outline__text">
                        <s>{label}</s> <span className="brief-outline__detail">dropped</span>
                      </span>
                      <button
                        type="button"
                        className="button button--quiet button--small"
                        data-testid="outline-restore"
                        aria-label={`Bring back ${one} ${label}`}
                        onClick={() =>
                          set(
                            kind,
                            gone.filter((other) => other !== id),
                          )
                        }
                      >
                        Bring back
                      </button>
                    </li>
                  )
                })}
              </ul>
            ) : null}
          </section>
        )
      })}
    </div>
  )
}

/**
 * Names for the dropped items, which the outline no longer lists: remembered from the outlines
 * seen, else asked of the library (a brief opened with items dropped in an earlier session).
 */
function useDroppedLabels(outline: Outline | undefined, dropped: BriefDropped) {
  const { labelOf, actors, events } = useCase()
  const [seen, setSeen] = useState(new Map<string, string>())
  useEffect(() => {
    if (!outline) return
    setSeen((now) => {
      const next = new Map(now)
      for (const { kind } of groups)
        for (const item of itemsOf(outline, kind)) next.set(`${kind}:${item.id}`, item.label)
      return next
    })
  }, [outline])
  const passages = usePassageLabels(
    dropped.annotationIds.filter((id) => !seen.has(`annotationIds:${id}`)),
  )
  const needRelations = dropped.relationIds.some((id) => !seen.has(`relationIds:${id}`))
  const relations = useLibraryQuery(
    useCallback(
      async (client: Client) =>
        needRelations ? (await client.call('relations.list', {})).relations : [],
      [needRelations],
    ),
    [],
    ['entities'],
  )

  const labels = new Map<string, string>()
  for (const relation of relations.data)
    labels.set(
      `relationIds:${relation.id}`,
      `${labelOf(relation.from)} — ${relation.type} → ${labelOf(relation.to)} (${relation.confidence})`,
    )
  for (const [id, label] of passages) labels.set(`annotationIds:${id}`, label)
  for (const actor of actors) labels.set(`actorIds:${actor.id}`, actor.name)
  for (const event of events) labels.set(`eventIds:${event.id}`, event.title)
  for (const [key, label] of seen) labels.set(key, label)
  return labels
}
