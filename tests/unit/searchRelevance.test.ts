import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Library } from '../../electron/core'
import type { MethodInput } from '../../shared/api'
import { describeRange } from '../../shared/anchoring'
import { corporaDir, corporaMissing, corporaPresent, seedArticle } from '../support/corpora'
import { libraryPerTest, type TestLibrary } from '../support/makeLibrary'

const library = libraryPerTest()
const sha256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'

async function importText(t: TestLibrary, fileName: string, text: string) {
  const result = await t.client.call('sources.import', { fileName, text })
  return result.source
}

async function highlight(
  t: TestLibrary,
  sourceId: string,
  exact: string,
  comment = '',
  tags: string[] = [],
) {
  const { text } = await t.client.call('sources.get', { id: sourceId })
  const start = text.indexOf(exact)
  return t.client.call('annotations.create', {
    sourceId,
    quote: describeRange(text, start, start + exact.length),
    position: { start, end: start + exact.length },
    comment,
    tags,
  })
}

async function search(
  t: TestLibrary,
  query: string,
  more: Partial<MethodInput<'search.query'>> = {},
) {
  const { hits } = await t.client.call('search.query', { query, ...more })
  return hits
}
const titles = (hits: Array<{ kind: string; title: string }>) =>
  hits.map((h) => `${h.kind}:${h.title}`)

/** A small case written for these tests: indicators, names, dates, tags. */
async function writtenCase(t: TestLibrary) {
  const report = await importText(
    t,
    'xz-report.md',
    `# Backdoor in xz\n\nThe implant beaconed to evil.com and to 203.0.113[.]7 (defanged). ` +
      `Sample sha256 ${sha256}. Tracked as CVE-2024-3094. Contact soc@notevil.com.`,
  )
  const other = await importText(
    t,
    'notevil.md',
    `# A harmless page\n\nThe site notevil.com sells umbrellas in Łódź and Zürich.`,
  )
  const iranian = await importText(
    t,
    'tehran.md',
    `# Tehran responds\n\nOfficials in Tehran denied the cyberattack on the e‑Albania portal.`,
  )
  return { report, other, iranian }
}

describe('search relevance over a written case', () => {
  it('finds indicators exactly, first, and marks them in the snippet', async () => {
    const t = await library()
    await writtenCase(t)
    expect(titles(await search(t, 'evil.com'))).toEqual(['source:Backdoor in xz'])
    expect(titles(await search(t, 'notevil.com'))).toEqual([
      'source:Backdoor in xz',
      'source:A harmless page',
    ])
    const [byAddress] = await search(t, '203.0.113.7')
    expect(byAddress?.matched).toBe('indicator')
    expect(byAddress?.highlights.map(([s, e]) => byAddress.snippet.slice(s, e))).toEqual([
      '203.0.113[.]7',
    ])
    expect(titles(await search(t, sha256.slice(0, 8)))).toEqual(['source:Backdoor in xz'])
    expect(titles(await search(t, 'cve-2024-3094'))).toEqual(['source:Backdoor in xz'])
    expect(titles(await search(t, 'evil.com umbrellas'))).toEqual([])
  })

  it('folds diacritics, dashes and apostrophes', async () => {
    const t = await library()
    await writtenCase(t)
    expect(titles(await search(t, 'Lodz zurich'))).toEqual(['source:A harmless page'])
    expect(titles(await search(t, 'e-Albania'))).toEqual(['source:Tehran responds'])
  })

  it('expands an actor filter and an alias query to all the actor’s names', async () => {
    const t = await library()
    const { iranian } = await writtenCase(t)
    const iran = await t.client.call('actors.create', {
      name: 'Iran',
      kind: 'state',
      aliases: ['Tehran'],
    })
    expect(titles(await search(t, 'Iran')).sort()).toEqual(['actor:Iran', 'source:Tehran responds'])
    const filtered = await search(t, 'cyberattack', { actorIds: [iran.id] })
    expect(filtered.map((hit) => hit.id)).toEqual([iranian.id])
    expect(await search(t, 'umbrellas', { actorIds: [iran.id] })).toEqual([])
  })

  it('filters by kind, tag, TLP, event and date', async () => {
    const t = await library()
    const { report, other } = await writtenCase(t)
    const passage = await highlight(t, report.id, 'The implant beaconed', 'beacon seen twice', [
      'c2',
    ])
    await highlight(t, other.id, 'sells umbrellas', 'beacon of retail', ['shop'])
    const attack = await t.client.call('events.create', {
      title: 'xz backdoor found',
      occurred: { precision: 'day', start: '2024-03-29' },
    })
    await t.client.call('annotations.link', { id: passage.id, eventIds: [attack.id] })

    expect((await search(t, 'beacon')).length).toBe(3)
    expect(titles(await search(t, 'beacon', { kinds: ['source'] }))).toEqual([
      'source:Backdoor in xz',
    ])
    expect((await search(t, 'beacon', { tags: ['C2'] })).map((h) => h.id)).toEqual([passage.id])
    expect((await search(t, 'beacon', { eventIds: [attack.id] })).map((h) => h.id)).toEqual([
      passage.id,
    ])
    expect(await search(t, 'beacon', { tlp: ['RED'] })).toEqual([])
    await t.client.call('sources.update', { id: report.id, tlp: 'RED' })
    // The annotation has no marking of its own: it carries its source's.
    expect((await search(t, 'beacon', { tlp: ['RED'] })).map((h) => h.kind).sort()).toEqual([
      'annotation',
      'source',
    ])
    expect(titles(await search(t, 'xz backdoor', { from: '2024-03', to: '2024-03-31' }))).toEqual([
      'event:xz backdoor found',
    ])
    expect(await search(t, 'xz backdoor', { kinds: ['event'], from: '2025' })).toEqual([])
    const today = new Date().toISOString().slice(0, 10)
    expect((await search(t, 'beacon', { from: today, kinds: ['annotation'] })).length).toBe(2)
  })

  it('finds quoted phrases, drops excluded words, and forgives a typo when asked', async () => {
    const t = await library()
    await writtenCase(t)
    expect(titles(await search(t, '"denied the cyberattack"'))).toEqual(['source:Tehran responds'])
    expect(await search(t, '"cyberattack denied"')).toEqual([])
    expect(titles(await search(t, 'the -umbrellas -backdoor'))).toEqual(['source:Tehran responds'])
    expect(await search(t, 'umbrellsa ')).toEqual([])
    expect(titles(await search(t, 'umbrellsa ', { typo: true }))).toEqual([
      'source:A harmless page',
    ])
  })

  it('saves, lists and deletes searches, announcing each change', async () => {
    const t = await library()
    const changes: string[] = []
    t.library.events.subscribe((event, payload) => {
      if (event === 'library.changed') changes.push((payload as { what: string }).what)
    })
    const saved = await t.client.call('searches.save', {
      name: 'xz indicators',
      query: 'evil.com',
      filters: { kinds: ['source'], typo: true },
    })
    const again = await t.client.call('searches.save', { name: 'XZ indicators', query: 'xz' })
    expect(again.id).toBe(saved.id)
    expect((await t.client.call('searches.list', {})).searches.map((s) => s.query)).toEqual(['xz'])
    await t.client.call('searches.delete', { id: saved.id })
    expect((await t.client.call('searches.list', {})).searches).toEqual([])
    expect(changes).toEqual(['searches', 'searches', 'searches'])
    const stored = JSON.parse(await readFile(join(t.path, 'searches.json'), 'utf8'))
    expect(stored).toEqual({ searches: [] })
  })
})

describe('the search index on disk', () => {
  it('filters passages by their links and marks, also after a merge and a reopen', async () => {
    const t = await library()
    const { report, other } = await writtenCase(t)
    const linked = await highlight(t, report.id, 'The implant beaconed', 'beacon', ['C2'])
    const plain = await highlight(t, other.id, 'sells umbrellas', 'beacon too')
    const apt = await t.client.call('actors.create', { name: 'Velvet Ant', kind: 'group' })
    const twin = await t.client.call('actors.create', { name: 'VelvetAnt', kind: 'group' })
    await t.client.call('annotations.link', { id: linked.id, actorIds: [twin.id] })
    await t.client.call('annotations.update', { id: plain.id, tlp: 'AMBER' })
    const ids = async (filters: Partial<MethodInput<'search.query'>>) =>
      (await search(t, 'beacon', { kinds: ['annotation'], ...filters })).map((hit) => hit.id)

    expect(await ids({ actorIds: [twin.id] })).toEqual([linked.id])
    // The passage's links move to the kept actor: the filter by it must find the passage.
    await t.client.call('actors.merge', { keepId: apt.id, mergeId: twin.id })
    expect(await ids({ actorIds: [apt.id] })).toEqual([linked.id])
    expect(await ids({ tlp: ['AMBER'] })).toEqual([plain.id])
    expect(await ids({ tags: ['c2'] })).toEqual([linked.id])

    await t.library.close()
    const reopened = await Library.open(t.path, { indexPersistDelayMs: 60_000 })
    try {
      expect(reopened.indexReport.openedFrom).toBe('disk')
      const again = async (filters: Parameters<Library['searchQuery']>[2]) =>
        (await reopened.searchQuery('beacon', 20, { kinds: ['annotation'], ...filters })).map(
          (hit) => hit.id,
        )
      expect(await again({ actorIds: [apt.id] })).toEqual([linked.id])
      expect(await again({ tlp: ['AMBER'] })).toEqual([plain.id])
      expect(await again({ tags: ['C2'] })).toEqual([linked.id])
      expect(await again({ tags: ['nothing'] })).toEqual([])
    } finally {
      await reopened.close()
    }
  })

  it('answers the same after a reopen, then takes new items incrementally', async () => {
    const t = await library()
    await writtenCase(t)
    await t.library.close()
    let reopened = await Library.open(t.path, { indexPersistDelayMs: 60_000 })
    try {
      expect(reopened.indexReport.openedFrom).toBe('disk')
      expect((await reopened.searchQuery(sha256.slice(0, 6), 5)).map((h) => h.title)).toEqual([
        'Backdoor in xz',
      ])
      await reopened.importFile(
        'new.md',
        new TextEncoder().encode('# New\n\nSeen at 198.51.100.4.'),
      )
      await reopened.close()
      reopened = await Library.open(t.path, { indexPersistDelayMs: 60_000 })
      expect(reopened.indexReport.openedFrom).toBe('disk')
      expect((await reopened.searchQuery('198.51.100.4', 5)).map((h) => h.title)).toEqual(['New'])
    } finally {
      await reopened.close()
    }
  })

  it('rebuilds when the catalog changed behind the index’s back', async () => {
    const t = await library()
    await writtenCase(t)
    await t.library.close()
    const catalogPath = join(t.path, 'casefile.json')
    const catalog = JSON.parse(await readFile(catalogPath, 'utf8')) as {
      sources: Array<{ title: string }>
    }
    catalog.sources = catalog.sources.filter(
      (s: { title: string }) => s.title !== 'A harmless page',
    )
    await writeFile(catalogPath, JSON.stringify(catalog))
    // The manifest is marked stale so the edited catalog is read again.
    const manifestPath = join(t.path, 'index', 'manifest.json')
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'))
    await writeFile(manifestPath, JSON.stringify({ ...manifest, configHash: 'older' }))
    const reopened = await Library.open(t.path, { indexPersistDelayMs: 60_000 })
    try {
      expect(reopened.indexReport.openedFrom).toBe('rebuild')
      expect(await reopened.searchQuery('umbrellas', 5)).toEqual([])
      expect((await reopened.searchQuery('notevil.com', 5)).map((h) => h.title)).toEqual([
        'Backdoor in xz',
      ])
    } finally {
      await reopened.close()
    }
  })
})

describe.skipIf(!corporaPresent)(
  `search relevance over ../shared/corpora ${corporaPresent ? '' : corporaMissing}`,
  () => {
    it('finds the seed article by names spelled three ways, phrases and exclusions', async () => {
      const t = await library()
      await importText(t, 'seed.txt', await readFile(seedArticle, 'utf8'))
      const html = await readFile(join(corporaDir, 'web-pages/qq/source.html'))
      await t.client.call('sources.import', {
        fileName: 'qq.html',
        base64: html.toString('base64'),
      })
      const top = async (query: string) => (await search(t, query))[0]?.title ?? ''
      expect(await top("Ka'nani")).toBe('Iran Denies Albanian Cyberattack')
      expect(await top('Kanani')).toBe('Iran Denies Albanian Cyberattack')
      expect(await top('e-Albania')).toBe('Iran Denies Albanian Cyberattack')
      expect(await top('"Prime Minister Edi Rama"')).toBe('Iran Denies Albanian Cyberattack')
      expect(await search(t, '"Minister Prime"')).toEqual([])
      expect(await search(t, 'Tirana -embassy')).toEqual([])
      expect(await top('人工智能')).toMatch(/DeepMind/)
      expect(await top('记忆自学')).toMatch(/DeepMind/)
    })
  },
)
