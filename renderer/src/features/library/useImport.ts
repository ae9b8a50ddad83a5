import { useCallback, useRef } from 'react'
import {
  isImportableName,
  maxImportBytes,
  type MethodInput,
  type MethodOutput,
} from '../../../../shared/api'
import type { Source } from '../../../../shared/model'
import type { Client } from '../../../../shared/rpc'
import { useClient } from '../../app/clientContext'
import { describeError } from '../../app/describeError'
import { useAnnounce } from '../../app/statusContext'
import { pastedFileName, readFileForImport } from './readFileForImport'

type ImportOutcome = MethodOutput<'sources.import'>

/** One file to import: its name as shown, whether it came from a folder, and how to read it. */
export type ImportItem = {
  name: string
  /** Files found in a folder that Casefile does not import are skipped, not failed. */
  inFolder?: boolean
  /**
   * Asked when the file's turn comes, not when it is chosen: a chosen file's size can cost the
   * browser a trip to the disk, which a thousand files at once turn into a frozen window.
   */
  size?: () => number
  read: () => Promise<MethodInput<'sources.import'>>
}

export type Importer = {
  importFiles: (files: readonly File[]) => Promise<void>
  importItems: (items: readonly ImportItem[]) => Promise<void>
  importText: (text: string) => Promise<void>
  importHtml: (html: string) => Promise<void>
}

type Tally = { outcomes: ImportOutcome[]; failures: string[]; skipped: number; cancelled: number }

/**
 * Imports files one after another, reporting "Importing 3 of 10: report.html" with a Cancel
 * button, then what came in, what was already there, what was skipped and, per file, what
 * failed. The last source imported (or found already in the library) is opened: `onOpen` is
 * awaited before the summary, so the summary never runs ahead of what the window shows.
 */
export function useImport(onOpen: (source: Source) => void | Promise<void>): Importer {
  const client = useClient()
  const announce = useAnnounce()
  // Imports asked for while others run wait their turn, so progress lines never interleave.
  const queue = useRef<Promise<void>>(Promise.resolve())

  const importItems = useCallback(
    (items: readonly ImportItem[]) => {
      if (items.length === 0) return queue.current
      queue.current = queue.current.then(async () => {
        const tally: Tally = { outcomes: [], failures: [], skipped: 0, cancelled: 0 }
        let cancelled = false
        const cancel = () => {
          cancelled = true
        }
        for (const [index, item] of items.entries()) {
          if (cancelled) {
            tally.cancelled = items.length - index
            break
          }
          if (items.length > 1) {
            announce({
              message: `Importing ${index + 1} of ${items.length}: ${item.name}`,
              tone: 'info',
              progress: { done: index, total: items.length },
              cancel,
            })
          }
          if (item.inFolder && !isImportableName(item.name)) {
            tally.skipped++
            continue
          }
          const size = item.size?.()
          if (size !== undefined && size > maxImportBytes) {
            tally.failures.push(
              `${item.name} is ${Math.round(size / 1048576)} MB; files over ${Math.round(maxImportBytes / 1048576)} MB cannot be imported.`,
            )
            continue
          }
          try {
            tally.outcomes.push(await client.call('sources.import', await item.read()))
          } catch (error) {
            const reason = describeError(error)
            tally.failures.push(reason.includes(item.name) ? reason : `${item.name}: ${reason}`)
          }
        }
        const summary = summarize(tally)
        const [only] = tally.outcomes
        if (items.length === 1 && only?.status === 'imported')
          summary.message += await mentionsSentence(client, only.source.id)
        const last = tally.outcomes.at(-1)
        if (last) await onOpen(last.source)
        announce(summary)
      })
      return queue.current
    },
    [client, announce, onOpen],
  )

  const importFiles = useCallback(
    (files: readonly File[]) =>
      importItems(
        files.map((file) => ({
          name: file.name,
          size: () => file.size,
          read: () => readFileForImport(file, file.name),
        })),
      ),
    [importItems],
  )
  const importText = useCallback(
    (text: string) => {
      const fileName = pastedFileName()
      return importItems([{ name: 'The pasted text', read: async () => ({ fileName, text }) }])
    },
    [importItems],
  )
  const importHtml = useCallback(
    (html: string) => {
      const fileName = pastedFileName(new Date(), 'html')
      return importItems([
        { name: 'The pasted page', read: async () => ({ fileName, text: html }) },
      ])
    },
    [importItems],
  )
  return { importFiles, importItems, importText, importHtml }
}

function summarize({ outcomes, failures, skipped, cancelled }: Tally) {
  const imported = outcomes.filter((outcome) => outcome.status === 'imported')
  const duplicates = outcomes.filter((outcome) => outcome.status === 'duplicate')
  const tone = failures.length > 0 ? ('error' as const) : ('success' as const)
  const only =
    outcomes.length === 1 && failures.length === 0 && skipped === 0 && cancelled === 0
      ? outcomes[0]
      : undefined
  if (only) {
    const title = `“${only.source.title}”`
    const message =
      only.status === 'duplicate' ? `${title} is already in the library.` : `Imported ${title}.`
    return { message, tone }
  }
  if (outcomes.length === 0 && failures.length === 1 && skipped === 0) {
    return { message: `Not imported: ${failures[0] ?? 'the file could not be read.'}`, tone }
  }
  const parts = [`Imported ${count(imported.length, 'file')}`]
  if (duplicates.length > 0)
    parts.push(`${count(duplicates.length, 'file')} already in the library`)
  if (skipped > 0) parts.push(`${count(skipped, 'file')} skipped (not a type Casefile imports)`)
  if (failures.length > 0) parts.push(`${count(failures.length, 'file')} could not be imported`)
  if (cancelled > 0) parts.push(`cancelled before ${count(cancelled, 'file')}`)
  return { message: `${parts.join('; ')}.`, tone, details: failures }
}

/** ` It mentions 2 known actors: Iran and Albania.`, or nothing if it names none. */
async function mentionsSentence(client: Client, sourceId: string): Promise<string> {
  try {
    const { mentions } = await client.call('mentions.find', { sourceId })
    const names = [...new Set(mentions.map((mention) => mention.name))]
    if (names.length === 0) return ''
    const listed =
      names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
    return ` It mentions ${count(names.length, 'known actor')}: ${listed}.`
  } catch {
    return '' // the import itself went well; the suggestion is a nicety
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}
