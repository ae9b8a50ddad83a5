import { useCallback, useState } from 'react'
import type { BriefDraft } from '../../../../shared/model'
import { useClient } from '../../app/clientContext'
import { countOf } from '../../app/countOf'
import { describeError } from '../../app/describeError'
import { useAnnounce } from '../../app/statusContext'
import { downloadText } from './downloadText'
import { savableDraft } from './useBriefAutosave'

export type BriefFormat = 'markdown' | 'stix'

/**
 * Exports the draft as it stands: Markdown or a STIX 2.1 bundle, downloaded (the desktop shell
 * asks where to save it) and announced with its file name and counts. Answers the Markdown
 * written, for the preview to show.
 */
export function useBriefExport(draft: BriefDraft) {
  const client = useClient()
  const announce = useAnnounce()
  const [busy, setBusy] = useState<BriefFormat>()

  const exportAs = useCallback(
    async (format: BriefFormat): Promise<string | undefined> => {
      setBusy(format)
      const request = { draft: savableDraft(draft) }
      const what = format === 'markdown' ? 'Markdown brief' : 'STIX 2.1 bundle'
      announce({ message: `Exporting the ${what}…`, tone: 'info' })
      try {
        if (format === 'markdown') {
          const brief = await client.call('briefs.export', request)
          downloadText(brief.fileName, brief.markdown)
          const { byTlp, orphans } = brief.leftOut
          const leftOut =
            byTlp + orphans === 0
              ? ''
              : `; ${countOf(byTlp + orphans, 'item')} left out (${byTlp} by TLP, ${countOf(orphans, 'orphan')})`
          announce({
            message: `Exported ${brief.fileName}: ${countOf(brief.citations, 'citation')}${leftOut}.`,
            tone: 'success',
          })
          return brief.markdown
        }
        const bundle = await client.call('briefs.exportStix', request)
        downloadText(bundle.fileName, bundle.json, 'application/json;charset=utf-8')
        announce({
          message: `Exported ${bundle.fileName}: ${countOf(bundle.objects, 'STIX object')}.`,
          tone: 'success',
        })
        return undefined
      } catch (error) {
        announce({
          message: `The ${what} was not exported: ${describeError(error)}`,
          tone: 'error',
        })
        return undefined
      } finally {
        setBusy(undefined)
      }
    },
    [client, announce, draft],
  )
  return { exportAs, busy }
}
