import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { PlacedAnnotation } from '../reader/placeAnnotations'

type AnnotationCardProps = {
  placed: PlacedAnnotation
  selected: boolean
  onSelect: () => void
  onSaveComment: (comment: string) => Promise<void>
  onDelete: () => Promise<void>
}

/** One annotation in the inspector: its quote, its comment, and editing or deleting it. */
export function AnnotationCard({
  placed,
  selected,
  onSelect,
  onSaveComment,
  onDelete,
}: AnnotationCardProps) {
  const { annotation, anchor } = placed
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState(annotation.comment)
  const [busy, setBusy] = useState(false)
  const item = useRef<HTMLLIElement>(null)

  useEffect(() => {
    if (selected) item.current?.scrollIntoView?.({ block: 'nearest' })
  }, [selected])

  const startEditing = () => {
    setDraft(annotation.comment)
    setEditing(true)
  }
  const save = async () => {
    setBusy(true)
    try {
      await onSaveComment(draft)
      setEditing(false)
    } catch {
      // The inspector has said why; keep the draft so nothing typed is lost.
    } finally {
      setBusy(false)
    }
  }
  const keys = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      void save()
    } else if (event.key === 'Escape') {
      event.preventDefault()
      setEditing(false)
    }
  }

  return (
    <li
      ref={item}
      className={`annotation-card annotation-card--${annotation.color}`}
      data-testid="inspector-item"
      data-annotation-id={annotation.id}
      aria-current={selected ? 'true' : undefined}
    >
      <button type="button" className="annotation-card__quote" onClick={onSelect}>
        {annotation.target.quote.exact}
      </button>
      {anchor.status === 'orphaned' ? (
        <p className="annotation-card__orphan">Not found in the text any more: {anchor.reason}</p>
      ) : null}
      {editing ? (
        <div className="annotation-card__editor">
          <label className="visually-hidden" htmlFor={`comment-${annotation.id}`}>
            Comment
          </label>
          <textarea
            id={`comment-${annotation.id}`}
            className="text-field"
            data-testid="inspector-comment"
            rows={3}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={keys}
            autoFocus
          />
          <div className="annotation-card__actions">
            <button
              type="button"
              className="button button--quiet"
              onClick={() => setEditing(false)}
            >
              Cancel
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => void save()}
            >
              Save
            </button>
          </div>
        </div>
      ) : (
        <>
          {annotation.comment ? (
            <p className="annotation-card__comment">{annotation.comment}</p>
          ) : (
            <p className="annotation-card__comment annotation-card__comment--empty">No comment</p>
          )}
          <div className="annotation-card__actions">
            <button
              type="button"
              className="button button--quiet button--small"
              onClick={startEditing}
            >
              {annotation.comment ? 'Edit comment' : 'Add comment'}
            </button>
            <button
              type="button"
              className="button button--quiet button--small button--danger"
              disabled={busy}
              onClick={() => void onDelete()}
            >
              Delete
            </button>
          </div>
        </>
      )}
    </li>
  )
}
