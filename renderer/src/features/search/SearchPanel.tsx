import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { SearchHit } from '../../../../shared/api'
import { isEditableTarget } from '../../app/isEditableTarget'
import { SnippetText } from './SnippetText'
import { useSearch } from './useSearch'
import './search.css'

type SearchPanelProps = {
  onOpen: (hit: SearchHit) => void
  /** What the navigator shows while the search box is empty (the library list). */
  children: ReactNode
}

const groupTitles = {
  actor: 'Actors',
  event: 'Events',
  note: 'Notes',
  source: 'Sources',
  annotation: 'Passages',
} as const

/**
 * The search box and, while it holds a query, its results in place of the library list.
 * `/` focuses it (Ctrl/Cmd+K opens the command palette instead); arrow keys move through the
 * results and Enter opens one.
 */
export function SearchPanel({ onOpen, children }: SearchPanelProps) {
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const input = useRef<HTMLInputElement>(null)
  const list = useRef<HTMLDivElement>(null)
  const { hits, answered, searching, error } = useSearch(query)
  const groups = (['actor', 'event', 'note', 'source', 'annotation'] as const)
    .map((kind) => ({ kind, hits: hits.filter((hit) => hit.kind === kind) }))
    .filter((group) => group.hits.length > 0)
  const ordered = groups.flatMap((group) => group.hits)
  const open = query.trim() !== ''

  useEffect(() => setActive(0), [hits])
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest' })
  }, [active])
  useEffect(() => {
    const keydown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || isEditableTarget(event.target)) return
      event.preventDefault()
      input.current?.focus()
      input.current?.select()
    }
    document.addEventListener('keydown', keydown)
    return () => document.removeEventListener('keydown', keydown)
  }, [])

  const keys = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((at) => Math.min(Math.max(at + step, 0), Math.max(ordered.length - 1, 0)))
    } else if (event.key === 'Enter') {
      const hit = ordered[active]
      if (hit) {
        event.preventDefault()
        onOpen(hit)
      }
    } else if (event.key === 'Escape') {
      event.preventDefault()
      if (query) setQuery('')
      else input.current?.blur()
    }
  }

  let index = -1
  return (
    <>
      <div className="search" role="search">
        <label className="visually-hidden" htmlFor="search-input">
          Search the library
        </label>
        <input
          ref={input}
          id="search-input"
          className="text-field search__input"
          data-testid="search-input"
          type="search"
          role="combobox"
          aria-expanded={open}
          aria-controls="search-results"
          aria-autocomplete="list"
          aria-activedescendant={open && ordered[active] ? `search-option-${active}` : undefined}
          placeholder="Search sources and highlights"
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={keys}
        />
        {query === '' ? (
          <kbd className="search__key" aria-hidden="true">
            /
          </kbd>
        ) : null}
      </div>
      {open ? (
        <div className="search-results-pane">
          <div
            ref={list}
            id="search-results"
            className="search-results"
            role="listbox"
            aria-label="Search results"
            data-testid="search-results"
          >
            {groups.map((group) => (
              <div key={group.kind} role="group" aria-labelledby={`search-group-${group.kind}`}>
                <div
                  id={`search-group-${group.kind}`}
                  className="search-results__group"
                  role="presentation"
                >
                  {groupTitles[group.kind]} <span className="count">{group.hits.length}</span>
                </div>
                {group.hits.map((hit) => {
                  const at = ++index
                  return (
                    <div
                      key={`${hit.kind}:${hit.id}`}
                      id={`search-option-${at}`}
                      className="search-result"
                      role="option"
                      aria-selected={at === active}
                      data-testid="search-result"
                      data-kind={hit.kind}
                      onMouseDown={(event) => event.preventDefault()}
                      onMouseMove={() => setActive(at)}
                      onClick={() => onOpen(hit)}
                    >
                      <div className="search-result__title">{hit.title}</div>
                      <div className="search-result__snippet">
                        <SnippetText text={hit.snippet} highlights={hit.highlights} />
                      </div>
                    </div>
                  )
                })}
              </div>
            ))}
          </div>
          <p className="search-results__note" role="status">
            {error ??
              (searching && answered !== query.trim()
                ? 'Searching…'
                : ordered.length === 0
                  ? `Nothing matches “${query.trim()}”.`
                  : '')}
          </p>
        </div>
      ) : (
        children
      )}
    </>
  )
}
