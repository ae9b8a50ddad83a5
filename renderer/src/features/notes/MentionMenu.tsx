import { useSyncExternalStore } from 'react'
import { NewEntityForm } from '../case/NewEntityForm'
import type { MentionMenuStore } from './mentionMenuStore'

/** The `@` menu under the caret, and the form that names a new actor or event in place. */
export function MentionMenu({ store }: { store: MentionMenuStore }) {
  const state = useSyncExternalStore(store.subscribe, store.snapshot)
  const at = state.rect ? { left: state.rect.left, top: state.rect.bottom + 4 } : undefined
  if (state.creating && at)
    return (
      <div className="mention-menu mention-menu--form" style={at}>
        <NewEntityForm
          kind={state.creating.kind}
          name={state.creating.name}
          onCreated={(end, label) => store.created(end, label)}
          onCancel={() => store.cancelCreate()}
        />
      </div>
    )
  if (!state.open || !at) return null
  return (
    <ul className="mention-menu" role="listbox" aria-label="Mention" style={at}>
      {state.items.map((item, index) => (
        <li
          key={'id' in item ? `${item.kind}:${item.id}` : item.kind}
          role="option"
          aria-selected={index === state.active}
          className="entity-picker__option"
          data-testid="mention-option"
          onMouseDown={(event) => {
            event.preventDefault()
            store.pick(index)
          }}
          onMouseEnter={() => store.hover(index)}
        >
          {'id' in item ? (
            <>
              <span className="entity-picker__label">{item.label}</span>
              <span className="entity-picker__detail">{item.detail}</span>
            </>
          ) : (
            <span className="entity-picker__label">
              New {item.kind === 'new-actor' ? 'actor' : 'event'} “{item.label}”…
            </span>
          )}
        </li>
      ))}
    </ul>
  )
}
