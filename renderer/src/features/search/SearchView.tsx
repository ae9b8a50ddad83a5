import { useState } from 'react'
import type { SearchHit } from '../../../../shared/api'
import { TlpSchema } from '../../../../shared/model'
import { arrowFocus } from '../../app/arrowFocus'
import { TagInput } from '../annotations/TagInput'
import { EntityChip } from '../case/EntityChip'
import { EntityPicker } from '../case/EntityPicker'
import { SavedSearches } from './SavedSearches'
import {
  draftOf,
  filtersOf,
  noFilters,
  searchKinds,
  toggled,
  type FilterDraft,
} from './searchFilters'
import { SnippetText } from './SnippetText'
import { useSearch } from './useSearch'
import './search.css'

const kindTitles = {
  source: 'Sources',
  annotation: 'Passages',
  note: 'Notes',
  actor: 'Actors',
  event: 'Events',
} as const

/**
 * The full search: words (with "phrases", -exclusions, indicators), and filters by kind, tag,
 * actor or event, TLP, date range, with typo tolerance on demand; searches can be saved.
 */
export function SearchView({ onOpen }: { onOpen: (hit: SearchHit) => void }) {
  const [query, setQuery] = useState('')
  const [draft, setDraft] = useState<FilterDraft>(noFilters)
  const [tagText, setTagText] = useState('')
  const filters = filtersOf(draft)
  const { hits, answered, searching, error } = useSearch(query, filters)
  const groups = searchKinds
    .map((kind) => ({ kind, hits: hits.filter((hit) => hit.kind === kind) }))
    .filter((group) => group.hits.length > 0)
  const asked = query.trim() !== ''

  return (
    <section
      className="review search-view"
      aria-labelledby="search-title"
      data-testid="search-view"
    >
      <h1 id="search-title" className="review__title">
        Search
      </h1>
      <input
        className="text-field search-view__query"
        type="search"
        aria-label="Search words"
        data-testid="search-view-input"
        placeholder='Words, "a phrase", -without, an indicator (hash, IP, domain, CVE)…'
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        autoFocus
      />
      <div className="search-filters" role="group" aria-label="Filters">
        <fieldset className="search-filters__set">
          <legend>Kinds</legend>
          {searchKinds.map((kind) => (
            <label key={kind}>
              <input
                type="checkbox"
                checked={draft.kinds.includes(kind)}
                onChange={() => setDraft({ ...draft, kinds: toggled(draft.kinds, kind) })}
              />{' '}
              {kindTitles[kind]}
            </label>
          ))}
        </fieldset>
        <fieldset className="search-filters__set">
          <legend>TLP</legend>
          {TlpSchema.options.map((marking) => (
            <label key={marking}>
              <input
                type="checkbox"
                checked={draft.tlp.includes(marking)}
                onChange={() => setDraft({ ...draft, tlp: toggled(draft.tlp, marking) })}
              />{' '}
              {marking}
            </label>
          ))}
        </fieldset>
        <div className="search-filters__field">
          <label className="field-label" htmlFor="search-tags">
            Tags (any of)
          </label>
          <TagInput
            id="search-tags"
            tags={draft.tags}
            text={tagText}
            onChange={(tags, text) => {
              setDraft({ ...draft, tags })
              setTagText(text)
            }}
          />
        </div>
        <div className="search-filters__field">
          <label className="field-label" htmlFor="search-entities">
            About actors or events
          </label>
          {draft.entities.length > 0 ? (
            <div className="entity-chips">
              {draft.entities.map((end) => (
                <EntityChip
                  key={`${end.kind}:${end.id}`}
                  end={end}
                  onRemove={() =>
                    setDraft({
                      ...draft,
                      entities: draft.entities.filter((e) => e.id !== end.id),
                    })
                  }
                />
              ))}
            </div>
          ) : null}
          <EntityPicker
            id="search-entities"
            kinds={['actor', 'event']}
            allowCreate={false}
            exclude={draft.entities}
            placeholder="An actor (all its names) or an event"
            onPick={(end) => setDraft({ ...draft, entities: [...draft.entities, end] })}
          />
        </div>
        <div className="search-filters__field search-filters__dates">
          <label>
            From{' '}
            <input
              type="date"
              className="text-field"
              value={draft.from}
              onChange={(event) => setDraft({ ...draft, from: event.target.value })}
            />
          </label>
          <label>
            to{' '}
            <input
              type="date"
              className="text-field"
              value={draft.to}
              onChange={(event) => setDraft({ ...draft, to: event.target.value })}
            />
          </label>
          <label>
            <input
              type="checkbox"
              data-testid="search-typo"
              checked={draft.typo}
              onChange={() => setDraft({ ...draft, typo: !draft.typo })}
            />{' '}
            Allow typos
          </label>
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => setDraft(noFilters)}
          >
            Clear filters
          </button>
        </div>
      </div>
      <SavedSearches
        query={query}
        filters={filters}
        onApply={(saved) => {
          setQuery(saved.query)
          setDraft(draftOf(saved.filters))
        }}
      />
      <div className="search-view__results" aria-live="polite" aria-busy={searching}>
        {error ? (
          <p className="review__empty" role="alert">
            The search failed: {error}
          </p>
        ) : !asked ? (
          <p className="review__empty">
            Type words to search{Object.keys(filters).length > 0 ? ' within the filters' : ''}.
          </p>
        ) : answered !== query.trim() && hits.length === 0 ? null : hits.length === 0 ? (
          <p className="review__empty">Nothing matches.</p>
        ) : (
          groups.map((group) => (
            <section key={group.kind} aria-labelledby={`results-${group.kind}`}>
              <h2 id={`results-${group.kind}`} className="case-page__heading">
                {kindTitles[group.kind]} <span className="count">{group.hits.length}</span>
              </h2>
              <ul className="review-list" onKeyDown={(event) => arrowFocus(event)}>
                {group.hits.map((hit) => (
                  <li key={`${hit.kind}:${hit.id}`}>
                    <button
                      type="button"
                      className="review-item case-item"
                      data-testid="search-view-hit"
                      data-kind={hit.kind}
                      onClick={() => onOpen(hit)}
                    >
                      <span className="case-item__name">{hit.title}</span>
                      <span className="case-item__meta">
                        <SnippetText text={hit.snippet} highlights={hit.highlights} />
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))
        )}
      </div>
    </section>
  )
}
