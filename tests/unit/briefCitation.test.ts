import MarkdownIt from 'markdown-it'
import footnote from 'markdown-it-footnote'
import { describe, expect, it } from 'vitest'
import {
  formatCitation,
  maxBriefChars,
  readBriefCitations,
  type BriefFootnote,
  type CitationParts,
  type CitedPassage,
} from '../../shared/brief/citation'

const sha = 'a3f09c1d2e4b5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8'

const parts: CitationParts = {
  quote: 'The port gate system\n\nfailed on Friday.',
  sourceTitle: 'Harbour outage',
  authors: ['Ana Ruiz', 'Li Wei'],
  publishedAt: '2024-03-01',
  origin: 'https://news.example/harbour',
  place: { page: 2, paragraph: 4 },
  textSha256: sha,
}

/** Strings that are Markdown, HTML or this very format, as source text may be. */
const nasty = [
  'From: <img src=x onerror=alert(1)>',
  'Report *with* [a link](javascript:alert(1)) and <script>alert(2)</script>',
  'The attackers wrote <b onmouseover=alert(3)>bold</b> & used `code` in their note.',
  '1. This line looks like a list item but is a sentence.',
  'Comment with <iframe src=x></iframe>',
  '“quoted” — *title*, Doe, Jane (2020), `origin`, p. 3, paragraph 2; sha256 `abcdef012345`.',
  '” — *',
  '[^1] [^2]: not a footnote ^[inline]',
  '``double`` and ` single and trailing `',
  '`',
  'back\\slash at the end\\',
  '\\*not emphasis\\*',
  '_under_ **strong** ~~struck~~ | cell | ==mark==',
  '# heading\n- item\n> quote\n    code\n---',
  '&amp; &#x3C; &lt;script&gt; &copy',
  'https://example.org/a?b=c&d=e www.example.org mail@example.org',
  '(parenthesised), with, commas; and (nested (brackets))',
  ' leading and trailing spaces ',
  'tabs\tand\r\nwindows\u2028line\u00a0breaks\u3000',
  'emoji 😀, accents é and e\u0301, right-to-left שלום, CJK 港口',
  'a NUL \u0000 character',
  'Title.',
  '*',
  '',
]

const viewer = new MarkdownIt({ html: true, linkify: true }).use(footnote)

/** What a footnote says once written: every field on one line, edges trimmed (the quote's kept). */
function asWritten(p: CitationParts): CitedPassage {
  const nul = (s: string) => s.replace(/\0/g, '\ufffd')
  const field = (s: string) => nul(s.replace(/\s+/g, ' ').trim())
  return {
    quote: nul(p.quote.replace(/\s+/g, ' ')),
    sourceTitle: field(p.sourceTitle) || 'Untitled',
    authors: p.authors.map(field).filter((author) => author !== ''),
    publishedAt: field(p.publishedAt ?? '') || null,
    origin: field(p.origin),
    place: p.place,
    textSha256Prefix: p.textSha256.slice(0, 12),
  }
}

function readOne(body: string): BriefFootnote {
  const { footnotes } = readBriefCitations(`A claim.[^1]\n\n[^1]: ${body}\n`)
  expect(footnotes).toHaveLength(1)
  return footnotes[0] as BriefFootnote
}

function citationOf(note: BriefFootnote): CitedPassage | string {
  return note.readable ? note.citation : note.problem
}

describe('a citation footnote', () => {
  it('names the quote, source, authors, date, origin, place and hash on one line', () => {
    expect(formatCitation(parts)).toBe(
      '“The port gate system failed on Friday.” — *Harbour outage*, Ana Ruiz, Li Wei (2024-03-01), ' +
        '`https://news.example/harbour`, p. 2, paragraph 4; sha256 `a3f09c1d2e4b`.',
    )
    expect(
      formatCitation({ ...parts, authors: [], publishedAt: null, place: { paragraph: 1 } }),
    ).toBe(
      '“The port gate system failed on Friday.” — *Harbour outage*, `https://news.example/harbour`, ' +
        'paragraph 1; sha256 `a3f09c1d2e4b`.',
    )
  })

  it('reads back what it wrote, for every nasty string in every field', () => {
    for (const text of nasty) {
      const variants: CitationParts[] = [
        { ...parts, quote: text },
        { ...parts, sourceTitle: text },
        { ...parts, authors: [text, `${text}, again`] },
        { ...parts, publishedAt: text },
        { ...parts, origin: text },
        {
          quote: text,
          sourceTitle: text,
          authors: [text],
          publishedAt: text,
          origin: text,
          place: { paragraph: 7 },
          textSha256: sha,
        },
      ]
      for (const variant of variants) {
        const note = readOne(formatCitation(variant))
        expect(citationOf(note), JSON.stringify(variant)).toEqual(asWritten(variant))
        // Shown by a viewer that allows HTML and links bare URLs: still text, no markup.
        const html = viewer.render(`A claim.[^1]\n\n[^1]: ${formatCitation(variant)}\n`)
        expect(html).not.toMatch(/<(img|script|b|iframe)[\s>]/i)
        expect(html.match(/<a /g)).toHaveLength(2)
      }
    }
  })

  it('reads back random mixtures of Markdown syntax, white space and text', () => {
    const alphabet = [
      'a',
      'Z',
      ' ',
      '  ',
      '\n',
      '\t',
      '*',
      '**',
      '_',
      '`',
      '``',
      '\\',
      '[',
      ']',
      '(',
      ')',
      ',',
      ', ',
      ';',
      '“',
      '”',
      ' — ',
      '<',
      '>',
      '&',
      '#',
      '-',
      '1.',
      '|',
      '~',
      '@',
      '://',
      'www.',
      '^',
      '!',
      '"',
      "'",
      '{',
      '}',
      '=',
      '+',
      ':',
      '.',
      '\u00a0',
      '😀',
      'é',
      '%',
      '$',
      '\u200b',
    ]
    let seed = 42
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed % n
    }
    const text = () =>
      Array.from({ length: random(24) }, () => alphabet[random(alphabet.length)]).join('')
    for (let i = 0; i < 400; i++) {
      const variant: CitationParts = {
        quote: text(),
        sourceTitle: text(),
        authors: Array.from({ length: random(3) }, text),
        publishedAt: random(2) === 0 ? null : text(),
        origin: text(),
        place:
          random(2) === 0 ? { paragraph: 1 + random(90) } : { page: 1 + random(9), paragraph: 1 },
        textSha256: sha,
      }
      expect(citationOf(readOne(formatCitation(variant))), JSON.stringify(variant)).toEqual(
        asWritten(variant),
      )
    }
  })

  it('reads the older footnotes that did not name their origin', () => {
    const note = readOne(
      '“A \\*starred\\* quote” — *Harbour outage*, Ana Ruiz, Li Wei (2024-03-01), p. 2, paragraph 4; sha256 `a3f09c1d2e4b`.',
    )
    expect(citationOf(note)).toEqual({
      quote: 'A *starred* quote',
      sourceTitle: 'Harbour outage',
      authors: ['Ana Ruiz', 'Li Wei'],
      publishedAt: '2024-03-01',
      origin: null,
      place: { page: 2, paragraph: 4 },
      textSha256Prefix: 'a3f09c1d2e4b',
    })
    expect(
      citationOf(readOne('“Short” — *Untitled report*, paragraph 12; sha256 `0123456789ab`.')),
    ).toMatchObject({ authors: [], publishedAt: null, origin: null, place: { paragraph: 12 } })
  })
})

describe('reading the footnotes of a brief', () => {
  it('counts the references to each footnote and lists the references to none', () => {
    const body = formatCitation(parts)
    const markdown = [
      '# Brief',
      '',
      '> A quote.[^1]',
      '',
      'Cited again[^1], and a dangling one[^9] and [^x], but not \\[^2\\] nor `[^3]`.',
      '',
      `[^1]: ${body}`,
      `[^2]: ${body}`,
      '',
    ].join('\n')
    const { footnotes, undefinedReferences } = readBriefCitations(markdown)
    expect(
      footnotes.map(({ n, label, references, readable }) => ({ n, label, references, readable })),
    ).toEqual([
      { n: 1, label: '1', references: 2, readable: true },
      { n: 2, label: '2', references: 0, readable: true },
    ])
    expect(undefinedReferences).toEqual(['9', 'x'])
  })

  it('finds nothing in Markdown without footnotes', () => {
    expect(readBriefCitations('')).toEqual({ footnotes: [], undefinedReferences: [] })
    expect(readBriefCitations('# Title\n\nJust *text* and [a link](https://x.example).\n')).toEqual(
      {
        footnotes: [],
        undefinedReferences: [],
      },
    )
  })

  it('reports footnotes in another format as unreadable, with what they say', () => {
    const markdown = [
      'Claims.[^a][^b][^c][^d][^e][^f] And an inline one.^[Said by *someone*.]',
      '',
      '[^a]: Smith, J. (2020). *Harbour outage*. News Example, p. 4.',
      '[^b]: “A quote” — *A title*, [a link](https://x.example), paragraph 1; sha256 `abcdef012345`.',
      '[^c]: “A quote” — *A title*, paragraph 1; sha256 `not-a-hash`.',
      '[^d]: “A quote” — *A title*, paragraph 0; sha256 `abcdef012345`.',
      '[^e]: First paragraph.',
      '',
      '    Second paragraph.',
      '[^f]:',
      '    - a list',
      '',
    ].join('\n')
    const { footnotes } = readBriefCitations(markdown)
    const report = footnotes.map((note) => ({
      label: note.label,
      text: note.text,
      problem: note.readable ? undefined : note.problem,
    }))
    expect(report).toEqual([
      { label: '', text: 'Said by *someone*.', problem: expect.stringMatching(/inline footnote/) },
      {
        label: 'a',
        text: 'Smith, J. (2020). Harbour outage. News Example, p. 4.',
        problem: expect.stringMatching(/not a Casefile citation/),
      },
      {
        label: 'b',
        text: '“A quote” — A title, a link, paragraph 1; sha256 abcdef012345.',
        problem: expect.stringMatching(/not a Casefile citation/),
      },
      { label: 'c', text: expect.any(String), problem: expect.stringMatching(/sha256/) },
      { label: 'd', text: expect.any(String), problem: expect.stringMatching(/paragraph/) },
      {
        label: 'e',
        text: 'First paragraph. Second paragraph.',
        problem: expect.stringMatching(/single paragraph/),
      },
      { label: 'f', text: 'a list', problem: expect.stringMatching(/single paragraph/) },
    ])
  })

  it('survives hostile Markdown', () => {
    const hostile = [
      '>'.repeat(5_000) + ' deep',
      '['.repeat(20_000) + '^1' + ']'.repeat(20_000),
      '*'.repeat(50_000),
      '[^1]: ' + '“'.repeat(10_000) + '” — ',
      '<div>[^1]: inside html</div>',
      '[^1]:\n[^2]: [^1]: nested',
      '\u0000\ufffe\ud800 binary-ish',
    ]
    for (const markdown of hostile) expect(() => readBriefCitations(markdown)).not.toThrow()
  })

  it('refuses a file too large to be a brief, saying so', () => {
    expect(() => readBriefCitations('a'.repeat(maxBriefChars + 1))).toThrow(
      /a brief is read up to 64 million/,
    )
  })
})
