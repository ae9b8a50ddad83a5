import type { Confidence } from '../../shared/model'
import type { Client } from '../../shared/rpc'

/**
 * The seed's case in three calls: Iran (alias Islamic Republic of Iran), the 15 July cyberattack in
 * Tirana, and “Iran — denies → 15 July cyberattack” resting on `evidence`.
 */
export async function iranCase(
  client: Client,
  {
    evidence = [],
    confidence = 'almost certain',
  }: { evidence?: string[]; confidence?: Confidence } = {},
) {
  const iran = await client.call('actors.create', {
    name: 'Iran',
    aliases: ['Islamic Republic of Iran'],
    kind: 'state',
  })
  const attack = await client.call('events.create', {
    title: '15 July cyberattack',
    occurred: { precision: 'day', start: '2022-07-15' },
    place: 'Tirana',
  })
  const denies = await client.call('relations.create', {
    from: { kind: 'actor', id: iran.id },
    to: { kind: 'event', id: attack.id },
    type: 'denies',
    confidence,
    evidence,
  })
  return { iran, attack, denies }
}
