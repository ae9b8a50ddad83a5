import MarkdownIt from 'markdown-it'
import footnote from 'markdown-it-footnote'
import { afterEach, describe, expect, it } from 'vitest'
import { describeRange } from '../../shared/anchoring'
import { makeLibrary, type TestLibrary } from '../support/makeLibrary'

const hostile = [
  'From: <img src=x onerror=alert(1)>',
  'Report *with* [a link](javascript:alert(1)) and <script>alert(2)</script>',
  '',
  'The attackers wrote <b onmouseover=alert(3)>bold</b> & used `code` in their note.',
  '',
  '1. This line looks like a list item but is a sentence.',
].join('\n')

let open: TestLibrary | undefined
afterEach(async () => open?.close())

/** Renders with a maintained CommonMark parser (html enabled, so raw HTML would show if it got through). */
function render(markdown: string): string {
  return new MarkdownIt({ html: true }).use(footnote).render(markdown)
}

describe('the exported brief, read by a Markdown parser', () => {
  it('quotes hostile source text verbatim, with no raw HTML, and every footnote resolves', async () => {
    open = await makeLibrary({ indexPersistDelayMs: 60_000 })
    const { client } = open
    const { source } = await client.call('sources.import', {
      fileName: 'hostile.txt',
      text: hostile,
    })
    const { text } = await client.call('sources.get', { id: source.id })
    const quotes = [
      '<b onmouseover=alert(3)>bold</b> & used `code`',
      '1. This line looks like a list item',
    ]
    for (const exact of quotes) {
      const start = text.indexOf(exact)
      await client.call('annotations.create', {
        sourceId: source.id,
        quote: describeRange(text, start, start + exact.length),
        position: { start, end: start + exact.length },
        comment: 'Comment with <iframe src=x></iframe>',
      })
    }
    const { markdown } = await client.call('briefs.export', {
      draft: { title: 'Brief <script>alert(4)</script>' },
    })
    const html = render(markdown)
    expect(html).not.toMatch(/<(img|script|b|iframe)[\s>]/i)
    expect(html).not.toContain('href="javascript:')
    const refs = [...html.matchAll(/href="#fn(\d+)"/g)].map((m) => m[1])
    const notes = [...html.matchAll(/id="fn(\d+)"/g)].map((m) => m[1])
    expect(refs).toEqual(['1', '2'])
    expect(notes).toEqual(['1', '2'])
    const plain = html
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
    for (const exact of quotes) expect(plain).toContain(exact)
  })
})
