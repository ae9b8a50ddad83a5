import { useId, useMemo, useState, type KeyboardEvent } from 'react'
import type { RelationEnd } from '../../../../shared/model'
import { useCase } from './caseContext'
import './case.css'
import { NewEntityForm } from './NewEntityForm'
import { matchEntities, type EntityOption } from './matchEntities'

type EntityPickerProps = {
  /** The field's id, for a label outside to name it. */
  id: string
  kinds: readonly RelationEnd['kind'][]
  /** Already chosen: not offered again. */
  exclude?: readonly RelationEnd[]
  onPick: (end: RelationEnd) => void
  placeholder: string
  testId?: string
  /** False: only existing actors and events are offered (no “New …” options). */
  allowCreate?: boolean
}

type Choice = EntityOption | { kind: 'new-actor' | 'new-event'; label: string }

/**
 * Type to find an actor or event by name, alias or title; ArrowUp/ArrowDown and Enter choose.
 * When nothing fits, the last options create one with what was typed.
 */
export function EntityPicker(props: EntityPickerProps) {
  const { id, kinds, exclude = [], onPick, allowCreate = true } = props
  const { actors, events } = useCase()
  const [text, setText] = useState('')
  const [active, setActive] = useState(0)
  const [creating, setCreating] = useState<'actor' | 'event'>()
  const listId = useId()
  const typed = text.trim()

  const choices = useMemo<Choice[]>(() => {
    if (typed === '') return []
    const taken = new Set(exclude.map((end) => `${end.kind}:${end.id}`))
    const found = matchEntities(typed, actors, events, kinds).filter(
      (option) => !taken.has(`${option.kind}:${option.id}`),
    )
    const exact = found.some((option) => option.label.toLowerCase() === typed.toLowerCase())
    const create: Choice[] =
      exact || !allowCreate
        ? []
        : kinds.map((kind) => ({
            kind: kind === 'actor' ? 'new-actor' : 'new-event',
            label: typed,
          }))
    return [...found, ...create]
  }, [typed, actors, events, kinds, exclude, allowCreate])
  const open = choices.length > 0 && creating === undefined

  const choose = (choice: Choice | undefined) => {
    if (!choice) return
    if (!('id' in choice)) {
      setCreating(choice.kind === 'new-actor' ? 'actor' : 'event')
      return
    }
    const { kind, id } = choice
    onPick({ kind, id })
    setText('')
    setActive(0)
  }
  const keys = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!open) return
      event.preventDefault()
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((at) => (at + step + choices.length) % choices.length)
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      // Enter chooses; it never submits the form around the field.
      event.preventDefault()
      if (open) choose(choices[Math.min(active, choices.length - 1)])
    }
  }

  if (creating)
    return (
      <NewEntityForm
        kind={creating}
        name={typed}
        onCreated={(end) => {
          setCreating(undefined)
          setText('')
          onPick(end)
        }}
        onCancel={() => setCreating(undefined)}
      />
    )
  const activeIndex = Math.min(active, choices.length - 1)
  return (
    <div className="entity-picker">
      <input
        id={id}
        className="text-field entity-picker__field"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${listId}-${activeIndex}` : undefined}
        data-testid={props.testId}
        placeholder={props.placeholder}
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          setActive(0)
        }}
        onKeyDown={keys}
      />
      {open ? (
        <ul id={listId} className="entity-picker__list" role="listbox">
          {choices.map((choice, index) => (
            <li
              key={'id' in choice ? `${choice.kind}:${choice.id}` : choice.kind}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === activeIndex}
              className="entity-picker__option"
              data-testid="entity-option"
              // Chosen on mouse down, before the field loses focus.
              onMouseDown={(event) => {
                event.preventDefault()
                choose(choice)
              }}
              onMouseEnter={() => setActive(index)}
            >
              {'id' in choice ? (
                <>
                  <span className="entity-picker__label">{choice.label}</span>
                  <span className="entity-picker__detail">{choice.detail}</span>
                </>
              ) : (
                <span className="entity-picker__label">
                  New {choice.kind === 'new-actor' ? 'actor' : 'event'} “{choice.label}”…
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
