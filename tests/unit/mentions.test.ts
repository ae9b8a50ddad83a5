import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { findMentions } from '../../shared/text/mentions'
import { corporaMissing, corporaPresent, seedArticle } from '../support/corpora'
import { libraryPerTest } from '../support/makeLibrary'

const library = libraryPerTest()

/** Each mention as the text writes it. */
function written(text: string, targets: Array<{ id: string; names: string[] }>) {
  return findMentions(text, targets).map((m) => [m.id, text.slice(m.start, m.end)])
}

describe('findMentions', () => {
  it('ignores case, diacritics and apostrophes, and gives offsets in the original text', () => {
    const text = 'In ŁÓDŹ, Ka’nani met Müller; lodz was quiet.'
    expect(
      written(text, [
        { id: 'city', names: ['Lodz'] },
        { id: 'spokesman', names: ["Ka'nani"] },
        { id: 'mueller', names: ['Muller'] },
      ]),
    ).toEqual([
      ['city', 'ŁÓDŹ'],
      ['spokesman', 'Ka’nani'],
      ['mueller', 'Müller'],
      ['city', 'lodz'],
    ])
  })

  it('matches whole words only, and a possessive by its stem', () => {
    const text = 'The Iranian reply: Iran’s envoy left; Iran-Iraq talks stalled.'
    expect(written(text, [{ id: 'iran', names: ['Iran'] }])).toEqual([
      ['iran', 'Iran'],
      ['iran', 'Iran'],
    ])
  })

  it('prefers the longest name starting at a word and never overlaps', () => {
    const text = 'Prime Minister Edi Rama spoke; Rama\nlater left. Edi did not.'
    const mentions = written(text, [
      { id: 'edi', names: ['Edi'] },
      { id: 'rama', names: ['Edi Rama', 'Rama'] },
    ])
    expect(mentions).toEqual([
      ['rama', 'Edi Rama'],
      ['rama', 'Rama'],
      ['edi', 'Edi'],
    ])
  })

  it('finds a short name in capitals only in capitals (an acronym, not a pronoun)', () => {
    const text = 'Let us ask the US and the Us.'
    expect(written(text, [{ id: 'us', names: ['US'] }])).toEqual([['us', 'US']])
  })
})

describe('mentions in the library', () => {
  it('follow the actors as they are named, renamed and deleted', async () => {
    const { client } = await library()
    const { source } = await client.call('sources.import', {
      fileName: 'port.txt',
      text: 'Port statement\n\nThe Harbour Guild met Tirana officials; the guild said little.',
    })
    const names = async () =>
      (await client.call('mentions.find', { sourceId: source.id })).mentions.map((m) => m.term)
    expect(await names()).toEqual([])
    const guild = await client.call('actors.create', {
      name: 'Harbour Guild',
      kind: 'organisation',
    })
    expect(await names()).toEqual(['Harbour Guild'])
    await client.call('actors.update', { id: guild.id, aliases: ['guild'] })
    expect(await names()).toEqual(['Harbour Guild', 'guild'])
    await client.call('actors.delete', { id: guild.id })
    expect(await names()).toEqual([])
  })

  it('go through a text of megabytes, with their offsets in it', () => {
    const line = 'The Harbour Guild of Łódź met; Straße closed; Iran’s envoy left. '
    const text = line.repeat(40_000) // 2.7 million characters
    const mentions = findMentions(text, [
      { id: 'guild', names: ['Harbour Guild'] },
      { id: 'lodz', names: ['Lodz'] },
      { id: 'street', names: ['Strasse'] },
      { id: 'iran', names: ['Iran'] },
    ])
    expect(mentions).toHaveLength(4 * 40_000)
    const last = mentions.slice(-4).map((m) => [m.id, text.slice(m.start, m.end)])
    expect(last).toEqual([
      ['guild', 'Harbour Guild'],
      ['lodz', 'Łódź'],
      ['street', 'Straße'],
      ['iran', 'Iran'],
    ])
    expect(mentions.at(-1)?.start).toBe(text.length - line.length + line.indexOf('Iran'))
  })
})

describe.skipIf(!corporaPresent)(corporaPresent ? 'mentions in the seed' : corporaMissing, () => {
  it('finds the known actors of the seed article with their exact positions', async () => {
    const { client } = await library()
    const { source } = await client.call('sources.import', {
      fileName: 'seed.txt',
      base64: (await readFile(seedArticle)).toString('base64'),
    })
    const names: Array<[string, string[]]> = [
      ['Iran', ['Islamic Republic of Iran']],
      ['Albania', []],
      ['Edi Rama', ['Rama']],
      ['MEK', ['People’s Mojahedin Organisation of Iran']],
      ['NATO', []],
      ['FBI', []],
      ["Ka'nani", []],
    ]
    const ids = new Map<string, string>()
    for (const [name, aliases] of names) {
      const actor = await client.call('actors.create', { name, aliases, kind: 'state' })
      ids.set(actor.id, name)
    }
    const { text } = await client.call('sources.get', { id: source.id })
    const { mentions } = await client.call('mentions.find', { sourceId: source.id })

    for (const mention of mentions) {
      expect(ids.get(mention.actorId)).toBe(mention.name)
      expect(text.slice(mention.start, mention.end).length).toBe(mention.end - mention.start)
    }
    const found = (name: string) =>
      mentions.filter((m) => m.name === name).map((m) => text.slice(m.start, m.end))
    expect(found('Iran')).toContain('Iran')
    expect(found('Iran')).toContain('Islamic Republic of Iran')
    expect(found('Iran')).not.toContain('Iranian')
    expect(found('Albania').length).toBeGreaterThanOrEqual(6)
    expect(new Set(found('Albania'))).toEqual(new Set(['Albania']))
    expect(found('Edi Rama')).toEqual(['Edi Rama', 'Rama', 'Rama'])
    expect(found('MEK')).toEqual(['MEK', 'MEK', 'People’s Mojahedin Organisation of Iran', 'MEK'])
    expect(found('NATO')).toEqual(['NATO', 'NATO', 'NATO'])
    expect(found('FBI')).toEqual(['FBI'])
    expect(found("Ka'nani")).toEqual(['Ka’nani'])
    const kanani = mentions.find((m) => m.name === "Ka'nani")
    expect(kanani?.start).toBe(text.indexOf('Ka’nani'))
    expect(kanani?.term).toBe("Ka'nani")
    // In text order, never overlapping.
    for (let i = 1; i < mentions.length; i++)
      expect(mentions[i]!.start).toBeGreaterThanOrEqual(mentions[i - 1]!.end)
  })

  it('refuses an unknown source', async () => {
    const { client } = await library()
    await expect(client.call('mentions.find', { sourceId: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
    })
  })
})
