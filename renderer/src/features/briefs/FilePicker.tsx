import { useEffect, useRef, type ChangeEvent } from 'react'

/** A palette's request to open a picker: `pickNonce` changes each time. */
export type PickProps = {
  pickNonce?: number | undefined
  onPicked?: (() => void) | undefined
}

type FilePickerProps = {
  label: string
  accept: string
  testId: string
  onFile: (file: File) => void
  disabled?: boolean
  /** Changed by the palette: opens the picker as if the button were pressed. */
  pickNonce?: number | undefined
  /** The palette's request was carried out (so that it is not carried out again). */
  onPicked?: (() => void) | undefined
}

/** A button that opens the file picker for one file (the input itself is hidden). */
export function FilePicker(props: FilePickerProps) {
  const { label, accept, testId, onFile, disabled, pickNonce, onPicked } = props
  const input = useRef<HTMLInputElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (pickNonce === undefined) return
    button.current?.focus()
    input.current?.click()
    onPicked?.()
  }, [pickNonce, onPicked])
  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    // Cleared, so that choosing the same file again still counts.
    event.target.value = ''
    if (file) onFile(file)
  }
  return (
    <>
      <button
        ref={button}
        type="button"
        className="button button--secondary"
        disabled={disabled}
        onClick={() => input.current?.click()}
      >
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid={testId}
        onChange={choose}
      />
    </>
  )
}
