import { ConfidenceSchema, knownRelationTypes, type Confidence } from '../../../../shared/model'
import { EntityChip } from './EntityChip'
import { EntityPicker } from './EntityPicker'
import type { RelationDraft } from './relationDraft'

type RelationFieldsProps = {
  idPrefix: string
  draft: RelationDraft
  onChange: (draft: RelationDraft) => void
}

/** “Iran — denies → 15 July cyberattack, likely”: the relation a passage is evidence of. */
export function RelationFields({ idPrefix, draft, onChange }: RelationFieldsProps) {
  const typesId = `${idPrefix}-relation-types`
  return (
    <fieldset className="relation-fields" data-testid="relation-fields">
      <legend className="field-label">Relation this passage is evidence of</legend>
      <div className="relation-fields__row">
        <label className="field-label" htmlFor={`${idPrefix}-relation-from`}>
          From actor
        </label>
        {draft.from ? (
          <EntityChip
            end={{ kind: 'actor', id: draft.from }}
            onRemove={() => onChange({ ...draft, from: undefined })}
          />
        ) : (
          <EntityPicker
            id={`${idPrefix}-relation-from`}
            testId="relation-from"
            kinds={['actor']}
            placeholder="Who: type an actor's name"
            onPick={(end) => onChange({ ...draft, from: end.id })}
          />
        )}
      </div>
      <div className="relation-fields__row">
        <label className="field-label" htmlFor={`${idPrefix}-relation-type`}>
          Relation
        </label>
        <input
          id={`${idPrefix}-relation-type`}
          className="text-field"
          data-testid="relation-type"
          list={typesId}
          placeholder="denies, attributed-to, targets… or your own words"
          value={draft.type}
          maxLength={60}
          onChange={(event) => onChange({ ...draft, type: event.target.value })}
        />
        <datalist id={typesId}>
          {knownRelationTypes.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
      </div>
      <div className="relation-fields__row">
        <label className="field-label" htmlFor={`${idPrefix}-relation-to`}>
          To actor or event
        </label>
        {draft.to ? (
          <EntityChip end={draft.to} onRemove={() => onChange({ ...draft, to: undefined })} />
        ) : (
          <EntityPicker
            id={`${idPrefix}-relation-to`}
            testId="relation-to"
            kinds={['event', 'actor']}
            exclude={draft.from ? [{ kind: 'actor', id: draft.from }] : []}
            placeholder="What or whom: type a name or title"
            onPick={(end) => onChange({ ...draft, to: end })}
          />
        )}
      </div>
      <div className="relation-fields__row">
        <label className="field-label" htmlFor={`${idPrefix}-relation-confidence`}>
          Confidence
        </label>
        <select
          id={`${idPrefix}-relation-confidence`}
          className="text-field"
          data-testid="relation-confidence"
          value={draft.confidence}
          onChange={(event) => onChange({ ...draft, confidence: event.target.value as Confidence })}
        >
          {ConfidenceSchema.options.map((word) => (
            <option key={word} value={word}>
              {word}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  )
}
