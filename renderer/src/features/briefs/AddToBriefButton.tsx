import * as Popover from '@radix-ui/react-popover'
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { formatDate } from '../library/describeSource'
import { useAddToBrief, type BriefPickKind } from './useAddToBrief'
import { useBriefs } from './useBriefs'
import './briefs.css'

type AddToBriefButtonProps = {
  kind: BriefPickKind
  /** The passage's (annotation's) or note's id. */
  id: string
  className?: string
}

/**
 * “Add to brief…”: a menu of the saved briefs, most recently changed first, and “New brief”;
 * the one chosen gets the passage or note in its hand-picked scope. Enter or ArrowDown opens it,
 * the arrows move, Enter chooses, Escape closes.
 */
export function AddToBriefButton({ kind, id, className }: AddToBriefButtonProps) {
  const [open, setOpen] = useState(false)
  const { addTo, addToNew } = useAddToBrief(kind, id)
  const choose = (briefId: string | undefined) => {
    setOpen(false)
    void (briefId === undefined ? addToNew() : addTo(briefId))
  }
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <button
          type="button"
          className={className ?? 'button button--quiet button--small'}
          data-testid="add-to-brief"
          aria-haspopup="menu"
          onKeyDown={(event) => {
            if (event.key !== 'ArrowDown') return
            event.preventDefault()
            setOpen(true)
          }}
        >
          Add to brief…
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          className="popover add-to-brief"
          side="bottom"
          align="end"
          sideOffset={4}
          // The menu puts the focus on its first brief once the briefs are read.
          onOpenAutoFocus={(event) => event.preventDefault()}
        >
          <BriefMenu kind={kind} id={id} onChoose={choose} />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  )
}

type BriefMenuProps = {
  kind: BriefPickKind
  id: string
  /** A saved brief's id, or undefined for a new brief. */
  onChoose: (briefId: string | undefined) => void
}

/** The briefs to choose from; read only while the menu is open. */
function BriefMenu({ kind, id, onChoose }: BriefMenuProps) {
  const { data: briefs, loaded, error } = useBriefs()
  const menu = useRef<HTMLDivElement>(null)
  const titleId = useId()

  // Focus on the menu at once (so that Escape and the arrows work), on its first item when read.
  useEffect(() => {
    const items = menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')
    const first = loaded ? items?.[0] : undefined
    ;(first ?? menu.current)?.focus()
  }, [loaded])

  const keys = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
    const at = items.indexOf(document.activeElement as HTMLElement)
    const to =
      event.key === 'ArrowDown'
        ? (at + 1) % items.length
        : event.key === 'ArrowUp'
          ? (at - 1 + items.length) % items.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? items.length - 1
              : undefined
    if (to !== undefined) {
      event.preventDefault()
      items[to]?.focus()
    } else if ((event.key === 'Enter' || event.key === ' ') && at >= 0) {
      event.preventDefault()
      items[at]?.click()
    }
  }

  const noun = kind === 'annotation' ? 'passage' : 'note'
  return (
    <div
      ref={menu}
      className="add-to-brief__menu"
      role="menu"
      aria-labelledby={titleId}
      tabIndex={-1}
      data-testid="add-to-brief-menu"
      onKeyDown={keys}
    >
      <p className="add-to-brief__title" id={titleId}>
        Add this {noun} to a brief
      </p>
      {error ? (
        <p className="form-error" role="alert">
          The briefs could not be read: {error}
        </p>
      ) : !loaded ? (
        <p className="hint">Reading the briefs…</p>
      ) : null}
      {briefs.map((brief) => {
        const has = (
          kind === 'annotation' ? brief.scope.annotationIds : brief.scope.noteIds
        ).includes(id)
        return (
          <div
            key={brief.id}
            className="add-to-brief__item"
            role="menuitem"
            tabIndex={-1}
            data-testid="add-to-brief-item"
            onClick={() => onChoose(brief.id)}
          >
            <span className="add-to-brief__name">{brief.title}</span>
            <span className="add-to-brief__meta">
              TLP:{brief.tlp} ·{' '}
              {has ? `has this ${noun}` : `changed ${formatDate(brief.updatedAt, true)}`}
            </span>
          </div>
        )
      })}
      {loaded ? (
        <>
          {briefs.length > 0 ? <div className="add-to-brief__separator" role="separator" /> : null}
          <div
            className="add-to-brief__item add-to-brief__item--new"
            role="menuitem"
            tabIndex={-1}
            data-testid="add-to-brief-new"
            onClick={() => onChoose(undefined)}
          >
            <span className="add-to-brief__name">New brief</span>
            <span className="add-to-brief__meta">with only this {noun}</span>
          </div>
        </>
      ) : null}
    </div>
  )
}
