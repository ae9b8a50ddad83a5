import * as Popover from '@radix-ui/react-popover'
import {
  useEffect,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react'
import type { Annotation } from '../../../../shared/model'
import { describeError } from '../../app/describeError'
import { modifierKeyLabel } from '../../app/modifierKey'
import type { AnnotationDraft } from '../annotations/annotationDraft'
import { AnnotationFields } from '../annotations/AnnotationFields'
import { emptyRelationDraft } from '../case/relationDraft'
import { RelationFields } from '../case/RelationFields'

export type Measurable = { getBoundingClientRect(): DOMRect }

/** A selection not saved yet, or a highlight just made with `h` that may take a comment. */
export type PopoverTarget =
  { kind: 'new'; start: number; end: number } | { kind: 'saved'; annotation: Annotation }

export type PopoverState = {
  target: PopoverTarget
  draft: AnnotationDraft
  /** Bumped to move the keyboard into the comment (the `c` key); 0 leaves focus where it is. */
  focus: number
}

type HighlightPopoverProps = {
  state: PopoverState | undefined
  /** A virtual anchor at the passage. */
  anchor: RefObject<Measurable | null>
  quote: string
  onDraftChange: (draft: AnnotationDraft) => void
  onSave: () => Promise<void>
  onClose: () => void
}

/**
 * The popover over a passage: comment, tags, linked actors and events, colour, and optionally a
 * relation the passage is evidence of; then Save (Ctrl/Cmd+Enter) or Escape.
 * It never takes the keyboard by itself, so `h` and `c` keep working while it is open.
 */
export function HighlightPopover({ state, anchor, ...form }: HighlightPopoverProps) {
  const saved = state?.target.kind === 'saved'
  return (
    <Popover.Root open={state !== undefined} onOpenChange={(next) => !next && form.onClose()}>
      <Popover.Anchor virtualRef={anchor} />
      <Popover.Portal>
        <Popover.Content
          className="highlight-popover"
          side="bottom"
          align="start"
          sideOffset={6}
          collisionPadding={12}
          aria-label={saved ? 'Highlight' : 'New highlight'}
          onOpenAutoFocus={(event) => event.preventDefault()}
        >
          {/* Remounted per passage, so a half-typed comment or an old error never carries over. */}
          {state ? <HighlightForm key={keyOf(state.target)} state={state} {...form} /> : null}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  )
}

function keyOf(target: PopoverTarget): string {
  return target.kind === 'new' ? `${target.start}-${target.end}` : target.annotation.id
}

function HighlightForm({
  state,
  quote,
  onDraftChange,
  onSave,
  onClose,
}: Omit<HighlightPopoverProps, 'anchor' | 'state'> & { state: PopoverState }) {
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string>()
  const comment = useRef<HTMLTextAreaElement>(null)
  const saved = state.target.kind === 'saved'

  useEffect(() => {
    if (state.focus > 0) comment.current?.focus()
  }, [state.focus])

  const save = async () => {
    if (saving) return
    setSaving(true)
    setError(undefined)
    try {
      await onSave()
    } catch (caught) {
      setError(describeError(caught))
      setSaving(false)
    }
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void save()
  }
  const keys = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      void save()
    }
  }
  return (
    <form className="highlight-form" onSubmit={submit} onKeyDown={keys}>
      <p className="hint highlight-form__keys-top">
        {saved ? (
          <>
            <span className="highlight-form__done">Highlighted.</span> <kbd>c</kbd> comment ·{' '}
            <kbd>Esc</kbd> close
          </>
        ) : (
          <>
            <kbd>h</kbd> highlight now · <kbd>c</kbd> comment · <kbd>Esc</kbd> cancel
          </>
        )}
      </p>
      <blockquote className="highlight-form__quote">{quote}</blockquote>
      <AnnotationFields
        idPrefix="highlight"
        testIdPrefix="highlight"
        draft={state.draft}
        onChange={onDraftChange}
        commentRef={comment}
      />
      {state.draft.relation ? (
        <>
          <RelationFields
            idPrefix="highlight"
            draft={state.draft.relation}
            onChange={(relation) => onDraftChange({ ...state.draft, relation })}
          />
          <button
            type="button"
            className="button button--quiet button--small highlight-form__relation-toggle"
            onClick={() => onDraftChange({ ...state.draft, relation: undefined })}
          >
            No relation
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button button--quiet button--small highlight-form__relation-toggle"
          data-testid="add-relation"
          onClick={() => onDraftChange({ ...state.draft, relation: emptyRelationDraft })}
        >
          Add a relation this passage is evidence of…
        </button>
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="highlight-form__actions">
        <span className="hint highlight-form__keys">
          <kbd>{modifierKeyLabel()}</kbd> <kbd>Enter</kbd> saves
        </span>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {saved ? 'Close' : 'Cancel'}
        </button>
        <button
          type="submit"
          className="button button--primary"
          data-testid="highlight-save"
          disabled={saving}
        >
          {saving ? 'Saving…' : saved ? 'Save' : 'Save highlight'}
        </button>
      </div>
    </form>
  )
}
