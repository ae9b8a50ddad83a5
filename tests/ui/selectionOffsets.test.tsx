import './support/jsdomPolyfills'
import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Block } from '../../shared/model'
import { BlockView } from '../../renderer/src/features/reader/BlockView'
import {
  boundaryToOffset,
  rangeToOffsets,
} from '../../renderer/src/features/reader/selectionOffsets'

afterEach(cleanup)

const text = 'Port closed\n\nHarbour Spider claimed the attack on Saturday.'
const blocks: Block[] = [
  { type: 'heading', level: 1, start: 0, end: 11 },
  { type: 'paragraph', start: 13, end: text.length },
]

/** Renders the blocks as the reader does, with one highlight over "Spider claimed". */
function renderBlocks() {
  const spans = [{ id: 'a', start: 21, end: 35 }]
  const { container } = render(
    <article>
      {blocks.map((block) => (
        <BlockView
          key={block.start}
          block={block}
          text={text}
          spans={spans}
          colors={new Map([['a', 'yellow']])}
          selectedId={undefined}
          onHighlightClick={() => {}}
        />
      ))}
    </article>,
  )
  return container.querySelector('article')!
}

function textNodeStarting(root: Element, start: number): Text {
  const node = root.querySelector(`[data-start="${start}"]`)?.firstChild
  if (!(node instanceof Text)) throw new Error(`no run starts at ${start}`)
  return node
}

describe('mapping a selection in the reader to offsets in the canonical text', () => {
  it('renders each run with the offset where it starts', () => {
    const root = renderBlocks()
    const runs = [...root.querySelectorAll('[data-start]')].map((element) => [
      Number(element.getAttribute('data-start')),
      element.textContent,
    ])
    expect(runs).toEqual([
      [0, 'Port closed'],
      [13, 'Harbour '],
      [21, 'Spider claimed'],
      [35, ' the attack on Saturday.'],
    ])
    for (const [start, run] of runs)
      expect(text.slice(Number(start)).startsWith(String(run))).toBe(true)
  })

  it('maps a selection that starts in plain text and ends inside a highlight', () => {
    const root = renderBlocks()
    const range = document.createRange()
    range.setStart(textNodeStarting(root, 13), 0) // "Harbour"
    range.setEnd(textNodeStarting(root, 21), 6) // "Spider"
    expect(rangeToOffsets(root, range, text)).toEqual({ start: 13, end: 27 })
    expect(text.slice(13, 27)).toBe('Harbour Spider')
  })

  it('maps a selection across blocks, including the separator between them', () => {
    const root = renderBlocks()
    const range = document.createRange()
    range.setStart(textNodeStarting(root, 0), 5)
    range.setEnd(textNodeStarting(root, 13), 7)
    const offsets = rangeToOffsets(root, range, text)
    expect(offsets).toEqual({ start: 5, end: 20 })
    expect(text.slice(5, 20)).toBe('closed\n\nHarbour')
  })

  it('maps element boundaries, as a triple click makes them, to the nearest text', () => {
    const root = renderBlocks()
    const paragraph = root.querySelector('p')!
    const range = document.createRange()
    range.setStart(paragraph, 0)
    range.setEnd(paragraph, paragraph.childNodes.length)
    expect(rangeToOffsets(root, range, text)).toEqual({ start: 13, end: text.length })
    expect(boundaryToOffset(root, root, 0, 'start')).toBe(0)
    expect(boundaryToOffset(root, root, root.childNodes.length, 'end')).toBe(text.length)
  })

  it('trims white space at the ends and ignores a selection of only white space', () => {
    const root = renderBlocks()
    const range = document.createRange()
    range.setStart(textNodeStarting(root, 13), 7) // the space after "Harbour"
    range.setEnd(textNodeStarting(root, 35), 4) // " the"
    expect(rangeToOffsets(root, range, text)).toEqual({ start: 21, end: 39 })
    const blank = document.createRange()
    blank.setStart(textNodeStarting(root, 13), 7)
    blank.setEnd(textNodeStarting(root, 13), 8)
    expect(rangeToOffsets(root, blank, text)).toBeUndefined()
  })
})
