import { useEffect, useRef, type ChangeEvent } from 'react'
import { importableExtensions } from '../../../../shared/api'

type ImportButtonProps = {
  onFiles: (files: File[]) => void
  label?: string
  variant?: 'primary' | 'secondary' | 'quiet'
  testId?: string
  /** Choose a folder (imported recursively) instead of files. */
  folder?: boolean
  /** The file types offered; by default every type Casefile imports as a source. */
  accept?: readonly string[]
}

/** A button opening the file picker for the types Casefile imports (several at once), or a folder. */
export function ImportButton({
  onFiles,
  label = 'Import files…',
  variant = 'secondary',
  testId = 'import-input',
  folder = false,
  accept = importableExtensions,
}: ImportButtonProps) {
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => {
    // Not a React attribute: set on the element itself.
    if (folder) input.current?.setAttribute('webkitdirectory', '')
  }, [folder])
  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])]
    // Clear it so choosing the same file again still fires a change.
    event.target.value = ''
    if (files.length > 0) onFiles(files)
  }
  return (
    <>
      <button
        type="button"
        className={`button button--${variant}`}
        onClick={() => input.current?.click()}
      >
        {label}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={folder ? undefined : accept.join(',')}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid={testId}
        onChange={choose}
      />
    </>
  )
}
