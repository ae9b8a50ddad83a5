import { describe, expect, it } from 'vitest'
import { describeRange } from '../../shared/anchoring'
import { libraryPerTest, type TestLibrary } from '../support/makeLibrary'

const library = libraryPerTest()

async function highlight(t: TestLibrary, sourceId: string, exact: string, comment: string) {
  const { text } = await t.client.call('sources.get', { id: sourceId })
  const start = text.indexOf(exact)
  expect(start, exact).toBeGreaterThanOrEqual(0)
  return t.client.call('annotations.create', {
    sourceId,
    quote: describeRange(text, start, start + exact.length),
    position: { start, end: start + exact.length },
    comment,
  })
}

const page = (paragraphs: string[]) =>
  ['---', 'title: Harbour outage', 'url: https://news.example/harbour', '---', '', ...paragraphs]
    .join('\n\n')
    .replace('---\n\n', '---\n')

const first = [
  'The port gate system failed on Friday morning, officials said.',
  'Trucks queued for three kilometres along the coast road while operators switched to paper.',
  'A spokesman for the ministry declined to name a suspect.',
]

describe('the trash', () => {
  it('lists deleted annotations and restores one where it was, searchable again', async () => {
    const t = await library()
    const { source } = await t.client.call('sources.import', {
      fileName: 'harbour.md',
      text: page(first),
    })
    const kept = await highlight(t, source.id, 'paper', 'Fallback')
    const gone = await highlight(t, source.id, 'declined to name a suspect', 'No attribution')
    await t.client.call('annotations.delete', { id: gone.id })
    const { items } = await t.client.call('trash.list', {})
    expect(items).toEqual([
      {
        annotation: expect.objectContaining({ id: gone.id, deletedAt: expect.any(String) }),
        sourceTitle: 'Harbour outage',
      },
    ])
    expect(await t.library.searchQuery('attribution', 5)).toEqual([])

    const restored = await t.client.call('annotations.restore', { id: gone.id })
    expect(restored).toMatchObject({ id: gone.id, deletedAt: null, comment: 'No attribution' })
    expect((await t.client.call('trash.list', {})).items).toEqual([])
    const listed = await t.client.call('annotations.list', { sourceId: source.id })
    expect(listed.annotations.map((annotation) => annotation.id)).toEqual([kept.id, gone.id])
    expect((await t.library.searchQuery('attribution', 5)).map((hit) => hit.id)).toEqual([gone.id])
    await expect(t.client.call('annotations.restore', { id: gone.id })).rejects.toMatchObject({
      code: 'not_found',
    })
  })

  it('keeps a restore after the library is reopened', async () => {
    const t = await library()
    const { source } = await t.client.call('sources.import', {
      fileName: 'harbour.md',
      text: page(first),
    })
    const annotation = await highlight(t, source.id, 'paper', 'Fallback')
    await t.client.call('annotations.delete', { id: annotation.id })
    await t.client.call('annotations.restore', { id: annotation.id })
    await t.library.close()
    const { Library } = await import('../../electron/core')
    const reopened = await Library.open(t.path)
    try {
      expect((await reopened.listAnnotations(source.id)).map((a) => a.id)).toEqual([annotation.id])
      expect(await reopened.listTrash()).toEqual([])
    } finally {
      await reopened.close()
    }
  })
})

describe('a new version of a source', () => {
  it('carries the annotations over: exact, fuzzy or orphaned, and lists the doubtful ones', async () => {
    const t = await library()
    const v1 = (
      await t.client.call('sources.import', { fileName: 'harbour.md', text: page(first) })
    ).source
    const unchanged = await highlight(
      t,
      v1.id,
      'The port gate system failed on Friday morning',
      'When',
    )
    const edited = await highlight(
      t,
      v1.id,
      'Trucks queued for three kilometres along the coast road',
      'Impact',
    )
    const deleted = await highlight(t, v1.id, 'declined to name a suspect', 'No attribution')

    const second = [
      'Updated at noon.',
      first[0] ?? '',
      'Trucks queued for three kilometers along the coastal road while operators switched to paper.',
      'The ministry has since published a timeline.',
    ]
    const { status, source: v2 } = await t.client.call('sources.import', {
      fileName: 'harbour (1).md',
      text: page(second),
    })
    expect(status).toBe('imported')
    expect(v2.previousVersionId).toBe(v1.id)
    expect(
      (await t.client.call('sources.list', {})).sources.find((s) => s.id === v1.id),
    ).toMatchObject({ supersededBy: v2.id })
    expect((await t.client.call('annotations.list', { sourceId: v1.id })).annotations).toEqual([])

    const { text } = await t.client.call('sources.get', { id: v2.id })
    const carried = (await t.client.call('annotations.list', { sourceId: v2.id })).annotations
    const byId = new Map(carried.map((annotation) => [annotation.id, annotation]))
    const at = (id: string) => {
      const target = byId.get(id)?.target.position
      return target ? text.slice(target.start, target.end) : undefined
    }
    expect(byId.get(unchanged.id)?.anchor).toBeUndefined()
    expect(at(unchanged.id)).toBe('The port gate system failed on Friday morning')
    expect(byId.get(edited.id)?.anchor).toMatchObject({ status: 'fuzzy' })
    expect(at(edited.id)).toMatch(/^Trucks queued for three kilometers along the coastal road/)
    expect(byId.get(deleted.id)).toMatchObject({
      comment: 'No attribution',
      anchor: { status: 'orphaned' },
    })

    const health = (await t.client.call('annotations.health', {})).annotations
    expect(health.map((entry) => entry.annotation.id)).toEqual([deleted.id, edited.id])
    expect(health[0]?.sourceTitle).toBe('Harbour outage')

    // Re-selecting a passage repairs the orphan; its comment stays.
    const exact = 'The ministry has since published a timeline.'
    const start = text.indexOf(exact)
    const repaired = await t.client.call('annotations.repair', {
      id: deleted.id,
      quote: describeRange(text, start, start + exact.length),
      position: { start, end: start + exact.length },
    })
    expect(repaired).toMatchObject({ comment: 'No attribution', target: { position: { start } } })
    expect(repaired.anchor).toBeUndefined()
    expect((await t.client.call('annotations.health', {})).annotations).toHaveLength(1)
  })
})
