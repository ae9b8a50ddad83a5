import { describe, expect, it } from 'vitest'
import { describeRange } from '../../shared/anchoring'
import {
  AnnotationCollectionSchema,
  maxWebAnnotations,
  parseWebAnnotations,
  toAnnotationCollection,
  toWebAnnotation,
} from '../../shared/interchange'
import type { Annotation, HighlightColor, Source } from '../../shared/model'

const anno = 'http://www.w3.org/ns/anno.jsonld'
const text =
  'The port’s gate system failed on Friday, officials said. Nasser Ka’nani said the “claims are ' +
  'baseless”, and the e-Albania portal went down 🚢 for most of the weekend.'

function makeSource(overrides: Partial<Source> = {}): Source {
  return {
    id: 'source-1',
    title: 'Harbour Systems Fail',
    authors: ['Ada Byline'],
    publishedAt: null,
    origin: { fileName: 'harbour.html', url: 'https://news.example/harbour' },
    kind: 'html',
    language: 'en',
    charset: 'utf-8',
    originalSha256: 'a1'.repeat(32),
    textSha256: 'b2'.repeat(32),
    textLength: text.length,
    importer: { name: 'html', version: '1' },
    importedAt: '2025-03-01T10:00:00.000Z',
    tags: [],
    tlp: 'CLEAR',
    reliability: null,
    ...overrides,
  }
}

function makeAnnotation(
  exact: string,
  extra: { comment?: string; tags?: string[]; color?: HighlightColor; id?: string } = {},
): Annotation {
  const start = text.indexOf(exact)
  return {
    id: extra.id ?? '0b6c1f1e-7a4d-4c8e-9a61-2f1d3c4b5a69',
    sourceId: 'source-1',
    target: {
      textSha256: 'b2'.repeat(32),
      quote: describeRange(text, start, start + exact.length),
      position: { start, end: start + exact.length },
    },
    comment: extra.comment ?? '',
    tags: extra.tags ?? [],
    color: extra.color ?? 'yellow',
    createdAt: '2025-03-02T09:00:00.000Z',
    updatedAt: '2025-03-02T09:30:00.000Z',
    deletedAt: null,
  }
}

/** A W3C annotation with a quote on `https://example.org/page1`, for the malformed-item tests. */
const quoting = (exact: string) => ({
  type: 'Annotation',
  target: {
    source: 'https://example.org/page1',
    selector: { type: 'TextQuoteSelector', exact },
  },
})

describe('Casefile annotations as W3C Web Annotations', () => {
  it('writes the comment and tags as TextualBody items and the target by sha256, quote and position', () => {
    const annotation = makeAnnotation('claims are baseless', {
      comment: 'Denial, no evidence.',
      tags: ['denial', 'ka’nani'],
      color: 'pink',
    })
    annotation.anchor = { status: 'fuzzy', score: 0.91, checkedAt: '2025-03-03T00:00:00.000Z' }
    expect(toWebAnnotation(annotation, makeSource())).toEqual({
      id: 'urn:uuid:0b6c1f1e-7a4d-4c8e-9a61-2f1d3c4b5a69',
      type: 'Annotation',
      motivation: 'commenting',
      created: '2025-03-02T09:00:00.000Z',
      modified: '2025-03-02T09:30:00.000Z',
      body: [
        {
          type: 'TextualBody',
          purpose: 'commenting',
          format: 'text/plain',
          value: 'Denial, no evidence.',
        },
        { type: 'TextualBody', purpose: 'tagging', value: 'denial' },
        { type: 'TextualBody', purpose: 'tagging', value: 'ka’nani' },
      ],
      target: {
        type: 'SpecificResource',
        source: `urn:sha256:${'a1'.repeat(32)}`,
        scope: 'https://news.example/harbour',
        selector: [
          {
            type: 'TextQuoteSelector',
            exact: 'claims are baseless',
            prefix: ' said. Nasser Ka’nani said the “',
            suffix: '”, and the e-Albania portal went',
          },
          { type: 'TextPositionSelector', start: 82, end: 101 },
        ],
        'casefile:textSha256': 'b2'.repeat(32),
        'casefile:title': 'Harbour Systems Fail',
      },
      'casefile:color': 'pink',
      'casefile:anchor': 'fuzzy',
      'casefile:anchorScore': 0.91,
      'casefile:anchorCheckedAt': '2025-03-03T00:00:00.000Z',
    })
  })

  it('marks a bare highlight as highlighting, with no body and no scope when the URL is unknown', () => {
    const source = makeSource({ origin: { fileName: 'harbour.txt', url: null } })
    const written = toWebAnnotation(makeAnnotation('gate system'), source)
    expect(written.motivation).toBe('highlighting')
    expect(written).not.toHaveProperty('body')
    expect(written.target).not.toHaveProperty('scope')
  })

  it('collects them with the context, a total and one embedded page, as plain JSON', () => {
    const items = [
      { annotation: makeAnnotation('gate system'), source: makeSource() },
      { annotation: makeAnnotation('portal went down'), source: makeSource() },
    ]
    const collection = toAnnotationCollection(items, '2025-03-04T12:00:00.000Z')
    const json: unknown = JSON.parse(JSON.stringify(collection))
    expect(json).toEqual(collection)
    expect(AnnotationCollectionSchema.parse(json)).toMatchObject({
      '@context': [anno, { casefile: 'https://casefile.invalid/ns#' }],
      type: 'AnnotationCollection',
      total: 2,
      first: { type: 'AnnotationPage', items: [{ type: 'Annotation' }, { type: 'Annotation' }] },
    })
  })

  it('reads back what it wrote: quote, position, comment, tags, colour, source', () => {
    const annotations = [
      makeAnnotation('claims are baseless', { comment: 'Line one.\n\nLine two.', tags: ['x'] }),
      makeAnnotation('went down 🚢 for', {
        color: 'green',
        id: '5d2a4c8e-1111-4c8e-9a61-000000000002',
      }),
    ]
    const collection = toAnnotationCollection(
      annotations.map((annotation) => ({ annotation, source: makeSource() })),
      '2025-03-04T12:00:00.000Z',
    )
    const { items, problems } = parseWebAnnotations(JSON.parse(JSON.stringify(collection)))
    expect(problems).toEqual([])
    expect(items).toEqual(
      annotations.map((annotation, index) => ({
        index,
        id: annotation.id,
        source: { sha256: 'a1'.repeat(32), url: 'https://news.example/harbour' },
        quote: annotation.target.quote,
        position: annotation.target.position,
        comment: annotation.comment,
        tags: annotation.tags,
        color: annotation.color,
        created: annotation.createdAt,
        modified: annotation.updatedAt,
      })),
    )
  })
})

describe('reading the W3C specification’s own shapes', () => {
  it('reads an IRI body and a target with one TextQuoteSelector object', () => {
    const { items, problems } = parseWebAnnotations({
      '@context': anno,
      id: 'http://example.org/anno23',
      type: 'Annotation',
      body: 'http://example.org/comment1',
      target: {
        source: 'http://example.org/page1',
        selector: {
          type: 'TextQuoteSelector',
          exact: 'anotation',
          prefix: 'this is an ',
          suffix: ' that has some',
        },
      },
    })
    expect(problems).toEqual([])
    expect(items).toEqual([
      {
        index: 0,
        id: 'http://example.org/anno23',
        source: { sha256: null, url: 'http://example.org/page1' },
        quote: { exact: 'anotation', prefix: 'this is an ', suffix: ' that has some' },
        position: null,
        comment: 'http://example.org/comment1',
        tags: [],
        color: null,
        created: null,
        modified: null,
      },
    ])
  })

  it('reads an HTML TextualBody, a tagging body and a TextPosition selector beside the quote', () => {
    const { items } = parseWebAnnotations({
      '@context': anno,
      id: 'http://example.org/anno5',
      type: 'Annotation',
      created: '2015-01-28T12:00:00Z',
      modified: '2015-01-29T09:00:00Z',
      body: [
        {
          type: 'TextualBody',
          value: '<p>j&apos;adore&nbsp;!</p>',
          format: 'text/html',
          language: 'fr',
        },
        { type: 'TextualBody', value: 'love', purpose: 'tagging' },
      ],
      target: {
        source: 'http://example.org/ebook1',
        selector: [
          { type: 'TextPositionSelector', start: 412, end: 795 },
          { type: 'TextQuoteSelector', exact: 'some text' },
        ],
      },
    })
    expect(items[0]).toMatchObject({
      comment: "j'adore\u00a0!",
      tags: ['love'],
      position: { start: 412, end: 795 },
      quote: { exact: 'some text', prefix: '', suffix: '' },
      created: '2015-01-28T12:00:00.000Z',
      modified: '2015-01-29T09:00:00.000Z',
    })
  })

  it('reads bodyValue, a Choice body and a page of annotations', () => {
    const { items, problems } = parseWebAnnotations({
      '@context': anno,
      id: 'http://example.org/page1',
      type: 'AnnotationPage',
      startIndex: 0,
      items: [
        { type: 'Annotation', bodyValue: 'Comment text', target: quoting('one').target },
        {
          type: 'Annotation',
          body: {
            type: 'Choice',
            items: [
              { type: 'TextualBody', value: 'Some text', language: 'en' },
              { type: 'TextualBody', value: 'Quelque texte', language: 'fr' },
            ],
          },
          target: quoting('two').target,
        },
      ],
    })
    expect(problems).toEqual([])
    expect(items.map((item) => [item.index, item.quote.exact, item.comment])).toEqual([
      [0, 'one', 'Comment text'],
      [1, 'two', 'Some text'],
    ])
  })

  it('follows embedded next pages and names a page that is only linked', () => {
    const { items, problems } = parseWebAnnotations({
      '@context': anno,
      type: 'AnnotationCollection',
      total: 3,
      first: {
        type: 'AnnotationPage',
        items: [quoting('one')],
        next: { type: 'AnnotationPage', items: [quoting('two')], next: 'http://example.org/page3' },
      },
    })
    expect(items.map((item) => item.quote.exact)).toEqual(['one', 'two'])
    expect(problems).toEqual([
      { item: 2, reason: expect.stringContaining('http://example.org/page3') },
    ])
  })
})

describe('reading a Hypothesis export', () => {
  it('reads the client’s export file', () => {
    const { items, problems } = parseWebAnnotations({
      export_date: '2024-05-01T10:00:00.000Z',
      export_userid: 'acct:analyst@hypothes.is',
      client_version: '1.1500.0',
      annotations: [
        {
          id: 'a1',
          uri: 'https://news.example/harbour',
          text: '',
          tags: ['port'],
          target: [
            {
              source: 'https://news.example/harbour',
              selector: [{ type: 'TextQuoteSelector', exact: 'gate system' }],
            },
          ],
        },
      ],
    })
    expect(problems).toEqual([])
    expect(items).toMatchObject([
      { id: 'a1', comment: '', tags: ['port'], quote: { exact: 'gate system' } },
    ])
  })

  it('takes text as the comment, tags, uri, updated, and reports a page note', () => {
    const { items, problems } = parseWebAnnotations({
      total: 2,
      rows: [
        {
          id: 'Jx3oGpqKEeiv2Sv1OBvPVw',
          created: '2018-06-20T14:02:11.473163+00:00',
          updated: '2018-06-21T08:00:00.000000+00:00',
          user: 'acct:analyst@hypothes.is',
          uri: 'https://news.example/harbour',
          text: 'They **deny** it.',
          tags: ['denial', ' denial ', 'port'],
          group: '__world__',
          permissions: { read: ['group:__world__'] },
          target: [
            {
              source: 'https://news.example/harbour',
              selector: [
                {
                  type: 'RangeSelector',
                  startContainer: '/div[1]/p[2]',
                  startOffset: 0,
                  endContainer: '/div[1]/p[2]',
                  endOffset: 19,
                },
                { type: 'TextPositionSelector', start: 82, end: 101 },
                {
                  type: 'TextQuoteSelector',
                  exact: 'claims are baseless',
                  prefix: 'said the “',
                  suffix: '”, and',
                },
              ],
            },
          ],
          document: { title: ['Harbour Systems Fail'] },
          links: { html: 'https://hypothes.is/a/Jx3oGpqKEeiv2Sv1OBvPVw' },
        },
        {
          id: 'page-note-1',
          uri: 'https://news.example/harbour',
          text: 'A page note: no passage.',
          tags: [],
          target: [{ source: 'https://news.example/harbour' }],
        },
      ],
    })
    expect(items).toEqual([
      {
        index: 0,
        id: 'Jx3oGpqKEeiv2Sv1OBvPVw',
        source: { sha256: null, url: 'https://news.example/harbour' },
        quote: { exact: 'claims are baseless', prefix: 'said the “', suffix: '”, and' },
        position: { start: 82, end: 101 },
        comment: 'They **deny** it.',
        tags: ['denial', 'port'],
        color: null,
        created: '2018-06-20T14:02:11.473Z',
        modified: '2018-06-21T08:00:00.000Z',
      },
    ])
    expect(problems).toEqual([
      { item: 1, reason: expect.stringMatching(/has no TextQuoteSelector/) },
    ])
  })
})

describe('malformed documents', () => {
  it('reports each bad item by its index, in words, and reads the rest', () => {
    const { items, problems } = parseWebAnnotations([
      quoting('first'),
      { type: 'Annotation', body: 'http://example.org/c' },
      { type: 'Annotation', target: 'http://example.org/page1' },
      { type: 'Annotation', target: { source: 'http://example.org/page1' } },
      {
        type: 'Annotation',
        target: {
          source: 'http://example.org/page1',
          selector: {
            type: 'RangeSelector',
            startSelector: { type: 'XPathSelector', value: '/p[1]' },
          },
        },
      },
      quoting(''),
      42,
      null,
      'an annotation',
      { target: { selector: { type: 'TextQuoteSelector', exact: 'nowhere' } } },
      quoting('last'),
    ])
    expect(items.map((item) => [item.index, item.quote.exact])).toEqual([
      [0, 'first'],
      [10, 'last'],
    ])
    expect(problems).toEqual([
      { item: 1, reason: 'has no target.' },
      { item: 2, reason: expect.stringMatching(/has no TextQuoteSelector.*whole resource/) },
      { item: 3, reason: expect.stringMatching(/has no TextQuoteSelector.*no selector/) },
      { item: 4, reason: expect.stringMatching(/has no TextQuoteSelector.*RangeSelector/) },
      { item: 5, reason: expect.stringMatching(/empty quote/) },
      { item: 6, reason: 'is a number (42), not an annotation object.' },
      { item: 7, reason: 'is null, not an annotation object.' },
      { item: 8, reason: 'is a string, not an annotation object.' },
      { item: 9, reason: expect.stringMatching(/names no source/) },
    ])
  })

  it('reports a document that is not JSON of annotations', () => {
    for (const document of [7, null, 'text', true, undefined]) {
      const { items, problems } = parseWebAnnotations(document)
      expect(items).toEqual([])
      expect(problems).toEqual([{ item: 0, reason: expect.stringMatching(/^the document is /) }])
    }
    expect(parseWebAnnotations({}).problems).toEqual([{ item: 0, reason: 'has no target.' }])
  })

  it('cuts a prefix and a suffix longer than 32 characters to the 32 nearest the quote', () => {
    const prefix = 'A'.repeat(20) + 'the 32 characters before quote:'
    const suffix = ':the 32 characters after quote!!' + 'Z'.repeat(20)
    const [item] = parseWebAnnotations({
      target: {
        source: 'http://example.org/p',
        selector: { type: 'TextQuoteSelector', exact: 'Q', prefix, suffix },
      },
    }).items
    expect(item?.quote).toEqual({
      exact: 'Q',
      prefix: prefix.slice(-32),
      suffix: suffix.slice(0, 32),
    })
    expect(item?.quote.prefix).toBe('Athe 32 characters before quote:')
    // Never half an emoji: the character split by the cut is dropped.
    const [emoji] = parseWebAnnotations({
      target: {
        source: 'http://example.org/p',
        selector: {
          type: 'TextQuoteSelector',
          exact: 'Q',
          prefix: '🚢' + 'p'.repeat(31),
          suffix: 's'.repeat(31) + '🚢',
        },
      },
    }).items
    expect(emoji?.quote).toEqual({ exact: 'Q', prefix: 'p'.repeat(31), suffix: 's'.repeat(31) })
  })

  it('reads urn:uuid ids, upper-case sha256 names, and drops a colour it does not know', () => {
    const [item] = parseWebAnnotations({
      id: 'URN:UUID:5d2a4c8e-1111-4c8e-9a61-000000000002',
      'casefile:color': 'octarine',
      target: {
        source: `URN:SHA256:${'AB'.repeat(32)}`,
        selector: { type: 'oa:TextQuoteSelector', exact: 'x' },
      },
    }).items
    expect(item).toMatchObject({
      id: '5d2a4c8e-1111-4c8e-9a61-000000000002',
      source: { sha256: 'ab'.repeat(32), url: null },
      color: null,
    })
  })

  it('reports tags Casefile cannot keep', () => {
    const tooLong = {
      ...quoting('x'),
      body: { type: 'TextualBody', purpose: 'tagging', value: 't'.repeat(101) },
    }
    const tooMany = { ...quoting('x'), tags: Array.from({ length: 101 }, (_, n) => `tag${n}`) }
    expect(parseWebAnnotations([tooLong, tooMany]).problems).toEqual([
      { item: 0, reason: expect.stringMatching(/tag of 101 characters/) },
      { item: 1, reason: expect.stringMatching(/has 101 tags/) },
    ])
  })

  it('survives deep nesting, cycles, getters that throw and random JSON without throwing', () => {
    let deep: unknown = quoting('x')
    for (let i = 0; i < 100_000; i++)
      deep = { body: deep, target: deep, items: [deep], first: deep }
    expect(() => parseWebAnnotations(deep)).not.toThrow()
    let nested: unknown = []
    for (let i = 0; i < 100_000; i++) nested = [nested]
    expect(parseWebAnnotations(nested).problems).toEqual([
      { item: 0, reason: 'is an array, not an annotation object.' },
    ])
    const page: Record<string, unknown> = { type: 'AnnotationPage', items: [quoting('x')] }
    page.next = page
    expect(parseWebAnnotations(page).items).toHaveLength(1)
    const hostile = Object.defineProperty({}, 'target', {
      get() {
        throw new Error('boom')
      },
    })
    expect(parseWebAnnotations([hostile]).problems).toEqual([
      { item: 0, reason: 'could not be read.' },
    ])

    let seed = 7
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
    const keys = [
      'target',
      'selector',
      'source',
      'exact',
      'prefix',
      'body',
      'items',
      'first',
      'type',
      'start',
      'rows',
      'next',
    ]
    const values = () => [null, 0, -1, 1.5, '', 'TextQuoteSelector', 'urn:sha256:', true, [], {}]
    const junk = (depth: number): unknown => {
      if (depth > 5 || random() < 0.3) return values()[Math.floor(random() * 10)]
      if (random() < 0.3)
        return Array.from({ length: Math.floor(random() * 4) }, () => junk(depth + 1))
      return Object.fromEntries(
        keys.filter(() => random() < 0.4).map((key) => [key, junk(depth + 1)]),
      )
    }
    for (let i = 0; i < 2_000; i++) expect(() => parseWebAnnotations(junk(0))).not.toThrow()
  })

  it(`reads at most ${maxWebAnnotations} annotations and says how many were left`, () => {
    const { items, problems } = parseWebAnnotations({
      rows: Array(maxWebAnnotations + 5).fill(quoting('x')),
    })
    expect(items).toHaveLength(maxWebAnnotations)
    expect(items.at(-1)?.index).toBe(maxWebAnnotations - 1)
    expect(problems).toEqual([
      {
        item: maxWebAnnotations,
        reason: expect.stringMatching(/holds 100005 annotations; only the first 100000/),
      },
    ])
  })
})
