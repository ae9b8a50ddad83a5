import { describe, expect, it } from 'vitest'
import { innermostSpan, segmentText } from '../../renderer/src/features/reader/segmentText'
import { snippetSegments } from '../../renderer/src/features/search/snippetSegments'

describe('segmentText', () => {
  it('leaves a block without highlights as one run', () => {
    expect(segmentText(10, 20, [])).toEqual([{ start: 10, end: 20, ids: [] }])
  })

  it('cuts a block at the edges of a highlight inside it', () => {
    expect(segmentText(0, 10, [{ id: 'a', start: 2, end: 5 }])).toEqual([
      { start: 0, end: 2, ids: [] },
      { start: 2, end: 5, ids: ['a'] },
      { start: 5, end: 10, ids: [] },
    ])
  })

  it('splits overlapping highlights into runs covered by one or both', () => {
    const spans = [
      { id: 'a', start: 0, end: 6 },
      { id: 'b', start: 4, end: 10 },
    ]
    expect(segmentText(0, 12, spans)).toEqual([
      { start: 0, end: 4, ids: ['a'] },
      { start: 4, end: 6, ids: ['a', 'b'] },
      { start: 6, end: 10, ids: ['b'] },
      { start: 10, end: 12, ids: [] },
    ])
  })

  it('clips a highlight running across blocks to each block', () => {
    const spans = [{ id: 'a', start: 5, end: 25 }]
    expect(segmentText(0, 10, spans)).toEqual([
      { start: 0, end: 5, ids: [] },
      { start: 5, end: 10, ids: ['a'] },
    ])
    expect(segmentText(12, 30, spans)).toEqual([
      { start: 12, end: 25, ids: ['a'] },
      { start: 25, end: 30, ids: [] },
    ])
  })

  it('covers every character of the block exactly once', () => {
    const spans = [
      { id: 'a', start: 3, end: 9 },
      { id: 'b', start: 3, end: 4 },
      { id: 'c', start: 8, end: 40 },
    ]
    const segments = segmentText(0, 20, spans)
    expect(segments[0]?.start).toBe(0)
    expect(segments.at(-1)?.end).toBe(20)
    for (let i = 1; i < segments.length; i++) expect(segments[i]?.start).toBe(segments[i - 1]?.end)
  })

  it('picks the innermost of overlapping highlights for a click', () => {
    const spans = [
      { id: 'long', start: 0, end: 50 },
      { id: 'short', start: 10, end: 14 },
    ]
    expect(innermostSpan(['long', 'short'], spans)).toBe('short')
  })
})

describe('snippetSegments', () => {
  it('marks the highlighted ranges and keeps the rest as plain text', () => {
    expect(
      snippetSegments('the Harbour Spider group', [
        [4, 11],
        [12, 18],
      ]),
    ).toEqual([
      { text: 'the ', marked: false },
      { text: 'Harbour', marked: true },
      { text: ' ', marked: false },
      { text: 'Spider', marked: true },
      { text: ' group', marked: false },
    ])
  })

  it('survives ranges out of order, overlapping or out of bounds', () => {
    const segments = snippetSegments('abcdef', [
      [4, 99],
      [1, 3],
      [2, 5],
      [-3, 0],
    ])
    expect(segments.map((segment) => segment.text).join('')).toBe('abcdef')
    expect(segments.filter((segment) => segment.marked).map((segment) => segment.text)).toEqual([
      'bcdef',
    ])
  })
})
