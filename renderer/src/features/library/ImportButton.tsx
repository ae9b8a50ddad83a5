import { useRef, type ChangeEvent } from 'react'
import { importableExtensions } from './readFileForImport'

type ImportButtonProps = {
  onFiles: (files: File[]) => void
  label?: string
  variant?: 'primary' | 'secondary'
  testId?: string
}

/** A button opening the file picker for text and Markdown files (several at once). */
export function ImportButton({
  onFiles,
  label = 'Import files…',
  variant = 'secondary',
  testId = 'import-input',
}: ImportButtonProps) {
  const input = useRef<HTMLInputElement>(null)
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
        accept={importableExtensions.join(',')}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid={testId}
        onChange={choose}
      />
    </>
  )
}
