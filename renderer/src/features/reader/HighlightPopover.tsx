import * as Popover from '@radix-ui/react-popover'
import { useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react'
import { describeError } from '../../app/describeError'
import { modifierKeyLabel } from '../../app/modifierKey'

export type Measurable = { getBoundingClientRect(): DOMRect }

type HighlightPopoverProps = {
  open: boolean
  /** A virtual anchor at the selected passage. */
  anchor: RefObject<Measurable | null>
  quote: string
  onSave: (comment: string) => Promise<void>
  onCancel: () => void
}

/** The popover over a fresh selection: an optional comment, then Save (Ctrl/Cmd+Enter) or Escape. */
export function HighlightPopover({ open, anchor, quote, onSave, onCancel }: HighlightPopoverProps) {
  return (
    <Popover.Root open={open} onOpenChange={(next) => !next && onCancel()}>
      <Popover.Anchor virtualRef={anchor} />
      <Popover.Portal>
        <Popover.Content
          className="highlight-popover"
          side="bottom"
          align="start"
          sideOffset={6}
          collisionPadding={12}
          aria-label="New highlight"
        >
          {/* Remounted per selection, so a half-typed comment never carries over. */}
          {open ? (
            <HighlightForm key={quote} quote={quote} onSave={onSave} onCancel={onCancel} />
          ) : null}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  )
}

function HighlightForm({
  quote,
  onSave,
  onCancel,
}: Omit<HighlightPopoverProps, 'open' | 'anchor'>) {
  const [comment, setComment] = useState('')
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string>()

  const save = async () => {
    if (saving) return
    setSaving(true)
    setError(undefined)
    try {
      await onSave(comment)
    } catch (caught) {
      setError(describeError(caught))
      setSaving(false)
    }
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void save()
  }
  const keys = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      void save()
    }
  }
  return (
    <form className="highlight-form" onSubmit={submit}>
      <blockquote className="highlight-form__quote">{quote}</blockquote>
      <label className="field-label" htmlFor="highlight-comment">
        Comment
      </label>
      <textarea
        id="highlight-comment"
        className="text-field highlight-form__comment"
        data-testid="highlight-comment"
        rows={3}
        placeholder="Why does this passage matter? (optional)"
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        onKeyDown={keys}
        autoFocus
      />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="highlight-form__actions">
        <span className="hint highlight-form__keys">
          <kbd>{modifierKeyLabel()}</kbd> <kbd>Enter</kbd> saves
        </span>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button--primary"
          data-testid="highlight-save"
          disabled={saving}
        >
          {saving ? 'Saving…' : 'Save highlight'}
        </button>
      </div>
    </form>
  )
}
