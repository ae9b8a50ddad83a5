import { useCallback } from 'react'
import { useClient } from '../../app/clientContext'
import { describeError } from '../../app/describeError'
import { useAnnounce } from '../../app/statusContext'
import { readFileForImport } from '../library/readFileForImport'

/** Markdown files become notes, one each; the status line says how it went, naming failures. */
export function useImportNotes(onOpen: (id: string) => void) {
  const client = useClient()
  const announce = useAnnounce()
  return useCallback(
    async (files: readonly File[]) => {
      const failures: string[] = []
      let last: { id: string; title: string } | undefined
      for (const file of files) {
        try {
          const read = await readFileForImport(file, file.name)
          if (read.text === undefined) {
            failures.push(`${file.name} is not UTF-8 text.`)
            continue
          }
          last = await client.call('notes.import', { fileName: file.name, text: read.text })
        } catch (error) {
          failures.push(`${file.name}: ${describeError(error)}`)
        }
      }
      const imported = files.length - failures.length
      if (failures.length === 0 && last && imported === 1)
        announce({ message: `Imported the note “${last.title}”.`, tone: 'success' })
      else
        announce({
          message:
            `Imported ${imported} of ${files.length} Markdown files as notes.` +
            (failures.length > 0 ? ` Not imported: ${failures.join(' ')}` : ''),
          tone: failures.length > 0 ? 'error' : 'success',
        })
      if (last) onOpen(last.id)
    },
    [client, announce, onOpen],
  )
}
