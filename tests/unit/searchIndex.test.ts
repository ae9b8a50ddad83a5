import { describe, expect, it } from 'vitest'
import { SearchIndex } from '../../shared/search'

const ids = (index: SearchIndex, query: string) =>
  index
    .search(query, 1000)
    .map((hit) => hit.id)
    .sort()

describe('the search index saved and opened again', () => {
  it('answers as before, and keeps ids apart when items are removed and added after opening', () => {
    const index = new SearchIndex()
    index.add({ id: 's:one', sourceId: 'one', title: 'Albania outage', body: 'ransomware hit' })
    index.add({ id: 'a:two', sourceId: 'one', title: '', body: 'ransomware note 10.0.0.1' })
    index.add({ id: 's:three', sourceId: 'three', title: 'Other', body: 'wiper malware' })
    index.remove('s:three')
    const opened = SearchIndex.import(index.export())
    expect(ids(opened, 'ransomware')).toEqual(['a:two', 's:one'])
    expect(ids(opened, 'ransom')).toEqual(['a:two', 's:one'])
    expect(ids(opened, '10.0.0.1')).toEqual(['a:two'])
    expect(ids(opened, 'wiper')).toEqual([])
    expect(opened.ownerOf('a:two')).toBe('one')

    // A new item after opening must not take the number of one already indexed.
    opened.add({ id: 'n:four', sourceId: 'n:four', title: 'Note', body: 'ransomware timeline' })
    opened.remove('s:one')
    opened.add({ id: 'a:two', sourceId: 'one', title: '', body: 'edited comment' })
    expect(ids(opened, 'ransomware')).toEqual(['n:four'])
    expect(ids(opened, 'edited')).toEqual(['a:two'])
    expect(opened.size).toBe(2)
    expect(ids(SearchIndex.import(opened.export()), 'ransomware')).toEqual(['n:four'])
  })
})

describe('removing an item', () => {
  it('leaves the index answering exactly as one built without it', () => {
    const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu'.split(' ')
    const text = (n: number, length: number) =>
      Array.from({ length }, (_, k) => words[(n * 7 + k * k) % words.length]).join(' ')
    const items = Array.from({ length: 60 }, (_, n) => ({
      id: n % 6 === 0 ? `s:${n}` : `a:${n}`,
      sourceId: String(n - (n % 6)),
      title: n % 6 === 0 ? text(n, 2) : '',
      body: text(n, 3 + (n % 9)),
    }))
    const changed = (index: SearchIndex) => {
      for (const item of items) if (Number(item.id.slice(2)) % 4 === 1) index.remove(item.id)
      for (const item of items)
        if (Number(item.id.slice(2)) % 5 === 2) index.add({ ...item, body: text(99, 4) })
      index.remove('s:0') // a source: FlexSearch's own removal
    }
    const kept = items
      .filter((item) => {
        const n = Number(item.id.slice(2))
        return (n % 4 !== 1 || n % 5 === 2) && item.id !== 's:0' // removed, or added again
      })
      .map((item) => (Number(item.id.slice(2)) % 5 === 2 ? { ...item, body: text(99, 4) } : item))
    const expected = new SearchIndex()
    for (const item of kept) expected.add(item)

    const edited = new SearchIndex()
    for (const item of items) edited.add(item)
    changed(edited)
    const reopened = new SearchIndex()
    for (const item of items) reopened.add(item)
    const opened = SearchIndex.import(reopened.export())
    changed(opened)
    for (const word of words) {
      const want = ids(expected, `${word} `) // a whole word, not a prefix
      expect(ids(edited, `${word} `), word).toEqual(want)
      expect(ids(opened, `${word} `), `${word} opened`).toEqual(want)
    }
    expect(edited.size).toBe(kept.length)
  })
})

describe('saving a large index', () => {
  it('writes it in slices that open to the same index, pausing between them', async () => {
    const index = new SearchIndex()
    const word = (n: number) => `w${n.toString(36)}x`
    for (let item = 0; item < 300; item++) {
      const words = Array.from({ length: 100 }, (_, k) => word(item * 100 + k))
      index.add({ id: `a:${item}`, sourceId: 's', title: '', body: words.join(' ') })
    }
    let pauses = 0
    const chunks = await index.exportSlowly(async () => ++pauses > 0)
    if (!chunks) throw new Error('the export gave up')
    expect([...chunks.keys()].filter((key) => key.startsWith('body.')).length).toBeGreaterThan(1)
    expect(pauses).toBe(chunks.size)
    const opened = SearchIndex.import(chunks)
    for (const n of [0, 1, 12_345, 20_000, 29_999]) {
      const found = ids(opened, `${word(n)} `)
      expect(found).toContain(`a:${Math.floor(n / 100)}`)
      expect(found).toEqual(ids(index, `${word(n)} `))
    }
    expect(opened.size).toBe(300)
  })
})
