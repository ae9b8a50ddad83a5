import { expect } from 'vitest'
import { describeRange } from '../../shared/anchoring'
import type { Client } from '../../shared/rpc'
import { iranCase } from './iranCase'

const harbour = [
  'From: Ada Byline',
  'Tirana Portal Outage',
  '',
  'Officials said Iran was behind the attack on the e-Albania portal.',
  '',
  'Tehran denied any involvement in the outage.',
  '',
  'The ransom note carried <img src=x onerror=alert(1)> and *stars* and [a link](javascript:alert(2)) ^',
  '',
  'A second <script>alert(3)</script> line named a contractor.',
].join('\n')

const secret = [
  'Inside Source',
  '',
  'A named insider confirmed that Iran ordered the attack.',
].join('\n')

export type BriefCase = Awaited<ReturnType<typeof makeBriefCase>>

/** Highlights `exact` in a source and links it as asked. */
export async function passage(
  client: Client,
  sourceId: string,
  exact: string,
  fields: { comment?: string; tags?: string[]; actorIds?: string[]; eventIds?: string[] } = {},
) {
  const { text } = await client.call('sources.get', { id: sourceId })
  const start = text.indexOf(exact)
  expect(start, `“${exact}” is in the source`).toBeGreaterThanOrEqual(0)
  const { actorIds, eventIds, ...rest } = fields
  const annotation = await client.call('annotations.create', {
    sourceId,
    quote: describeRange(text, start, start + exact.length),
    position: { start, end: start + exact.length },
    ...rest,
  })
  if (actorIds || eventIds)
    await client.call('annotations.link', {
      id: annotation.id,
      ...(actorIds ? { actorIds } : {}),
      ...(eventIds ? { eventIds } : {}),
    })
  return annotation
}

/**
 * Iran denies the 15 July cyberattack, resting on a passage; a claim linked to Iran; a hostile
 * passage tagged `ransom`; a RED source and a RED passage linked to Iran; a RED threat actor.
 */
export async function makeBriefCase(client: Client) {
  const { source } = await client.call('sources.import', { fileName: 'harbour.txt', text: harbour })
  const { source: inside } = await client.call('sources.import', {
    fileName: 'inside.txt',
    text: secret,
  })
  await client.call('sources.update', { id: inside.id, tlp: 'RED' })
  await client.call('sources.update', { id: source.id, reliability: 'B' })
  const denial = await passage(client, source.id, 'Tehran denied any involvement in the outage.', {
    comment: 'The denial, same day.',
  })
  const { iran, attack, denies } = await iranCase(client, {
    evidence: [denial.id],
    confidence: 'likely',
  })
  const claim = await passage(
    client,
    source.id,
    'Officials said Iran was behind the attack on the e-Albania portal.',
    { comment: 'Attribution <b>claim</b>', actorIds: [iran.id] },
  )
  await client.call('annotations.update', { id: claim.id, credibility: 2 })
  const hostile = await passage(
    client,
    source.id,
    'The ransom note carried <img src=x onerror=alert(1)> and *stars* and [a link](javascript:alert(2)) ^',
    { tags: ['Ransom'] },
  )
  const insider = await passage(client, inside.id, 'A named insider confirmed', {
    actorIds: [iran.id],
  })
  const redPassage = await passage(client, source.id, 'A second <script>alert(3)</script> line', {
    actorIds: [iran.id],
  })
  await client.call('annotations.update', { id: redPassage.id, tlp: 'RED' })
  const apt = await client.call('actors.create', {
    name: 'Shrouded Ferret',
    kind: 'threat-actor',
    tlp: 'RED',
  })
  const campaign = await client.call('events.create', {
    title: 'Summer campaign',
    occurred: { precision: 'range', start: '2022-06', end: '2022-09' },
  })
  return {
    source,
    inside,
    iran,
    attack,
    denies,
    denial,
    claim,
    hostile,
    insider,
    redPassage,
    apt,
    campaign,
  }
}
