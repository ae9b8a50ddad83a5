import * as Popover from '@radix-ui/react-popover'
import { useState, type FormEvent } from 'react'
import { useClient } from '../../app/clientContext'
import { describeError } from '../../app/describeError'
import { useAnnounce } from '../../app/statusContext'
import { downloadText } from './downloadText'
import './briefs.css'

/** "Export brief…": asks for a title, renders the Markdown brief and downloads it. */
export function ExportBriefButton({ disabled = false }: { disabled?: boolean }) {
  const client = useClient()
  const announce = useAnnounce()
  const [open, setOpen] = useState(false)
  const [title, setTitle] = useState('Casefile brief')
  const [busy, setBusy] = useState(false)

  const exportBrief = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    announce({ message: 'Exporting the brief…', tone: 'info' })
    try {
      const brief = await client.call('briefs.export', {
        draft: { title: title.trim() || 'Casefile brief' },
      })
      downloadText(brief.fileName, brief.markdown)
      const passages = `${brief.citations} passage${brief.citations === 1 ? '' : 's'}`
      announce({ message: `Exported ${brief.fileName} with ${passages}.`, tone: 'success' })
      setOpen(false)
    } catch (error) {
      announce({ message: `The brief was not exported: ${describeError(error)}`, tone: 'error' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <button
          type="button"
          className="button button--secondary"
          data-testid="export-brief"
          disabled={disabled}
        >
          Export brief…
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="popover brief-popover" side="top" align="start" sideOffset={6}>
          <form onSubmit={(event) => void exportBrief(event)}>
            <label className="field-label" htmlFor="brief-title">
              Brief title
            </label>
            <input
              id="brief-title"
              className="text-field"
              data-testid="brief-title"
              value={title}
              onChange={(event) => setTitle(event.target.value)}
              maxLength={500}
              autoFocus
            />
            <p className="hint">
              Every highlight in the library, with its comment and a citation, as Markdown.
            </p>
            <div className="form-actions">
              <Popover.Close asChild>
                <button type="button" className="button button--quiet">
                  Cancel
                </button>
              </Popover.Close>
              <button
                type="submit"
                className="button button--primary"
                data-testid="export-brief-confirm"
                disabled={busy}
              >
                {busy ? 'Exporting…' : 'Export Markdown'}
              </button>
            </div>
          </form>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  )
}
