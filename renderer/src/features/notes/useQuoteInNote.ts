import { useCallback } from 'react'
import type { Annotation } from '../../../../shared/model'
import { useClient } from '../../app/clientContext'
import { useAttempt } from '../../app/useAttempt'
import type { QuoteRequest } from './NoteEditor'

/**
 * “Quote in note”: the passage goes to the note open last, else the most recently changed one,
 * else a new note named after the source; `open` shows that note with the quote to insert.
 */
export function useQuoteInNote(
  lastNoteId: string | undefined,
  open: (noteId: string, quote: QuoteRequest) => void,
) {
  const client = useClient()
  const attempt = useAttempt()
  return useCallback(
    (annotation: Annotation, sourceTitle: string) =>
      attempt('The passage was not quoted', async () => {
        const { notes } = await client.call('notes.list', {})
        const target =
          notes.find((note) => note.id === lastNoteId)?.id ??
          notes[0]?.id ??
          (await client.call('notes.create', { title: `Notes on ${sourceTitle}` })).id
        open(target, {
          annotationId: annotation.id,
          sourceId: annotation.sourceId,
          sourceTitle,
          quote: annotation.target.quote.exact,
        })
      }).catch(() => {}),
    [attempt, client, lastNoteId, open],
  )
}
