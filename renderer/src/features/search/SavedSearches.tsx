import { useCallback, useState, type FormEvent } from 'react'
import type { MethodOutput } from '../../../../shared/api'
import type { Client } from '../../../../shared/rpc'
import { useClient } from '../../app/clientContext'
import { useAttempt } from '../../app/useAttempt'
import { useLibraryQuery } from '../../app/useLibraryQuery'
import type { SearchFilters } from './useSearch'

export type SavedSearch = MethodOutput<'searches.list'>['searches'][number]

const listSaved = async (client: Client) => (await client.call('searches.list', {})).searches

type SavedSearchesProps = {
  query: string
  filters: SearchFilters
  onApply: (saved: SavedSearch) => void
}

/** Searches kept by name: save the one on screen, run a kept one again, or forget it. */
export function SavedSearches({ query, filters, onApply }: SavedSearchesProps) {
  const client = useClient()
  const attempt = useAttempt()
  const { data: saved } = useLibraryQuery<SavedSearch[]>(listSaved, [], ['searches'])
  const [name, setName] = useState('')
  const canSave = query.trim() !== '' || Object.keys(filters).length > 0

  const save = useCallback(
    (event: FormEvent) => {
      event.preventDefault()
      if (name.trim() === '' || !canSave) return
      void attempt('The search was not saved', () =>
        client.call('searches.save', { name: name.trim(), query: query.trim(), filters }),
      ).then(
        () => setName(''),
        () => {},
      )
    },
    [attempt, client, name, query, filters, canSave],
  )

  return (
    <div className="saved-searches">
      <form className="saved-searches__save" onSubmit={save} aria-label="Save this search">
        <input
          className="text-field"
          aria-label="Name of the saved search"
          data-testid="saved-search-name"
          placeholder="Name this search to keep it"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button
          type="submit"
          className="button button--secondary button--small"
          disabled={!canSave}
        >
          Save search
        </button>
      </form>
      {saved.length > 0 ? (
        <ul className="saved-searches__list" aria-label="Saved searches">
          {saved.map((search) => (
            <li key={search.id} className="saved-searches__item">
              <button
                type="button"
                className="button button--quiet button--small"
                data-testid="saved-search"
                onClick={() => onApply(search)}
              >
                {search.name}
              </button>
              <button
                type="button"
                className="tag-chip__remove"
                aria-label={`Forget the saved search ${search.name}`}
                onClick={() =>
                  void attempt('The saved search was not removed', () =>
                    client.call('searches.delete', { id: search.id }),
                  ).catch(() => {})
                }
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
