import { useCallback, useRef } from 'react'
import type { MethodInput, MethodOutput } from '../../../../shared/api'
import type { Source } from '../../../../shared/model'
import { useClient } from '../../app/clientContext'
import { describeError } from '../../app/describeError'
import { useAnnounce } from '../../app/statusContext'
import { pastedFileName, readFileForImport } from './readFileForImport'

type ImportOutcome = MethodOutput<'sources.import'>
type ImportItem = { name: string; read: () => Promise<MethodInput<'sources.import'>> }

export type Importer = {
  importFiles: (files: readonly File[]) => Promise<void>
  importText: (text: string) => Promise<void>
}

/**
 * Imports files one after another, reporting "Importing 3 of 10…", then what came in, what was
 * already there and, per file, what failed. The last source imported (or found) is opened.
 */
export function useImport(onOpen: (source: Source) => void): Importer {
  const client = useClient()
  const announce = useAnnounce()
  // Imports asked for while others run wait their turn, so progress lines never interleave.
  const queue = useRef<Promise<void>>(Promise.resolve())

  const run = useCallback(
    (items: readonly ImportItem[]) => {
      if (items.length === 0) return queue.current
      queue.current = queue.current.then(async () => {
        const outcomes: ImportOutcome[] = []
        const failures: string[] = []
        for (const [index, item] of items.entries()) {
          if (items.length > 1) {
            announce({
              message: `Importing ${index + 1} of ${items.length}…`,
              tone: 'info',
              progress: { done: index, total: items.length },
            })
          }
          try {
            outcomes.push(await client.call('sources.import', await item.read()))
          } catch (error) {
            const reason = describeError(error)
            failures.push(reason.includes(item.name) ? reason : `${item.name}: ${reason}`)
          }
        }
        announce(summarize(outcomes, failures))
        const last = outcomes.at(-1)
        if (last) onOpen(last.source)
      })
      return queue.current
    },
    [client, announce, onOpen],
  )

  const importFiles = useCallback(
    (files: readonly File[]) =>
      run(
        files.map((file) => ({ name: file.name, read: () => readFileForImport(file, file.name) })),
      ),
    [run],
  )
  const importText = useCallback(
    (text: string) => {
      const fileName = pastedFileName()
      return run([{ name: 'The pasted text', read: async () => ({ fileName, text }) }])
    },
    [run],
  )
  return { importFiles, importText }
}

function summarize(outcomes: readonly ImportOutcome[], failures: string[]) {
  const imported = outcomes.filter((outcome) => outcome.status === 'imported')
  const duplicates = outcomes.filter((outcome) => outcome.status === 'duplicate')
  const tone = failures.length > 0 ? ('error' as const) : ('success' as const)
  const only = outcomes.length === 1 && failures.length === 0 ? outcomes[0] : undefined
  if (only) {
    const title = `“${only.source.title}”`
    const message =
      only.status === 'duplicate' ? `${title} is already in the library.` : `Imported ${title}.`
    return { message, tone }
  }
  if (outcomes.length === 0 && failures.length === 1) {
    return { message: `Not imported: ${failures[0] ?? 'the file could not be read.'}`, tone }
  }
  const parts: string[] = []
  if (imported.length > 0) parts.push(`Imported ${count(imported.length, 'file')}`)
  if (duplicates.length > 0)
    parts.push(`${count(duplicates.length, 'file')} already in the library`)
  if (failures.length > 0) parts.push(`${count(failures.length, 'file')} could not be imported`)
  return { message: `${parts.join('; ')}.`, tone, details: failures }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}
