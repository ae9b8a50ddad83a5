import type { MethodOutput } from '../../../../shared/api'
import type { Client } from '../../../../shared/rpc'
import { useLibraryQuery } from '../../app/useLibraryQuery'

export type TrashItem = MethodOutput<'trash.list'>['items'][number]

const listTrash = async (client: Client) => (await client.call('trash.list', {})).items

/** What the trash holds, most recently deleted first, kept up to date. */
export function useTrash() {
  return useLibraryQuery<TrashItem[]>(listTrash, [])
}
