import type { Annotation } from '../../../../shared/model'
import type { AnnotationDraft } from '../annotations/annotationDraft'
import { useAnnotationActions } from '../annotations/useAnnotationActions'
import type { Repair } from '../annotations/useRepair'
import type { PlacedAnnotation } from '../reader/placeAnnotations'
import { AnnotationCard } from './AnnotationCard'
import { MentionsPanel } from './MentionsPanel'
import './inspector.css'

type InspectorProps = {
  /** The open source and its text. */
  sourceId: string
  text: string
  placed: readonly PlacedAnnotation[]
  selectedId: string | undefined
  onSelect: (id: string) => void
  onChanged: (annotation: Annotation) => void
  repair: Repair
  onQuote: (annotation: Annotation) => void
}

/**
 * The right pane: the open source's annotations in text order, then those the text lost, then the
 * known actors it mentions.
 */
export function Inspector(props: InspectorProps) {
  const { placed, selectedId, onSelect, onChanged, repair } = props
  const actions = useAnnotationActions()
  const anchored = placed.filter((item) => item.anchor.status !== 'orphaned')
  const orphaned = placed.filter((item) => item.anchor.status === 'orphaned')

  const save = async (annotation: Annotation, draft: AnnotationDraft) => {
    const { comment, tags, color, links, credibility, tlp } = draft
    onChanged(
      await actions.update(annotation, {
        comment,
        tags,
        color,
        links,
        ...(credibility === undefined ? {} : { credibility }),
        ...(tlp === undefined ? {} : { tlp }),
      }),
    )
  }
  const remove = async (annotation: Annotation) => {
    try {
      onChanged(await actions.remove(annotation))
    } catch {
      // Announced in the status line.
    }
  }
  const confirmRepair = async (annotation: Annotation) => {
    const repaired = await repair.confirm(annotation)
    if (repaired) {
      onChanged(repaired)
      onSelect(repaired.id)
    }
  }

  const card = (item: PlacedAnnotation) => {
    const { annotation } = item
    return (
      <AnnotationCard
        key={annotation.id}
        placed={item}
        selected={annotation.id === selectedId}
        onSelect={() => onSelect(annotation.id)}
        onSave={(draft) => save(annotation, draft)}
        onDelete={() => remove(annotation)}
        onQuote={() => props.onQuote(annotation)}
        repairing={repair.id === annotation.id ? { quote: repair.quote } : undefined}
        onStartRepair={() => {
          onSelect(annotation.id)
          repair.start(annotation.id)
        }}
        onCancelRepair={repair.cancel}
        onConfirmRepair={() => confirmRepair(annotation)}
      />
    )
  }

  return (
    <div className="inspector">
      <h2 className="pane-heading">
        Highlights <span className="count">{placed.length}</span>
      </h2>
      {placed.length === 0 ? (
        <p className="inspector__empty">
          Select a passage in the text and press <kbd>h</kbd> to highlight it, or <kbd>c</kbd> to
          comment on it.
        </p>
      ) : null}
      {anchored.length > 0 ? (
        <ol className="inspector__list" aria-label="Highlights of this source">
          {anchored.map(card)}
        </ol>
      ) : null}
      {orphaned.length > 0 ? (
        <section aria-labelledby="orphans-heading">
          <h3 id="orphans-heading" className="pane-heading inspector__subheading">
            Not found in this text <span className="count">{orphaned.length}</span>
          </h3>
          <p className="inspector__note">
            Their passages changed or went away in this version. Re-select a passage to attach one
            again.
          </p>
          <ol className="inspector__list" aria-label="Highlights not found in this text">
            {orphaned.map(card)}
          </ol>
        </section>
      ) : null}
      <MentionsPanel
        sourceId={props.sourceId}
        text={props.text}
        placed={placed}
        onCreated={(annotation) => {
          onChanged(annotation)
          onSelect(annotation.id)
        }}
      />
    </div>
  )
}
