import { useEffect, useRef } from 'react'
import { describeDate } from '../../../../shared/model'
import { arrowFocus } from '../../app/arrowFocus'
import { countOf } from '../../app/countOf'
import { AnnotationSummary } from '../annotations/AnnotationSummary'
import { useAnnotationActions } from '../annotations/useAnnotationActions'
import { formatDate } from '../library/describeSource'
import { entityLabel, useRestoreEntity, type EntityTrashItem, type TrashItem } from './useTrash'

type TrashViewProps = {
  items: readonly TrashItem[]
  loaded: boolean
  error: string | undefined
}

/**
 * Deleted highlights, actors, events and relations, most recent first, each with Restore;
 * nothing here is ever destroyed.
 */
export function TrashView({ items, loaded, error }: TrashViewProps) {
  const actions = useAnnotationActions()
  const restoreEntity = useRestoreEntity()
  const list = useRef<HTMLUListElement>(null)
  // After a restore the keyboard stays in the list: on the item that took the restored one's place.
  const focusAt = useRef<number>(undefined)

  useEffect(() => {
    const at = focusAt.current
    if (at === undefined) return
    focusAt.current = undefined
    const buttons = list.current?.querySelectorAll<HTMLElement>('button') ?? []
    buttons[Math.min(at, buttons.length - 1)]?.focus()
  }, [items])

  const restore = async (work: () => Promise<unknown>, index: number) => {
    try {
      await work()
      if (list.current?.contains(document.activeElement)) focusAt.current = index
    } catch {
      // Announced in the status line.
    }
  }

  return (
    <section className="review" aria-labelledby="trash-title" data-testid="trash-view">
      <h1 id="trash-title" className="review__title">
        Trash
      </h1>
      <p className="review__intro">
        Deleted highlights, actors, events and relations wait here, with their comments, tags and
        links, until they are restored.
        {items.length > 0 ? ` ${countOf(items.length, 'item')}.` : ''}
      </p>
      {error ? (
        <p className="review__empty" role="alert">
          The trash could not be read: {error}
        </p>
      ) : loaded && items.length === 0 ? (
        <p className="review__empty">The trash is empty.</p>
      ) : (
        <ul
          ref={list}
          className="review-list"
          aria-label="Deleted items"
          onKeyDown={(event) => arrowFocus(event)}
        >
          {items.map((item, index) => {
            if (!('annotation' in item)) {
              return (
                <EntityTrashRow
                  key={`${item.kind}:${entityId(item)}`}
                  item={item}
                  onRestore={() => void restore(() => restoreEntity(item), index)}
                />
              )
            }
            const { annotation, sourceTitle } = item
            return (
              <li
                key={annotation.id}
                className={`review-item review-item--${annotation.color}`}
                data-testid="trash-item"
              >
                <AnnotationSummary
                  annotation={annotation}
                  sourceTitle={sourceTitle}
                  quoteId={`trash-quote-${annotation.id}`}
                  meta={
                    annotation.deletedAt
                      ? `Deleted ${formatDate(annotation.deletedAt, true)}`
                      : null
                  }
                />
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-describedby={`trash-quote-${annotation.id}`}
                  onClick={() => void restore(() => actions.restore(annotation), index)}
                >
                  Restore
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}

/**
 * An actor (name and kind), an event (title and date) or a relation (`A — type → B`) in the
 * trash, laid out as a deleted highlight is.
 */
function EntityTrashRow({ item, onRestore }: { item: EntityTrashItem; onRestore: () => void }) {
  const labelId = `trash-${item.kind}-${entityId(item)}`
  const deletedAt = deletedAtOf(item)
  return (
    <li className="review-item" data-testid="trash-item" data-kind={item.kind}>
      <span className="annotation-summary">
        <span className="annotation-summary__source">{kindLine(item)}</span>
        <span className="annotation-summary__quote" id={labelId}>
          {entityLabel(item)}
        </span>
        {item.kind === 'actor' && item.mergedInto ? (
          <span className="annotation-summary__comment">
            Merged into “{item.mergedInto.name}”, which now carries its names and links.
          </span>
        ) : null}
        <span className="annotation-summary__meta">
          {deletedAt ? `Deleted ${formatDate(deletedAt, true)}` : null}
        </span>
      </span>
      <button
        type="button"
        className="button button--secondary button--small"
        aria-describedby={labelId}
        onClick={onRestore}
      >
        Restore
      </button>
    </li>
  )
}

function entityId(item: EntityTrashItem): string {
  if (item.kind === 'actor') return item.actor.id
  if (item.kind === 'event') return item.event.id
  if (item.kind === 'note') return item.note.id
  return item.relation.id
}

function deletedAtOf(item: EntityTrashItem): string | null {
  if (item.kind === 'actor') return item.actor.deletedAt
  if (item.kind === 'event') return item.event.deletedAt
  if (item.kind === 'note') return item.note.deletedAt
  return item.relation.deletedAt
}

/** `Actor · threat actor`, `Event · 2022-07-15`, `Relation · likely`. */
function kindLine(item: EntityTrashItem): string {
  if (item.kind === 'actor') return `Actor · ${item.actor.kind.replace('-', ' ')}`
  if (item.kind === 'event') return `Event · ${describeDate(item.event.occurred)}`
  if (item.kind === 'note') return `Note${item.note.excerpt ? ` · ${item.note.excerpt}` : ''}`
  return `Relation · ${item.relation.confidence}`
}
