import type { Editor, Range } from '@tiptap/core'
import type { MentionOptions } from '@tiptap/extension-mention'
import type { RelationEnd } from '../../../../shared/model'

/** What `@` offers: a known actor or event, or a new one named by what was typed. */
export type MentionChoice =
  | (RelationEnd & { label: string; detail: string })
  | { kind: 'new-actor' | 'new-event'; label: string }

type Rect = { left: number; top: number; bottom: number }

export type MentionMenuState = {
  open: boolean
  items: MentionChoice[]
  active: number
  rect: Rect | undefined
  /** A new actor or event being named, and where its mention goes once it exists. */
  creating: { kind: 'actor' | 'event'; name: string; range: Range; editor: Editor } | undefined
}

type Listener = () => void

const closed: MentionMenuState = {
  open: false,
  items: [],
  active: 0,
  rect: undefined,
  creating: undefined,
}

/**
 * The `@` menu between TipTap's suggestion plugin (which calls in from outside React) and the
 * component that draws it (which reads it with useSyncExternalStore).
 */
export class MentionMenuStore {
  private state = closed
  private readonly listeners = new Set<Listener>()
  private choose: ((choice: MentionChoice) => void) | undefined

  subscribe = (listener: Listener) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  snapshot = () => this.state

  /** The suggestion plugin's settings, finding choices with `find`. */
  suggestion(find: (query: string) => MentionChoice[]): MentionOptions['suggestion'] {
    return {
      char: '@',
      items: ({ query }) => find(query),
      command: ({ editor, range, props }) => {
        const choice = props as unknown as MentionChoice
        if (!('id' in choice)) {
          this.set({
            ...closed,
            creating: {
              kind: choice.kind === 'new-actor' ? 'actor' : 'event',
              name: choice.label,
              range,
              editor,
            },
            rect: this.state.rect,
          })
          return
        }
        insertMention(editor, range, choice)
      },
      render: () => ({
        onStart: (props) => {
          this.choose = (choice) => props.command(choice as never)
          this.show(props.items as MentionChoice[], props.clientRect?.())
        },
        onUpdate: (props) => {
          this.choose = (choice) => props.command(choice as never)
          this.show(props.items as MentionChoice[], props.clientRect?.())
        },
        onKeyDown: ({ event }) => this.keyDown(event),
        onExit: () => {
          if (!this.state.creating) this.set(closed)
        },
      }),
    }
  }

  pick(index: number) {
    const choice = this.state.items[index]
    if (choice) this.choose?.(choice)
  }

  hover(index: number) {
    this.set({ ...this.state, active: index })
  }

  /** The new actor or event exists: its mention takes the place of what was typed. */
  created(end: RelationEnd, label: string) {
    const creating = this.state.creating
    this.set(closed)
    if (creating) insertMention(creating.editor, creating.range, { ...end, label })
  }

  cancelCreate() {
    const creating = this.state.creating
    this.set(closed)
    creating?.editor.commands.focus()
  }

  private show(items: MentionChoice[], rect: DOMRect | null | undefined) {
    const active = Math.min(this.state.active, Math.max(0, items.length - 1))
    this.set({
      ...this.state,
      open: items.length > 0,
      items,
      active,
      rect: rect ? { left: rect.left, top: rect.top, bottom: rect.bottom } : this.state.rect,
      creating: undefined,
    })
  }

  private keyDown(event: KeyboardEvent): boolean {
    if (!this.state.open) return false
    const count = this.state.items.length
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1
      this.set({ ...this.state, active: (this.state.active + step + count) % count })
      return true
    }
    if (event.key === 'Enter' || event.key === 'Tab') {
      this.pick(this.state.active)
      return true
    }
    if (event.key === 'Escape') {
      this.set(closed)
      return true
    }
    return false
  }

  private set(next: MentionMenuState) {
    this.state = next
    for (const listener of this.listeners) listener()
  }
}

function insertMention(editor: Editor, range: Range, end: RelationEnd & { label: string }) {
  editor
    .chain()
    .focus()
    .insertContentAt(range, [
      { type: 'mention', attrs: { id: end.id, kind: end.kind, label: end.label } },
      { type: 'text', text: ' ' },
    ])
    .run()
}
