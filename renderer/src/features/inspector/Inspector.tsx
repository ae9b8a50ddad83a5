import type { Annotation } from '../../../../shared/model'
import { useClient } from '../../app/clientContext'
import { describeError } from '../../app/describeError'
import { useAnnounce } from '../../app/statusContext'
import type { PlacedAnnotation } from '../reader/placeAnnotations'
import { AnnotationCard } from './AnnotationCard'
import './inspector.css'

type InspectorProps = {
  placed: readonly PlacedAnnotation[]
  selectedId: string | undefined
  onSelect: (id: string) => void
  onChanged: (annotation: Annotation) => void
}

/** The right pane: the open source's annotations, in text order. */
export function Inspector({ placed, selectedId, onSelect, onChanged }: InspectorProps) {
  const client = useClient()
  const announce = useAnnounce()

  const saveComment = async (id: string, comment: string) => {
    try {
      onChanged(await client.call('annotations.update', { id, comment }))
      announce({ message: 'Comment saved.', tone: 'success' })
    } catch (error) {
      announce({ message: `The comment was not saved: ${describeError(error)}`, tone: 'error' })
      throw error
    }
  }
  const remove = async (id: string) => {
    try {
      onChanged(await client.call('annotations.delete', { id }))
      announce({
        message: 'Highlight moved to the trash. It can be restored from there.',
        tone: 'success',
      })
    } catch (error) {
      announce({ message: `The highlight was not deleted: ${describeError(error)}`, tone: 'error' })
    }
  }

  return (
    <div className="inspector">
      <h2 className="pane-heading">
        Highlights <span className="count">{placed.length}</span>
      </h2>
      {placed.length === 0 ? (
        <p className="inspector__empty">
          Select a passage in the text to highlight it and add a comment. Press <kbd>h</kbd> to
          highlight the current selection.
        </p>
      ) : (
        <ol className="inspector__list" aria-label="Highlights of this source">
          {placed.map((item) => (
            <AnnotationCard
              key={item.annotation.id}
              placed={item}
              selected={item.annotation.id === selectedId}
              onSelect={() => onSelect(item.annotation.id)}
              onSaveComment={(comment) => saveComment(item.annotation.id, comment)}
              onDelete={() => remove(item.annotation.id)}
            />
          ))}
        </ol>
      )}
    </div>
  )
}
