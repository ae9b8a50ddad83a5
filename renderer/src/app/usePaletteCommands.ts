import { useMemo } from 'react'
import type { BriefPick } from '../features/briefs/BriefsView'
import { useNewBrief } from '../features/briefs/useNewBrief'
import type { PaletteCommand } from '../features/palette/CommandPalette'
import { useClient } from './clientContext'
import { modifierKeyLabel } from './modifierKey'
import type { View } from './NavigatorViews'
import { useAttempt } from './useAttempt'
import { useUndo } from './undoContext'

const places: Array<[View, string, string?]> = [
  ['notes', 'Notes'],
  ['actors', 'Actors'],
  ['events', 'Events'],
  ['timeline', 'Timeline'],
  ['graph', 'Relations graph'],
  ['briefs', 'Briefs'],
  ['search', 'Search with filters'],
  ['health', 'Highlights that need attention'],
  ['trash', 'Trash'],
]

/** Opens one of the window's hidden file pickers (the Import… and Folder… buttons own them). */
function choose(testId: string) {
  document.querySelector<HTMLInputElement>(`input[data-testid="${testId}"]`)?.click()
}

/** What the briefs room lets the palette do: open a brief, one of its file pickers, the archive. */
export type BriefCommands = {
  openBrief: (id: string) => void
  pick: (what: BriefPick['what']) => void
}

/** What the command palette offers: every place of the window, and the actions that have no key. */
export function usePaletteCommands(
  go: (view: View) => void,
  openNote: (id: string) => void,
  briefs: BriefCommands,
) {
  const client = useClient()
  const attempt = useAttempt()
  const { undo } = useUndo()
  const newBrief = useNewBrief()
  const { openBrief, pick } = briefs
  return useMemo<PaletteCommand[]>(
    () => [
      ...places.map(([view, label]) => ({
        id: `go-${view}`,
        label: `Go to ${label}`,
        group: 'Go to' as const,
        run: () => go(view),
      })),
      {
        id: 'new-note',
        label: 'New note',
        group: 'Actions',
        run: () =>
          void attempt('The note was not created', () =>
            client.call('notes.create', { title: 'Untitled note' }),
          ).then(
            (note) => openNote(note.id),
            () => {},
          ),
      },
      {
        id: 'new-brief',
        label: 'New brief',
        group: 'Actions',
        run: () => void newBrief().then((brief) => brief && openBrief(brief.id)),
      },
      {
        id: 'verify-brief',
        label: 'Verify a brief…',
        group: 'Actions',
        run: () => pick('verify'),
      },
      {
        id: 'import-stix',
        label: 'Import STIX bundle…',
        group: 'Actions',
        run: () => pick('stix'),
      },
      {
        id: 'export-archive',
        label: 'Export case archive…',
        group: 'Actions',
        run: () => pick('archive'),
      },
      {
        id: 'import-files',
        label: 'Import files…',
        group: 'Actions',
        run: () => choose('import-input'),
      },
      {
        id: 'import-folder',
        label: 'Import a folder…',
        group: 'Actions',
        run: () => choose('import-folder-input'),
      },
      {
        id: 'undo',
        label: 'Undo the last action',
        group: 'Actions',
        keys: `${modifierKeyLabel()}+Z`,
        run: () => void undo(),
      },
    ],
    [go, openNote, attempt, client, undo, newBrief, openBrief, pick],
  )
}
