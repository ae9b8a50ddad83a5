import { useRef, type ChangeEvent, type KeyboardEvent } from 'react'
import { uniqueTags } from './annotationDraft'

type TagInputProps = {
  id: string
  tags: readonly string[]
  /** What is typed and not yet a tag. */
  text: string
  onChange: (tags: string[], text: string) => void
  testId?: string
}

/**
 * Tags as chips and a field to type more: a comma or Enter turns the typed text into a chip,
 * Backspace in the empty field takes the last chip back, and each chip has its own remove button.
 */
export function TagInput({ id, tags, text, onChange, testId }: TagInputProps) {
  const field = useRef<HTMLInputElement>(null)

  const type = (event: ChangeEvent<HTMLInputElement>) => {
    const parts = event.target.value.split(',')
    const rest = parts.pop() ?? ''
    onChange(parts.length > 0 ? uniqueTags([...tags, ...parts]) : [...tags], rest.trimStart())
  }
  const commit = () => {
    if (text.trim() !== '') onChange(uniqueTags([...tags, text]), '')
  }
  const keys = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      // Enter finishes a tag; it never submits the form around the field.
      event.preventDefault()
      commit()
    } else if (event.key === 'Backspace' && text === '' && tags.length > 0) {
      event.preventDefault()
      const last = tags.at(-1) ?? ''
      onChange(tags.slice(0, -1), last)
    }
  }
  const remove = (tag: string) => {
    onChange(
      tags.filter((candidate) => candidate !== tag),
      text,
    )
    field.current?.focus()
  }

  return (
    <div
      className="tag-input"
      onClick={(event) => event.target === event.currentTarget && field.current?.focus()}
    >
      {tags.map((tag) => (
        <span key={tag} className="tag-chip">
          {tag}
          <button
            type="button"
            className="tag-chip__remove"
            aria-label={`Remove tag ${tag}`}
            onClick={() => remove(tag)}
          >
            ×
          </button>
        </span>
      ))}
      <input
        ref={field}
        id={id}
        className="tag-input__field"
        data-testid={testId}
        value={text}
        placeholder={tags.length === 0 ? 'Separate tags with commas' : ''}
        autoComplete="off"
        spellCheck={false}
        onChange={type}
        onKeyDown={keys}
        onBlur={commit}
      />
    </div>
  )
}

/** Tags shown, not edited. */
export function TagChips({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null
  return (
    <ul className="tag-chips" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag} className="tag-chip">
          {tag}
        </li>
      ))}
    </ul>
  )
}
