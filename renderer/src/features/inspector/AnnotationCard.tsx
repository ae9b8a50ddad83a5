import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { AnnotationFields } from '../annotations/AnnotationFields'
import {
  draftChanges,
  draftOf,
  draftTags,
  type AnnotationDraft,
} from '../annotations/annotationDraft'
import { describeAnchor } from '../annotations/describeAnchor'
import { TagChips } from '../annotations/TagInput'
import { AddToBriefButton } from '../briefs/AddToBriefButton'
import { EntityChips } from '../case/EntityChip'
import { linksOf } from '../annotations/annotationDraft'
import type { PlacedAnnotation } from '../reader/placeAnnotations'
import { RepairPanel } from './RepairPanel'

type AnnotationCardProps = {
  placed: PlacedAnnotation
  selected: boolean
  onSelect: () => void
  onSave: (draft: AnnotationDraft) => Promise<void>
  onDelete: () => Promise<void>
  /** Re-selecting this annotation's passage: the passage chosen so far, if any. */
  repairing: { quote: string | undefined } | undefined
  onStartRepair: () => void
  /** Cites this passage in a note. */
  onQuote: () => void
  onCancelRepair: () => void
  onConfirmRepair: () => Promise<void>
}

/** One annotation in the inspector: quote, how well it is anchored, comment, tags; edit or delete. */
export function AnnotationCard(props: AnnotationCardProps) {
  const { placed, selected, onSelect, onDelete, repairing } = props
  const { annotation, anchor } = placed
  const [draft, setDraft] = useState<AnnotationDraft>()
  const [busy, setBusy] = useState(false)
  const item = useRef<HTMLLIElement>(null)
  const anchorNote = describeAnchor(anchor)

  useEffect(() => {
    if (selected) item.current?.scrollIntoView?.({ block: 'nearest' })
  }, [selected])

  const save = async () => {
    if (!draft) return
    if (!draftChanges(annotation, draft)) {
      setDraft(undefined)
      return
    }
    setBusy(true)
    try {
      await props.onSave({ ...draft, tags: draftTags(draft), tagText: '' })
      setDraft(undefined)
    } catch {
      // The status line has said why; keep the draft so nothing typed is lost.
    } finally {
      setBusy(false)
    }
  }
  const keys = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      void save()
    } else if (event.key === 'Escape') {
      event.preventDefault()
      setDraft(undefined)
    }
  }

  return (
    <li
      ref={item}
      className={`annotation-card annotation-card--${annotation.color} annotation-card--${anchor.status}`}
      data-testid="inspector-item"
      data-annotation-id={annotation.id}
      data-anchor={anchor.status}
      aria-current={selected ? 'true' : undefined}
    >
      <button type="button" className="annotation-card__quote" onClick={onSelect}>
        {annotation.target.quote.exact}
      </button>
      {anchorNote ? (
        <p className={`annotation-card__anchor annotation-card__anchor--${anchor.status}`}>
          {anchorNote}
        </p>
      ) : null}
      {repairing ? (
        <RepairPanel
          quote={repairing.quote}
          onCancel={props.onCancelRepair}
          onConfirm={props.onConfirmRepair}
        />
      ) : null}
      {draft ? (
        <div className="annotation-card__editor" onKeyDown={keys}>
          <AnnotationFields
            idPrefix={`annotation-${annotation.id}`}
            testIdPrefix="inspector"
            draft={draft}
            onChange={setDraft}
            autoFocus
            markings
          />
          <div className="annotation-card__actions">
            <button
              type="button"
              className="button button--quiet"
              onClick={() => setDraft(undefined)}
            >
              Cancel
            </button>
            <button
              type="button"
              className="button button--primary"
              data-testid="inspector-save"
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
          <TagChips tags={annotation.tags} />
          <EntityChips links={linksOf(annotation)} />
          {annotation.credibility !== undefined || annotation.tlp !== undefined ? (
            <p className="annotation-card__markings" data-testid="annotation-markings">
              {[
                annotation.credibility === undefined
                  ? undefined
                  : `Credibility ${annotation.credibility}`,
                annotation.tlp === undefined ? undefined : `TLP:${annotation.tlp}`,
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
          ) : null}
          <div className="annotation-card__actions">
            {anchorNote && !repairing ? (
              <button
                type="button"
                className="button button--quiet button--small annotation-card__repair-start"
                onClick={props.onStartRepair}
              >
                Re-select passage
              </button>
            ) : null}
            {anchor.status !== 'orphaned' ? (
              <button
                type="button"
                className="button button--quiet button--small"
                data-testid="quote-in-note"
                onClick={props.onQuote}
              >
                Quote in note
              </button>
            ) : null}
            <AddToBriefButton kind="annotation" id={annotation.id} />
            <button
              type="button"
              className="button button--quiet button--small"
              onClick={() => setDraft(draftOf(annotation))}
            >
              Edit
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
