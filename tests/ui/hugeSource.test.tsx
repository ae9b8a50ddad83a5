import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { importText, openSource, readerPage, renderApp } from './support/renderApp'

/** One line of numbered words (each unique, so a phrase is found once), `length` characters. */
function oneLine(length: number): string {
  const words: string[] = ['One line of text with no break in it:']
  let size = words[0]!.length
  for (let n = 1; size < length; n++) {
    const word = `word${String(n).padStart(6, '0')}`
    words.push(word)
    size += word.length + 1
  }
  return words.join(' ').slice(0, length)
}

function textNodes(root: Element): Text[] {
  const nodes: Text[] = []
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text)
  return nodes
}

/** Where each run of the reader's text starts in the canonical text, and its length. */
function runs(root: Element): Array<{ start: number; text: string }> {
  return [...root.querySelectorAll('[data-start]')].map((element) => ({
    start: Number(element.getAttribute('data-start')),
    text: element.textContent ?? '',
  }))
}

async function openHugeLine() {
  let sourceId = ''
  const library = await renderApp(async (library) => {
    sourceId = (await importText(library, 'one-line.txt', oneLine(300_000))).id
  })
  const reader = await openSource('one-line')
  const { text, blocks } = await library.client.call('sources.get', { id: sourceId })
  return { library, sourceId, reader, text, blocks }
}

describe('a source of one very long line', () => {
  it('is shown in pieces, never as one text node holding the whole line', async () => {
    const { reader, text, blocks } = await openHugeLine()
    expect(blocks).toHaveLength(1)
    expect(text.length).toBeGreaterThan(250_000)

    const nodes = textNodes(reader)
    expect(Math.max(...nodes.map((node) => node.length))).toBeLessThanOrEqual(16_384)
    // The pieces still add up to the text, each run where its `data-start` says, none missing.
    const shown = runs(reader)
    expect(shown.map((run) => run.text).join('')).toBe(text)
    let next = 0
    for (const run of shown) {
      expect(run.start).toBe(next)
      next += run.text.length
    }
    expect(next).toBe(text.length)
  })

  it('saves a passage far into the line, across two pieces, with its exact offsets', async () => {
    const { library, sourceId, reader, text } = await openHugeLine()
    // The boundary between two runs about three quarters of the way in.
    const boundary = runs(reader)
      .map((run) => run.start)
      .find((start) => start > text.length * 0.75)!
    expect(boundary).toBeDefined()
    let start = boundary - 30
    let end = boundary + 30
    while (text[start] === ' ') start++
    while (text[end - 1] === ' ') end--
    const phrase = text.slice(start, end)
    expect(text.indexOf(phrase)).toBe(start)

    await readerPage.highlight(phrase, 'Far into the line.')

    const { annotations } = await library.client.call('annotations.list', { sourceId })
    expect(annotations).toHaveLength(1)
    expect(annotations[0]!.target.position).toEqual({ start, end })
    expect(annotations[0]!.target.quote.exact).toBe(phrase)
    // One highlight, drawn in each piece it covers.
    const marks = readerPage.marks()
    expect(marks.length).toBeGreaterThan(1)
    expect(marks.join('')).toBe(phrase)
    expect(screen.getByTestId('reader').textContent).toBe(text)
  })

  it('still shows each block of a short source as one run', async () => {
    let sourceId = ''
    const library = await renderApp(async (library) => {
      const text = 'Port closed\n\nThe port suspended handling.\n\nA group claimed the attack.'
      sourceId = (await importText(library, 'short.txt', text)).id
    })
    const reader = await openSource('Port closed')
    const { text, blocks } = await library.client.call('sources.get', { id: sourceId })
    expect(runs(reader)).toEqual(
      blocks.map((block) => ({ start: block.start, text: text.slice(block.start, block.end) })),
    )
  })
})
