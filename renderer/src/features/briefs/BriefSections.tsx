import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { BriefSection } from '../../../../shared/model'
import { moveSection, sectionHints, sectionNames } from './briefSections'

type BriefSectionsProps = {
  /** Every section, in the order shown. */
  order: readonly BriefSection[]
  included: readonly BriefSection[]
  onChange: (order: BriefSection[], included: BriefSection[]) => void
}

/**
 * The sections after the intro: a checkbox includes each, Move up / Move down (or Alt+↑ / Alt+↓
 * on any of its controls) reorder them; each move is announced and the focus follows the section.
 */
export function BriefSections({ order, included, onChange }: BriefSectionsProps) {
  const [said, setSaid] = useState('')
  const list = useRef<HTMLOListElement>(null)
  /** The control to focus once a moved section is drawn in its new place. */
  const refocus = useRef<{ section: BriefSection; control: string } | undefined>(undefined)

  useEffect(() => {
    const wanted = refocus.current
    if (!wanted) return
    refocus.current = undefined
    const row = list.current?.querySelector(`[data-section="${wanted.section}"]`)
    const control =
      row?.querySelector<HTMLElement>(`[data-control="${wanted.control}"]:not(:disabled)`) ??
      row?.querySelector<HTMLElement>('input')
    control?.focus()
  }, [order])

  const move = (section: BriefSection, step: -1 | 1, control: string) => {
    const from = order.indexOf(section)
    const next = moveSection(order, from, step)
    const to = next.indexOf(section)
    if (to === from) {
      setSaid(`${sectionNames[section]} is already ${step < 0 ? 'first' : 'last'}.`)
      return
    }
    refocus.current = { section, control }
    setSaid(`${sectionNames[section]} moved to position ${to + 1} of ${next.length}.`)
    onChange(
      next,
      next.filter((candidate) => included.includes(candidate)),
    )
  }
  const toggle = (section: BriefSection, on: boolean) => {
    const next = order.filter((candidate) =>
      candidate === section ? on : included.includes(candidate),
    )
    setSaid(`${sectionNames[section]} ${on ? 'included' : 'left out'}.`)
    onChange([...order], next)
  }
  const keys = (event: KeyboardEvent<HTMLElement>, section: BriefSection) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return
    event.preventDefault()
    const target = event.target as HTMLElement
    move(section, event.key === 'ArrowUp' ? -1 : 1, target.dataset.control ?? 'include')
  }

  return (
    <div className="brief-sections">
      <p className="hint" id="brief-sections-hint">
        Tick the sections to export. Reorder with the arrows, or <kbd>Alt</kbd>+<kbd>↑</kbd> /{' '}
        <kbd>Alt</kbd>+<kbd>↓</kbd>.
      </p>
      <ol
        ref={list}
        className="brief-sections__list"
        aria-label="Sections"
        aria-describedby="brief-sections-hint"
      >
        {order.map((section, index) => {
          const name = sectionNames[section]
          const on = included.includes(section)
          return (
            <li
              key={section}
              className={`brief-section${on ? '' : ' brief-section--off'}`}
              data-section={section}
              data-testid="brief-section"
              onKeyDown={(event) => keys(event, section)}
            >
              <label className="brief-section__label">
                <input
                  type="checkbox"
                  data-control="include"
                  data-testid={`section-${section}`}
                  checked={on}
                  onChange={(event) => toggle(section, event.target.checked)}
                />
                <span className="brief-section__name">{name}</span>
                <span className="brief-section__hint">{sectionHints[section]}</span>
              </label>
              <button
                type="button"
                className="button button--quiet button--small"
                data-control="up"
                aria-label={`Move ${name} up`}
                aria-keyshortcuts="Alt+ArrowUp"
                disabled={index === 0}
                onClick={() => move(section, -1, 'up')}
              >
                ↑
              </button>
              <button
                type="button"
                className="button button--quiet button--small"
                data-control="down"
                aria-label={`Move ${name} down`}
                aria-keyshortcuts="Alt+ArrowDown"
                disabled={index === order.length - 1}
                onClick={() => move(section, 1, 'down')}
              >
                ↓
              </button>
            </li>
          )
        })}
      </ol>
      <p className="visually-hidden" role="status" data-testid="sections-said">
        {said}
      </p>
    </div>
  )
}
