import type { KeyboardEvent } from 'react'
import type { Source } from '../../../../shared/model'
import { describeSource } from './describeSource'
import './library.css'

type LibraryListProps = {
  sources: readonly Source[]
  openId: string | undefined
  onOpen: (id: string) => void
}

/** The library's sources, newest first; arrow keys move between them, Enter opens one. */
export function LibraryList({ sources, openId, onOpen }: LibraryListProps) {
  const moveFocus = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button')]
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement)
    const next = buttons[event.key === 'ArrowDown' ? at + 1 : Math.max(0, at - 1)]
    if (next) {
      event.preventDefault()
      next.focus()
    }
  }
  if (sources.length === 0) {
    return <p className="library-list__empty">No sources yet. Import a file to begin.</p>
  }
  return (
    <ul className="library-list" aria-label="Sources" onKeyDown={moveFocus}>
      {sources.map((source) => (
        <li key={source.id}>
          <button
            type="button"
            className="library-item"
            data-testid="source-item"
            aria-current={source.id === openId ? 'page' : undefined}
            onClick={() => onOpen(source.id)}
          >
            <span className="library-item__title">{source.title}</span>
            <span className="library-item__meta">{describeSource(source)}</span>
          </button>
        </li>
      ))}
    </ul>
  )
}
