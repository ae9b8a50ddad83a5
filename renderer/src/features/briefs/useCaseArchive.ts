import { useCallback, useRef, useState } from 'react'
import { CasefileError, type EventPayload, type MethodOutput } from '../../../../shared/api'
import { useClient } from '../../app/clientContext'
import { countOf } from '../../app/countOf'
import { describeError } from '../../app/describeError'
import { useAnnounce } from '../../app/statusContext'

export type CaseArchive = MethodOutput<'library.exportArchive'>
type Progress = EventPayload<'archive.progress'>

/** “2.4 MB”, “830 KB”, “120 bytes”. */
export function sizeWords(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`
  if (bytes >= 1_000) return `${Math.round(bytes / 1_000)} KB`
  return countOf(bytes, 'byte')
}

/** What the archive holds, in words: “3 sources, 12 highlights, 2 notes, …”. */
export function archiveCountsWords(counts: CaseArchive['counts']): string {
  return [
    countOf(counts.sources, 'source'),
    countOf(counts.annotations, 'highlight'),
    countOf(counts.notes, 'note'),
    countOf(counts.actors, 'actor'),
    countOf(counts.events, 'event'),
    countOf(counts.relations, 'relation'),
  ].join(', ')
}

function progressWords({ done, total, bytes }: Progress): string {
  return `Writing the case archive: ${done} of ${countOf(total, 'file')}, ${sizeWords(bytes)}…`
}

/**
 * Writes the whole library as one archive (`library.exportArchive`) to `path`, or beside the
 * library when it is blank; progress and the outcome go to the status line.
 */
export function useCaseArchive() {
  const client = useClient()
  const announce = useAnnounce()
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState<Progress>()
  const [written, setWritten] = useState<CaseArchive>()
  const running = useRef(false)

  const write = useCallback(
    async (path: string) => {
      if (running.current) return
      running.current = true
      setBusy(true)
      setProgress(undefined)
      announce({ message: 'Writing the case archive…', tone: 'info' })
      // Only while this export runs: another window's export is not this one's progress.
      const stop = client.on('archive.progress', (now) => {
        setProgress(now)
        announce({
          message: progressWords(now),
          tone: 'info',
          progress: { done: now.done, total: now.total },
        })
      })
      try {
        const chosen = path.trim()
        const archive = await client.call(
          'library.exportArchive',
          chosen === '' ? {} : { path: chosen },
        )
        setWritten(archive)
        const size = `${sizeWords(archive.bytes)}, ${countOf(archive.files, 'file')}`
        announce({
          message: `Wrote ${archive.file} (${size}): ${archiveCountsWords(archive.counts)}.`,
          tone: 'success',
        })
      } catch (error) {
        // The core says in its own words what it refused (a file already there, say).
        const why =
          error instanceof CasefileError && error.code === 'invalid_input'
            ? error.message
            : describeError(error)
        announce({ message: `The case archive was not written: ${why}`, tone: 'error' })
      } finally {
        stop()
        running.current = false
        setBusy(false)
        setProgress(undefined)
      }
    },
    [client, announce],
  )
  return { write, busy, progress, written }
}
