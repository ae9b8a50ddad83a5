import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  findIndicators,
  foldText,
  makeSnippet,
  parseQuery,
  queryTerms,
  SearchIndex,
  textMatches,
} from '../../shared/search'
import { hostOf } from '../../shared/search/indicators'
import { findPhrase } from '../../shared/search/parseQuery'
import { importAndHighlight } from '../support/libraryHelpers'
import { libraryPerTest } from '../support/makeLibrary'
import { typoVariants } from '../../shared/search/typoVariants'

/**
 * The shortcuts search takes to stay quick at 10,000 sources must never change what it finds:
 * the words of a query looked up in the index's lists directly, the record of neighbouring words
 * that lets a phrase pass over items without reading them, and the snippet that looks for an
 * indicator only in the words that could hold it. Each is checked against the plain way.
 */

// Words that fold in interesting ways: accents, apostrophes, dashes, digits, another script.
const vocabulary = [
  'Prime',
  'minister',
  'Edi',
  'Rama',
  'Łódź',
  'Zürich',
  "Ka'nani",
  'Ka’nani',
  'e-Albania',
  'CVE',
  'x86',
  'Ψ',
  'ψυχή',
  'straße',
  'of',
  'a',
  'an',
  'the',
  'minute',
  'ministry',
  'mini',
]
const separators = [' ', ', ', '. ', '\n', ' — ', ' (', ') ', '-', '/']
const text = fc
  .array(fc.tuple(fc.constantFrom(...vocabulary), fc.constantFrom(...separators)), {
    minLength: 1,
    maxLength: 40,
  })
  .map((parts) => parts.map(([word, separator]) => word + separator).join(''))

/** A phrase as an analyst might type it: a run of words of the text (the last one cut short), or any. */
const phraseOf = (body: string) =>
  fc.oneof(
    fc
      .tuple(fc.nat(), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 12 }))
      .map(([start, length, cut]) => {
        const words = body.split(/\s+/).filter((w) => w !== '')
        const run = words.slice(start % words.length, (start % words.length) + length)
        const last = run.pop() ?? ''
        return [...run, last.slice(0, cut)].join(' ')
      }),
    fc
      .array(fc.constantFrom(...vocabulary), { minLength: 2, maxLength: 4 })
      .map((words) => words.join(' ')),
  )

describe('the record of neighbouring words', () => {
  it('never rules out an item whose text holds the phrase', () => {
    fc.assert(
      fc.property(
        text.chain((body) => fc.tuple(fc.constant(body), text, phraseOf(body))),
        ([body, title, phrase]) => {
          const index = new SearchIndex()
          index.add({ id: 's:1', sourceId: '1', title, body })
          const parsed = parseQuery(`"${phrase}"`)
          // The text as search checks it: the folded title, then the folded body.
          const holds = textMatches(parsed, `${foldText(title)}\n${foldText(body)}`)
          if (holds) expect(index.mayHoldPhrases('s:1', parsed.phrases)).toBe(true)
          const opened = SearchIndex.import(index.export())
          if (holds) expect(opened.mayHoldPhrases('s:1', parsed.phrases)).toBe(true)
          expect(opened.mayHoldPhrases('s:1', parsed.phrases)).toBe(
            index.mayHoldPhrases('s:1', parsed.phrases),
          )
        },
      ),
      { numRuns: 400, seed: 20261126 },
    )
  })

  it('is read only when first needed, and when it cannot be read every item is a maybe', () => {
    const index = new SearchIndex()
    index.add({ id: 's:1', sourceId: '1', title: '', body: 'prime minister edi rama' })
    index.add({ id: 's:2', sourceId: '2', title: '', body: 'minister of something else' })
    const chunks = index.export()
    let reads = 0
    const deferred = (broken: boolean) =>
      new Map(
        [...chunks].map(([key, data]) => [
          key,
          key.startsWith('casefile.pairs.')
            ? () => {
                reads++
                if (broken) throw new Error('ENOENT: the chunk is gone')
                return data
              }
            : data,
        ]),
      )
    const phrase = [['prime', 'minister']]
    const opened = SearchIndex.import(deferred(false))
    expect(reads).toBe(0)
    expect(opened.mayHoldPhrases('s:1', phrase)).toBe(true)
    expect(opened.mayHoldPhrases('s:2', phrase)).toBe(false)
    expect(reads).toBe(1)
    const broken = SearchIndex.import(deferred(true))
    expect(broken.mayHoldPhrases('s:2', phrase)).toBe(true) // unknown: read and checked instead
    expect(broken.search('"prime minister"', 10).map((hit) => hit.id)).toEqual(['s:1'])
  })

  it('rules out nearly every item that lacks the phrase', () => {
    const words = Array.from({ length: 600 }, (_, n) => `w${(n * 7919) % 1000}`)
    const index = new SearchIndex()
    index.add({ id: 's:1', sourceId: '1', title: '', body: words.join(' ') })
    let maybe = 0
    const tries = 2000
    for (let n = 0; n < tries; n++) {
      const phrase = [`w${(n * 31) % 1000}`, `w${(n * 17 + 3) % 1000}x`]
      if (index.mayHoldPhrases('s:1', [phrase])) maybe++
    }
    // Eight bits and four probes per pair: about 2.4% of absent pairs answer "maybe".
    expect(maybe / tries).toBeLessThan(0.06)
    expect(index.mayHoldPhrases('s:1', [[words[10] ?? '', words[11] ?? '']])).toBe(true)
  })

  it('rules out a phrase of three words whose two pairs the item holds apart', () => {
    // Every `a bN` and `bN cN` stands in the text, never `a bN cN`: `"with the problem"` in a
    // text that says `with the cat` and `the problem`.
    const parts = Array.from({ length: 300 }, (_, n) => `a b${n} x${n} b${n} c${n}`)
    const index = new SearchIndex()
    index.add({ id: 's:1', sourceId: '1', title: '', body: parts.join('. ') })
    let maybe = 0
    for (let n = 0; n < 300; n++) {
      expect(index.mayHoldPhrases('s:1', [['a', `b${n}`]])).toBe(true)
      expect(index.mayHoldPhrases('s:1', [[`b${n}`, `c${n}`]])).toBe(true)
      if (index.mayHoldPhrases('s:1', [['a', `b${n}`, `c${n}`]])) maybe++
    }
    expect(maybe / 300).toBeLessThan(0.06)
    expect(index.mayHoldPhrases('s:1', [['x7', 'b7', 'c7']])).toBe(true)
  })
})

describe('a phrase found by hand', () => {
  /** The plain way: the expression search used before (see `findPhrase`). */
  function phraseExpression(phrase: readonly string[]): RegExp {
    const cjk = (word: string) => /[\p{Script=Han}\p{Script=Hiragana}]/u.test(word)
    let source = cjk(phrase[0] ?? '') ? '' : '(?<![\\p{L}\\p{N}])'
    for (const [i, word] of phrase.entries()) {
      if (i > 0)
        source += cjk(word) || cjk(phrase[i - 1] ?? '') ? '[^\\p{L}\\p{N}]*' : '[^\\p{L}\\p{N}]+'
      source += word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    }
    return new RegExp(source, 'gu')
  }
  // Letters outside the basic plane (𝐀), an emoji that is no letter, CJK that may touch.
  const words = [...vocabulary, '网络', '安全', '𝐀𝐁', '😀', 'ab1', '1']
  const parts = fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...separators, '')), {
    minLength: 1,
    maxLength: 30,
  })
  /** A run of the words a text was made of (however they were joined), the last maybe cut. */
  const runOf = (made: ReadonlyArray<readonly [string, string]>) =>
    fc
      .tuple(fc.nat(), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 12 }))
      .map(([start, length, cut]) => {
        const run = made.slice(start % made.length, (start % made.length) + length)
        const last = run.pop()?.[0] ?? ''
        return [...run.map(([word]) => word), last.slice(0, cut)].join(' ')
      })

  it('finds every match the plain expression finds, and no other', () => {
    fc.assert(
      fc.property(
        parts.chain((made) =>
          fc.tuple(
            fc.constant(foldText(made.map(([word, separator]) => word + separator).join(''))),
            fc.oneof(runOf(made), phraseOf(made.map(([word]) => word).join(' '))),
          ),
        ),
        ([body, typed]) => {
          const phrase = queryTerms(typed)
          fc.pre(phrase.length > 0)
          const expected = [...body.matchAll(phraseExpression(phrase))].map(
            (match) => [match.index, match.index + match[0].length] as const,
          )
          const found: Array<readonly [number, number]> = []
          for (let at = findPhrase(body, phrase); at; at = findPhrase(body, phrase, at[1]))
            found.push(at)
          expect(found).toEqual(expected)
        },
      ),
      { numRuns: 1000, seed: 20261126 },
    )
  })
})

describe('the words of a query, looked up in the lists', () => {
  const pool = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'Łódź', 'lodz', 'mañana']
  const item = fc.record({
    title: fc.array(fc.constantFrom(...pool), { maxLength: 3 }).map((ws) => ws.join(' ')),
    body: fc.array(fc.constantFrom(...pool), { maxLength: 8 }).map((ws) => ws.join(' ')),
  })

  it('finds exactly the items holding every word, in the title or the body, title hits first', () => {
    fc.assert(
      fc.property(
        fc.array(item, { minLength: 1, maxLength: 30 }),
        fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 }),
        fc.nat(29),
        (items, query, removed) => {
          const index = new SearchIndex()
          for (const [n, { title, body }] of items.entries())
            index.add({ id: `a:${n}`, sourceId: 's', title, body })
          index.remove(`a:${removed}`)
          const holds = (n: number) => {
            const it = items[n]
            if (!it || n === removed) return false
            const words = new Set(foldText(`${it.title} ${it.body}`).split(' '))
            return query.every((word) => words.has(foldText(word)))
          }
          // A trailing space: the last word is finished, not a prefix.
          const hits = index.search(`${query.join(' ')} `, 1000)
          const expected = items.map((_, n) => n).filter(holds)
          expect(hits.map((hit) => Number(hit.id.slice(2))).sort((a, b) => a - b)).toEqual(expected)
          const titled = hits.map((hit) => hit.fields.includes('title'))
          expect(titled).toEqual([...titled].sort((a, b) => Number(b) - Number(a)))
        },
      ),
      { numRuns: 400, seed: 7 },
    )
  })

  it('lets the last word stand for longer words, and finds a word in the title with one in the body', () => {
    const index = new SearchIndex()
    index.add({ id: 's:1', sourceId: '1', title: 'Sandworm report', body: 'wiper against grids' })
    index.add({ id: 's:2', sourceId: '2', title: 'Other', body: 'sandworm wipers' })
    index.add({ id: 's:3', sourceId: '3', title: 'Unrelated', body: 'grids only' })
    expect(index.search('sandworm wip', 10).map((hit) => hit.id)).toEqual(['s:1', 's:2'])
    expect(index.search('report grids', 10).map((hit) => hit.id)).toEqual(['s:1'])
    expect(index.search('sandworm grids ', 10).map((hit) => hit.id)).toEqual(['s:1'])
  })
})

describe('an indicator in a snippet', () => {
  const indicators = [
    'evil.com',
    'EVIL[.]COM',
    'hxxps://evil[.]com/payload.bin',
    'hxxp://bad[.]io/x',
    'https://EVIL.com/a?b=c',
    'john.doe@evil.com',
    'john.doe[at]evil[dot]com',
    '10.0.0.1',
    '10[.]0[.]0[.]1',
    '2001:0DB8:0000:0000:0000:0000:0000:0001',
    '2001:db8::1',
    'CVE-2024-3094',
    'cve‑2024‑3094',
    'd41d8cd98f00b204e9800998ecf8427e',
    'D41D8CD98F00B204E9800998ECF8427E',
  ]
  const prose = ['the', 'payload', 'beacon', 'to', 'and', '(see', 'also)', 'evil', 'com.', '10.0']

  it('marks exactly what a scan of every word finds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...indicators, ...prose), { minLength: 1, maxLength: 60 }),
        fc.constantFrom(...indicators, 'd41d8cd98f', '2001:db8::1'),
        (words, query) => {
          const body = words.join(' ')
          const parsed = parseQuery(query)
          const wanted = new Set(parsed.indicators)
          const expected = findIndicators(body)
            .filter(
              (found) =>
                wanted.has(found.value) ||
                wanted.has(hostOf(found) ?? '') ||
                parsed.hashPrefixes.some((prefix) => found.value.startsWith(prefix)),
            )
            .map((found) => [found.start, found.end])
          // A window wider than the text: every mark is shown, at its place in the text.
          const snippet = makeSnippet(body, parsed, 1_000_000)
          expect(snippet.highlights).toEqual(expected)
        },
      ),
      { numRuns: 600, seed: 3094 },
    )
  })
})

describe('near misses of a word in typo mode', () => {
  // The index's own encoder (private: the shortcut is a claim about it).
  const encoder = new SearchIndex()['encoder']
  const encode = (text: string) => encoder.encode(text).join(' ')

  it('takes a word of lower-case letters, none twice in a row, as its own encoding', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,16}$/), (word) => {
        if (/(.)\1/.test(word)) return
        expect(encode(word)).toBe(word)
      }),
      { numRuns: 3000, seed: 5 },
    )
  })

  it('finds indexed words one edit away, written with or without doubled letters', () => {
    const known = new Set(['sandworm', 'albania', 'kanani', 'ransomware', 'zurich'].map(encode))
    const near = (word: string) => typoVariants(word, (term) => known.has(term), encode)
    expect(near('sandwarm')).toEqual(['sandwarm', 'sandworm'])
    expect(near('albanja')).toEqual(['albanja', 'albania'])
    expect(near('ransomwere')).toEqual(['ransomwere', encode('ransomware')])
    // The encoder writes `kananni` as `kanani`: found as it is, not as a near miss.
    expect(near('kananni')).toEqual(['kananni'])
    expect(near('kanami')).toEqual(['kanami', 'kanani'])
    expect(near('zurick')).toEqual(['zurick', 'zurich'])
  })

  const library = libraryPerTest()

  it('are marked in the snippet of what they found, doubled letters and all', async () => {
    const { client } = await library()
    const opening = 'Minutes of the harbour board. '.repeat(120) // the word stands far in
    await client.call('sources.import', {
      fileName: 'board.txt',
      text: `${opening}The committee met the Zürich delegation about the Kanani shipment.`,
    })
    const marked = async (query: string, typo = true) => {
      const [hit] = (await client.call('search.query', { query, typo })).hits
      return (hit?.highlights ?? []).map(([from, to]) => hit?.snippet.slice(from, to))
    }
    expect(await marked('commitee')).toEqual(['committee'])
    // Written with one letter where the text has two: found without typo mode, and marked.
    expect(await marked('comitee', false)).toEqual(['committee'])
    expect(await marked('zurick')).toEqual(['Zürich'])
    expect(await marked('Kanami shipmant')).toEqual(['Kanani', 'shipment'])
  })
})

describe('a phrase over every kind of item', () => {
  const library = libraryPerTest()

  it('finds each kind by a phrase, also one running from its title into its body', async () => {
    const { client } = await library()
    const found = async (query: string) =>
      (await client.call('search.query', { query })).hits.map((hit) => `${hit.kind}:${hit.id}`)
    const { source, annotation } = await importAndHighlight(
      client,
      'Cranes stopped at dawn in Durrës. The harbour stayed shut.',
      'Cranes stopped at dawn',
      'port.txt',
    )
    await client.call('annotations.update', {
      id: annotation.id,
      comment: 'Seen by the harbour master',
      tags: ['logistics'],
    })
    const note = await client.call('notes.create', {
      markdown: '# Harbour watch\n\nCranes idle since Monday.',
    })
    const actor = await client.call('actors.create', {
      name: 'Fancy Bear',
      kind: 'threat-actor',
      aliases: ['APT28'],
      description: 'Military unit 26165',
    })
    const event = await client.call('events.create', {
      title: 'Port outage',
      occurred: { precision: 'day', start: '2024-07-15' },
      place: 'Tirana',
      description: 'Gates closed',
    })
    expect(await found('"harbour stayed shut"')).toContain(`source:${source.id}`)
    expect(await found('"at dawn seen by the"')).toContain(`annotation:${annotation.id}`)
    expect(await found('"master logistics"')).toContain(`annotation:${annotation.id}`)
    expect(await found('"harbour watch cranes idle"')).toContain(`note:${note.id}`)
    expect(await found('"apt28 military unit"')).toContain(`actor:${actor.id}`)
    expect(await found('"fancy bear apt28"')).toContain(`actor:${actor.id}`)
    expect(await found('"port outage tirana gates"')).toContain(`event:${event.id}`)
    expect(await found('"gates tirana"')).toEqual([])
    expect(await found('"idle cranes"')).toEqual([])
  })
})

describe('a phrase in a snippet', () => {
  it('is looked for past the first of its words, and marked whole', () => {
    // "the" on every line; "the network" only far into the text, past the first part searched.
    const text = `${'Then the cyber attack went on. '.repeat(120)}They cut the network at noon.`
    const snippet = makeSnippet(text, parseQuery('"the network"'))
    const marked = snippet.highlights.map(([from, to]) => snippet.text.slice(from, to))
    expect(marked).toEqual(['the network'])
  })
})
