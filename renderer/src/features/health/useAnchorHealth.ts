import type { MethodOutput } from '../../../../shared/api'
import type { Client } from '../../../../shared/rpc'
import { useLibraryQuery } from '../../app/useLibraryQuery'

export type HealthItem = MethodOutput<'annotations.health'>['annotations'][number]

const listHealth = async (client: Client) =>
  (await client.call('annotations.health', {})).annotations

/** The live annotations found only approximately or not at all, worst first, kept up to date. */
export function useAnchorHealth() {
  return useLibraryQuery<HealthItem[]>(listHealth, [], ['annotations', 'sources'])
}
