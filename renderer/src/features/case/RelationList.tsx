import type { LinkedAnnotation } from '../../../../shared/api'
import type { Annotation, Relation } from '../../../../shared/model'
import { useCase } from './caseContext'
import { EntityChip } from './EntityChip'
import { useCaseActions } from './useCaseActions'

type RelationListProps = {
  relations: readonly Relation[]
  /** Passages known to the page, by id, to show each relation's evidence. */
  passages: ReadonlyMap<string, LinkedAnnotation>
  onOpenPassage: (annotation: Annotation) => void
}

/** Relations as sentences (“Iran — denies → 15 July cyberattack · likely”) with their evidence. */
export function RelationList({ relations, passages, onOpenPassage }: RelationListProps) {
  const { labelOf } = useCase()
  const actions = useCaseActions()
  if (relations.length === 0)
    return (
      <p className="review__empty">
        No relations yet. Select a passage in a source and add the relation it is evidence of.
      </p>
    )
  return (
    <ul className="relation-list" aria-label="Relations">
      {relations.map((relation) => {
        const sentence = `${labelOf(relation.from)} — ${relation.type} → ${labelOf(relation.to)}`
        const shown = relation.evidence.flatMap((id) => passages.get(id) ?? [])
        return (
          <li key={relation.id} className="relation" data-testid="relation-item">
            <p className="relation__sentence" aria-label={`${sentence}, ${relation.confidence}`}>
              <EntityChip end={relation.from} />
              <span className="relation__type">— {relation.type} →</span>
              <EntityChip end={relation.to} />
              <span className="relation__confidence">{relation.confidence}</span>
            </p>
            {relation.note ? <p className="relation__note">{relation.note}</p> : null}
            <p className="relation__evidence-count hint">
              {relation.evidence.length === 0
                ? 'No passage given as evidence.'
                : relation.evidence.length === 1
                  ? 'Evidence: 1 passage'
                  : `Evidence: ${relation.evidence.length} passages`}
            </p>
            {shown.length > 0 ? (
              <ul className="relation__evidence" aria-label={`Evidence for ${sentence}`}>
                {shown.map(({ annotation, sourceTitle }) => (
                  <li key={annotation.id}>
                    <button
                      type="button"
                      className="relation__quote"
                      data-testid="relation-evidence"
                      onClick={() => onOpenPassage(annotation)}
                    >
                      “{annotation.target.quote.exact}”{' '}
                      <span className="relation__source">— {sourceTitle}</span>
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
            <button
              type="button"
              className="button button--quiet button--small button--danger"
              onClick={() => void actions.deleteRelation(relation, sentence).catch(() => {})}
            >
              Delete relation
            </button>
          </li>
        )
      })}
    </ul>
  )
}
