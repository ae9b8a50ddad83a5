import { describe, expect, it } from 'vitest'
import { anchorQuote, describeRange } from '../../shared/anchoring'
import { escapeMarkdown } from '../../shared/brief'
import { foldForSearch, foldText, foldWithMap, makeSnippet, queryTerms } from '../../shared/search'
import { blocksOf, buildCanonicalText, normalizeText } from '../../shared/text'

describe('canonical text', () => {
  it('normalises to NFC, Unix line ends, one kind of space, no invisible characters', () => {
    expect(normalizeText('Cafe\u0301\r\nZu\u0308rich\u00a0\u00a0now\u200b\ttab\u00ad')).toBe(
      'Café\nZürich now tab',
    )
  })

  it('joins blocks with a blank line and records where each lies', () => {
    const { text, blocks } = buildCanonicalText([
      { type: 'heading', level: 1, text: 'Title' },
      { type: 'paragraph', text: 'Hard-wrapped\nparagraph.' },
      { type: 'paragraph', text: '   ' },
      { type: 'list-item', text: 'Item' },
    ])
    expect(text).toBe('Title\n\nHard-wrapped paragraph.\n\nItem')
    expect(blocks.map((b) => text.slice(b.start, b.end))).toEqual([
      'Title',
      'Hard-wrapped paragraph.',
      'Item',
    ])
    expect(blocksOf(text).map((b) => [b.start, b.end])).toEqual(blocks.map((b) => [b.start, b.end]))
  })
})

describe('anchoring', () => {
  const text = 'The port closed. Officials said the port closed. Later the port reopened.'

  it('describes a range with up to 32 characters of context', () => {
    const start = text.indexOf('Officials')
    expect(describeRange(text, start, start + 9)).toEqual({
      exact: 'Officials',
      prefix: 'The port closed. ',
      suffix: ' said the port closed. Later the',
    })
  })

  it('keeps the position while the quote is still there', () => {
    const start = text.lastIndexOf('the port closed')
    const quote = describeRange(text, start, start + 15)
    expect(anchorQuote(text, quote, { start, end: start + 15 })).toMatchObject({
      status: 'exact',
      start,
    })
  })

  it('uses prefix and suffix to choose between repeats when the text moved', () => {
    const start = text.lastIndexOf('port closed')
    const quote = describeRange(text, start, start + 11)
    const edited = `Breaking: ${text}`
    const anchor = anchorQuote(edited, quote, { start, end: start + 11 })
    expect(anchor).toMatchObject({
      status: 'exact',
      start: start + 'Breaking: '.length,
    })
  })

  it('orphans a quote that is gone instead of attaching it elsewhere', () => {
    const quote = describeRange(text, 0, 16)
    expect(anchorQuote('Something else entirely.', quote, { start: 0, end: 16 })).toMatchObject({
      status: 'orphaned',
    })
  })
})

describe('search folding and snippets', () => {
  it('folds case, and apostrophes inside words only', () => {
    expect(foldForSearch("Ka’nani and Ka'nani, ‘quoted’")).toBe('kanani and kanani, ‘quoted’')
    expect(queryTerms('Łódź  Zürich e-Albania')).toEqual(['lodz', 'zurich', 'e', 'albania'])
  })

  it('maps every folded character back to the one it came from', () => {
    // Plain ASCII runs are folded in bulk: the map must be what one character at a time gives.
    const pieces = [
      'Ab',
      "'",
      '`',
      'ß',
      'Æ',
      'é',
      'e\u0301',
      'Ł',
      '—',
      '网络',
      '😀',
      ' ',
      'x',
      'ς',
      '’',
    ]
    let seed = 7
    for (let trial = 0; trial < 200; trial++) {
      let text = ''
      for (let k = 0; k < 12; k++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31
        text += pieces[seed % pieces.length]
      }
      const { folded, originalIndex } = foldWithMap(text)
      for (let i = 0; i < folded.length; i++) {
        const from = text.codePointAt(originalIndex(i)) as number
        expect(foldForSearch(String.fromCodePoint(from)), `${text} at ${i}`).toContain(
          folded[i] === '-' ? '-' : (folded[i] as string).toLowerCase(),
        )
      }
    }
    for (let trial = 0; trial < 200; trial++) {
      let text = ''
      for (let k = 0; k < 12; k++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31
        text += `${pieces[seed % pieces.length]}${seed % 3 === 0 ? ' ' : ''}`
      }
      // The quick fold (no map) that checks a hit's text must agree with the one that marks it.
      expect(foldText(text), text).toBe(foldWithMap(text).folded)
    }
    const { folded, originalIndex } = foldWithMap("Straße Ka'nani")
    expect(folded).toBe('strasse kanani')
    expect([...folded].map((_, i) => originalIndex(i))).toEqual([
      0, 1, 2, 3, 4, 4, 5, 6, 7, 8, 10, 11, 12, 13,
    ])
  })

  it('highlights a hyphenated query as one phrase', () => {
    const snippet = makeSnippet('Every system failed. The e-Albania portal went down.', 'e-Albania')
    expect(snippet.highlights.map(([s, e]) => snippet.text.slice(s, e))).toEqual(['e-Albania'])
  })

  it('marks a prefix to the end of its word and keeps offsets true across line breaks', () => {
    const snippet = makeSnippet('First paragraph.\n\nThe Zürich office', 'zur')
    expect(snippet.highlights.map(([s, e]) => snippet.text.slice(s, e))).toEqual(['Zürich'])
  })

  it('marks every match inside the window, wherever the first match lies in a long text', () => {
    for (const at of [0, 1500, 1700, 1990, 2040, 2046, 2300, 7000, 8180, 20000]) {
      const filler = 'lorem ipsum dolor '.repeat(1400)
      // The first match, a second one soon after, and a longer word the prefix also marks.
      const text = `${filler.slice(0, at)} needle and needlework, needle ${filler.slice(at)}`
      const snippet = makeSnippet(text, 'needle')
      const marked = snippet.highlights.map(([s, e]) => snippet.text.slice(s, e))
      expect(marked, `first match at ${at}`).toEqual(['needle', 'needlework', 'needle'])
    }
  })

  it('cuts a window around the first match in a long text', () => {
    const text = `${'filler '.repeat(200)}needle here${' filler'.repeat(200)}`
    const snippet = makeSnippet(text, 'needle')
    expect(snippet.text.startsWith('…')).toBe(true)
    expect(snippet.text.length).toBeLessThan(220)
    expect(snippet.highlights).toHaveLength(1)
  })
})

describe('Markdown escaping', () => {
  it('shows source text verbatim: no HTML, links, emphasis or list markers', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)> [a](b) *x* _y_ `z` &amp;')).toBe(
      '\\<img src=x onerror=alert(1)\\> \\[a\\](b) \\*x\\* \\_y\\_ \\`z\\` \\&amp;',
    )
    expect(escapeMarkdown('# not a heading\n- not a list\n1. not a list')).toBe(
      '\\# not a heading\n\\- not a list\n1\\. not a list',
    )
  })
})
