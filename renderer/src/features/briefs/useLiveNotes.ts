import type { Client } from '../../../../shared/rpc'
import { useLibraryQuery } from '../../app/useLibraryQuery'
import type { NoteSummary } from '../notes/NotesView'

const listNotes = async (client: Client) => (await client.call('notes.list', {})).notes

/** The live notes (not in the trash), most recently changed first; read again as notes change. */
export function useLiveNotes() {
  return useLibraryQuery<NoteSummary[]>(listNotes, [], ['notes'])
}
