import { memo, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { Source } from '../../../../shared/model'
import { describeSource } from './describeSource'
import { useVisibleRows } from './useVisibleRows'
import './library.css'

type LibraryListProps = {
  sources: readonly Source[]
  openId: string | undefined
  onOpen: (id: string) => void
}

/** A row's height until the first row is measured: two lines of text and the row's padding. */
const defaultRowHeight = 44
/** The list's own padding above and below its rows (library.css). */
const padding = { top: 2, bottom: 8 }

/**
 * The library's sources, newest first; arrow keys move between them, Enter opens one. Only the
 * rows in view (and a few either side) are in the page, so a list of 10,000 sources costs what
 * one of 40 does, and re-reading it while an import runs does not hold up the window.
 */
export const LibraryList = memo(function LibraryList({
  sources,
  openId,
  onOpen,
}: LibraryListProps) {
  const viewport = useRef<HTMLDivElement>(null)
  const [rowHeight, setRowHeight] = useState(defaultRowHeight)
  const { start, end } = useVisibleRows(viewport, sources.length, rowHeight)
  const hasRows = sources.length > 0

  // Every row is as tall as the first: measure it once there is one (fonts and themes vary).
  useLayoutEffect(() => {
    const measured = viewport.current?.querySelector('li')?.getBoundingClientRect().height ?? 0
    if (measured > 0) setRowHeight(measured)
  }, [hasRows])

  // A row the arrow keys moved to before it was rendered (keys can outrun a slow frame): it
  // is scrolled to, and focused once it is in the page.
  const pendingFocus = useRef<number>(undefined)
  useLayoutEffect(() => {
    if (pendingFocus.current === undefined) return
    const button = rowButton(viewport.current, pendingFocus.current)
    if (!button) return
    pendingFocus.current = undefined
    button.focus()
  })

  const moveFocus = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    const active = document.activeElement?.closest('li')?.getAttribute('aria-posinset')
    const from = pendingFocus.current ?? (active ? Number(active) - 1 : 0)
    const to = Math.min(
      sources.length - 1,
      Math.max(0, from + (event.key === 'ArrowDown' ? 1 : -1)),
    )
    event.preventDefault()
    const button = rowButton(viewport.current, to)
    if (button) {
      pendingFocus.current = undefined
      button.focus() // scrolls it into view, which moves the rendered rows along
    } else if (viewport.current) {
      pendingFocus.current = to
      scrollToRow(viewport.current, to, rowHeight)
    }
  }

  return (
    <div ref={viewport} className="library-list__viewport">
      {hasRows ? (
        <ul
          className="library-list"
          aria-label="Sources"
          onKeyDown={moveFocus}
          style={{
            paddingTop: padding.top + start * rowHeight,
            paddingBottom: padding.bottom + (sources.length - end) * rowHeight,
          }}
        >
          {sources.slice(start, end).map((source, offset) => (
            <LibraryRow
              key={source.id}
              source={source}
              position={start + offset + 1}
              count={sources.length}
              current={source.id === openId}
              onOpen={onOpen}
            />
          ))}
        </ul>
      ) : (
        <p className="library-list__empty">No sources yet. Import a file to begin.</p>
      )}
    </div>
  )
})

/** The button of the row at `index` (0-based), if that row is in the page. */
function rowButton(viewport: HTMLElement | null, index: number): HTMLButtonElement | null {
  return viewport?.querySelector(`li[aria-posinset="${index + 1}"] button`) ?? null
}

function scrollToRow(viewport: HTMLElement, index: number, rowHeight: number): void {
  const top = padding.top + index * rowHeight
  if (top < viewport.scrollTop) viewport.scrollTop = top
  else if (top + rowHeight > viewport.scrollTop + viewport.clientHeight)
    viewport.scrollTop = top + rowHeight - viewport.clientHeight
}

type LibraryRowProps = {
  source: Source
  /** 1-based, with `count`: a screen reader still hears "3 of 1,500" with most rows absent. */
  position: number
  count: number
  current: boolean
  onOpen: (id: string) => void
}

const LibraryRow = memo(function LibraryRow({
  source,
  position,
  count,
  current,
  onOpen,
}: LibraryRowProps) {
  return (
    <li aria-posinset={position} aria-setsize={count}>
      <button
        type="button"
        className="library-item"
        data-testid="source-item"
        aria-current={current ? 'page' : undefined}
        onClick={() => onOpen(source.id)}
      >
        <span className="library-item__title">{source.title}</span>
        <span className="library-item__meta">{describeSource(source)}</span>
      </button>
    </li>
  )
})
