import { useCallback, useState } from 'react'
import type { BriefScope, RelationEnd, SavedSearch } from '../../../../shared/model'
import type { Client } from '../../../../shared/rpc'
import { useLibraryQuery } from '../../app/useLibraryQuery'
import { TagInput } from '../annotations/TagInput'
import { useCase } from '../case/caseContext'
import { EntityPicker } from '../case/EntityPicker'
import { BriefNotePicker } from './BriefNotePicker'
import { usePassageLabels } from './usePassageLabels'

const listSearches = async (client: Client) => (await client.call('searches.list', {})).searches

type BriefScopeFieldsProps = {
  scope: BriefScope
  onChange: (scope: BriefScope) => void
}

/** The scope: actors and events, tags, a saved search, passages and notes picked by hand. */
export function BriefScopeFields({ scope, onChange }: BriefScopeFieldsProps) {
  const { labelOf } = useCase()
  const [tagText, setTagText] = useState('')
  const searches = useLibraryQuery<SavedSearch[]>(listSearches, [], ['searches'])
  const passages = usePassageLabels(scope.annotationIds)
  const chosen: RelationEnd[] = [
    ...scope.actorIds.map((id): RelationEnd => ({ kind: 'actor', id })),
    ...scope.eventIds.map((id): RelationEnd => ({ kind: 'event', id })),
  ]
  const pick = useCallback(
    (end: RelationEnd) =>
      onChange(
        end.kind === 'actor'
          ? { ...scope, actorIds: [...scope.actorIds, end.id] }
          : { ...scope, eventIds: [...scope.eventIds, end.id] },
      ),
    [scope, onChange],
  )
  const unpick = (end: RelationEnd) =>
    onChange(
      end.kind === 'actor'
        ? { ...scope, actorIds: scope.actorIds.filter((id) => id !== end.id) }
        : { ...scope, eventIds: scope.eventIds.filter((id) => id !== end.id) },
    )
  const empty =
    chosen.length === 0 &&
    scope.tags.length === 0 &&
    scope.savedSearchId === null &&
    scope.annotationIds.length === 0 &&
    scope.noteIds.length === 0
  const searchGone =
    scope.savedSearchId !== null &&
    searches.loaded &&
    !searches.data.some((search) => search.id === scope.savedSearchId)

  return (
    <fieldset className="brief-fieldset" data-testid="brief-scope">
      <legend className="brief-composer__heading">Scope</legend>
      <p className="hint">
        {empty
          ? 'Nothing chosen: the brief covers the whole case.'
          : 'The passages linked to these actors and events, carrying these tags, found by the search or picked by hand (alone or quoted in a note picked by hand), and the evidence of their relations.'}
      </p>

      <label className="field-label" htmlFor="brief-entities">
        Actors and events
      </label>
      {chosen.length > 0 ? (
        <ul className="brief-chips" aria-label="Chosen actors and events">
          {chosen.map((end) => (
            <li key={`${end.kind}:${end.id}`} className="tag-chip" data-testid="scope-entity">
              <span aria-hidden="true">{end.kind === 'actor' ? '●' : '◆'}</span>
              {labelOf(end)}
              <button
                type="button"
                className="tag-chip__remove"
                aria-label={`Remove ${labelOf(end)} from the scope`}
                onClick={() => unpick(end)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <EntityPicker
        id="brief-entities"
        kinds={['actor', 'event']}
        exclude={chosen}
        onPick={pick}
        allowCreate={false}
        placeholder="Type an actor's name or an event's title"
        testId="brief-scope-entities"
      />

      <label className="field-label" htmlFor="brief-tags">
        Tags
      </label>
      <TagInput
        id="brief-tags"
        tags={scope.tags}
        text={tagText}
        testId="brief-scope-tags"
        onChange={(tags, text) => {
          setTagText(text)
          if (tags.join('\n') !== scope.tags.join('\n')) onChange({ ...scope, tags })
        }}
      />

      <label className="field-label" htmlFor="brief-search">
        Saved search
      </label>
      <select
        id="brief-search"
        className="text-field"
        data-testid="brief-scope-search"
        value={scope.savedSearchId ?? ''}
        onChange={(event) =>
          onChange({
            ...scope,
            savedSearchId: event.target.value === '' ? null : event.target.value,
          })
        }
      >
        <option value="">None</option>
        {searches.data.map((search) => (
          <option key={search.id} value={search.id}>
            {search.name}
          </option>
        ))}
        {searchGone ? <option value={scope.savedSearchId ?? ''}>(a deleted search)</option> : null}
      </select>
      {searches.error ? (
        <p className="form-error">The saved searches could not be read: {searches.error}</p>
      ) : null}

      <h4 className="field-label">Passages picked by hand</h4>
      {scope.annotationIds.length > 0 ? (
        <ul
          className="brief-picked"
          aria-label="Passages picked by hand"
          data-testid="brief-passages"
        >
          {scope.annotationIds.map((id) => (
            <li key={id} className="brief-outline__item" data-testid="brief-passage">
              <span className="brief-outline__text">{passages.get(id) ?? '…'}</span>
              <button
                type="button"
                className="button button--quiet button--small"
                aria-label={`Remove the passage ${passages.get(id) ?? ''} from the scope`}
                onClick={() =>
                  onChange({
                    ...scope,
                    annotationIds: scope.annotationIds.filter((other) => other !== id),
                  })
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint brief-fields__hint">
          None. Pick one with “Add to brief…” on a highlight in the inspector.
        </p>
      )}

      <BriefNotePicker
        noteIds={scope.noteIds}
        onChange={(noteIds) => onChange({ ...scope, noteIds })}
      />
    </fieldset>
  )
}
