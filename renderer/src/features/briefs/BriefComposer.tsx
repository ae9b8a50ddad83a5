import { useCallback, useRef, useState } from 'react'
import type { Brief, BriefDraft, BriefSection } from '../../../../shared/model'
import { BriefFields } from './BriefFields'
import { BriefOutline } from './BriefOutline'
import { BriefPreviewPane } from './BriefPreviewPane'
import { BriefSaveStatus } from './BriefSaveStatus'
import { BriefScopeFields } from './BriefScopeFields'
import { BriefSections } from './BriefSections'
import { sectionOrder } from './briefSections'
import { draftOf, useBriefs } from './useBriefs'
import { useBriefAutosave } from './useBriefAutosave'
import { useBriefExport } from './useBriefExport'
import { useBriefPreview } from './useBriefPreview'
import { useDeleteBrief } from './useDeleteBrief'
import './briefs.css'

type BriefComposerProps = {
  id: string
  /** Back to the list of briefs (after a deletion, or when the brief is not there). */
  onClose: () => void
}

/** The brief `id`, composed: its fields and scope, sections, outline and a live preview. */
export function BriefComposer({ id, onClose }: BriefComposerProps) {
  const { data: briefs, loaded, error } = useBriefs()
  // The brief as it was when opened: from then on the composer's draft is the truth.
  const [opened, setOpened] = useState<Brief>()
  const found = briefs.find((brief) => brief.id === id)
  if (found && opened?.id !== id) setOpened(found)

  if (opened?.id === id) return <Composer key={id} brief={opened} onClose={onClose} />
  if (error)
    return (
      <p className="centre-note centre-note--error" role="alert">
        The brief could not be read: {error}
      </p>
    )
  if (!loaded) return null
  return (
    <div className="centre-note">
      <p>This brief is no longer in the library.</p>
      <button type="button" className="button button--secondary" onClick={onClose}>
        Back to briefs
      </button>
    </div>
  )
}

function Composer({ brief, onClose }: { brief: Brief; onClose: () => void }) {
  const [draft, setDraft] = useState<BriefDraft>(() => draftOf(brief))
  const [order, setOrder] = useState<BriefSection[]>(() => sectionOrder(brief.sections))
  const autosave = useBriefAutosave(brief.id, brief.updatedAt)
  const { change: save } = autosave
  const preview = useBriefPreview(draft)
  const exporter = useBriefExport(draft)
  const deleteBrief = useDeleteBrief()

  const latest = useRef(draft)
  const update = useCallback(
    (next: Partial<BriefDraft>) => {
      const changed = { ...latest.current, ...next }
      latest.current = changed
      setDraft(changed)
      save(changed)
    },
    [save],
  )
  const remove = async () => {
    await autosave.flush()
    autosave.discard()
    if (await deleteBrief(brief.id)) onClose()
  }
  const exportMarkdown = async () => {
    const question = preview.question()
    const markdown = await exporter.exportAs('markdown')
    if (markdown !== undefined) preview.showExported(markdown, question)
  }

  return (
    <div className="brief-composer" data-testid="brief-composer">
      <header className="brief-composer__bar">
        <button
          type="button"
          className="button button--quiet button--small"
          onClick={() => void autosave.flush().then(onClose)}
        >
          ← Briefs
        </button>
        <h1 className="brief-composer__title" id="brief-composer-heading">
          {draft.title.trim() || 'Untitled brief'}
        </h1>
        <BriefSaveStatus state={autosave.state} onRetry={() => void autosave.flush()} />
        <div className="brief-composer__actions">
          <button
            type="button"
            className="button button--primary"
            data-testid="brief-export-markdown"
            disabled={exporter.busy !== undefined}
            onClick={() => void exportMarkdown()}
          >
            {exporter.busy === 'markdown' ? 'Exporting…' : 'Export Markdown'}
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="brief-export-stix"
            disabled={exporter.busy !== undefined}
            onClick={() => void exporter.exportAs('stix')}
          >
            {exporter.busy === 'stix' ? 'Exporting…' : 'Export STIX 2.1'}
          </button>
          <button
            type="button"
            className="button button--quiet button--danger"
            data-testid="brief-delete"
            onClick={() => void remove()}
          >
            Delete
          </button>
        </div>
      </header>
      <div className="brief-composer__body">
        <form
          className="brief-composer__form"
          aria-labelledby="brief-composer-heading"
          onSubmit={(event) => event.preventDefault()}
        >
          <BriefFields draft={draft} onChange={update} />
          <BriefScopeFields scope={draft.scope} onChange={(scope) => update({ scope })} />
          <fieldset className="brief-fieldset">
            <legend className="brief-composer__heading">Sections</legend>
            <BriefSections
              order={order}
              included={draft.sections}
              onChange={(nextOrder, sections) => {
                setOrder(nextOrder)
                update({ sections })
              }}
            />
          </fieldset>
          <fieldset className="brief-fieldset">
            <legend className="brief-composer__heading">What the brief holds</legend>
            <BriefOutline
              outline={preview.preview?.outline}
              dropped={draft.dropped}
              onChange={(dropped) => update({ dropped })}
            />
          </fieldset>
        </form>
        <BriefPreviewPane state={preview} />
      </div>
    </div>
  )
}
