import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  anchorQuote,
  anchorThreshold,
  describeRange,
  longQuoteLength,
  type Anchor,
} from '../../shared/anchoring'
import type { TextPositionSelector, TextQuoteSelector } from '../../shared/model'
import { corporaDir, corporaMissing, corporaPresent } from '../support/corpora'

type Annotated = { quote: TextQuoteSelector; position: TextPositionSelector }

/** Where the `occurrence`-th copy of `passage` lies in `text`. */
function rangeOf(text: string, passage: string, occurrence = 0): TextPositionSelector {
  let start = -1
  for (let i = 0; i <= occurrence; i++) {
    start = text.indexOf(passage, start + 1)
    if (start < 0) throw new Error(`“${passage}” occurs fewer than ${occurrence + 1} times`)
  }
  return { start, end: start + passage.length }
}

/** An annotation made on `passage` (its `occurrence`-th copy), as the reader records one. */
function annotate(text: string, passage: string, occurrence = 0): Annotated {
  const position = rangeOf(text, passage, occurrence)
  return { quote: describeRange(text, position.start, position.end), position }
}

function anchorIn(text: string, annotation: Annotated): Anchor {
  return anchorQuote(text, annotation.quote, annotation.position)
}

/** A fuzzy anchor over exactly `range`, scored between the threshold and 1. */
function expectFuzzyAt(anchor: Anchor, range: TextPositionSelector): void {
  expect(anchor).toMatchObject({ status: 'fuzzy', ...range })
  expect(anchor.score).toBeGreaterThanOrEqual(anchorThreshold)
  expect(anchor.score).toBeLessThan(1)
}

const report = [
  'Port Elda harbour authority: incident summary.',
  'On the morning of 14 March the harbour authority lost access to its cargo scheduling system. Staff first noticed the outage at 06:40, when the berth planning screens stopped refreshing.',
  'The operator’s security team isolated the affected servers within the hour and began restoring them from offline backups. Investigators later found that the attackers had entered through a contractor’s VPN account that lacked multi-factor authentication.',
  'Ships waiting offshore were told to hold position until manual scheduling resumed at noon. No data about crews or cargo appears to have been taken, according to the authority’s statement.',
].join('\n\n')

const filler =
  'A timeline prepared for the board lists every call made that morning, the people who took part in each, and what was decided, so that the next exercise can start from what actually happened rather than from the plan.\n\n'

describe('anchoring a quote in an edited text', () => {
  const passage = 'isolated the affected servers within the hour'

  it('keeps an unchanged quote exact at its recorded position', () => {
    const annotation = annotate(report, passage)
    expect(anchorIn(report, annotation)).toEqual({
      status: 'exact',
      ...annotation.position,
      score: 1,
    })
  })

  it('finds a quote verbatim after text is inserted before it', () => {
    const annotation = annotate(report, passage)
    const edited = filler + report
    expect(anchorIn(edited, annotation)).toEqual({
      status: 'exact',
      ...rangeOf(edited, passage),
      score: 1,
    })
  })

  it('finds a quote without a recorded position', () => {
    const { quote } = annotate(report, passage)
    const edited = filler + report
    expect(anchorQuote(edited, quote)).toMatchObject({
      status: 'exact',
      ...rangeOf(edited, passage),
    })
  })

  it('anchors a quote with a typo inside it as fuzzy, over the whole changed passage', () => {
    const annotation = annotate(report, passage)
    const edited = filler + report.replace('affected servers', 'afected serevrs')
    expectFuzzyAt(
      anchorIn(edited, annotation),
      rangeOf(edited, 'isolated the afected serevrs within the hour'),
    )
  })

  it('does not take in a neighbouring character when the first or last letter is deleted', () => {
    const annotation = annotate(report, passage)
    const first = report.replace(passage, passage.slice(1))
    expectFuzzyAt(anchorIn(first, annotation), rangeOf(first, passage.slice(1)))
    const last = report.replace(passage, passage.slice(0, -1))
    expectFuzzyAt(anchorIn(last, annotation), rangeOf(last, passage.slice(0, -1)))
  })

  it('orphans an annotation whose sentence was deleted, though its neighbours share words', () => {
    const paragraph =
      'Ships waiting offshore were told to hold position. Ships waiting in the harbour were told to stay at their berths until noon. Ships arriving later were told to wait until manual scheduling resumed at noon.'
    const quoted = 'Ships waiting in the harbour were told to stay at their berths until noon.'
    const annotation = annotate(paragraph, quoted)
    const anchor = anchorIn(paragraph.replace(`${quoted} `, ''), annotation)
    expect(anchor).toMatchObject({ status: 'orphaned' })
    expect(anchor.score).toBeLessThan(anchorThreshold)
  })

  it('orphans a sentence replaced by another that keeps many of its words and its surroundings', () => {
    const paragraph =
      'The berth planning screens froze at 06:40. Ships waiting in the harbour were told to stay at their berths until noon. Fishing boats were allowed out after lunch.'
    const quoted = 'Ships waiting in the harbour were told to stay at their berths until noon.'
    const annotation = annotate(paragraph, quoted)
    const edited = paragraph.replace(
      quoted,
      'Ships waiting outside were told to stay at sea until noon.',
    )
    expect(anchorIn(edited, annotation)).toMatchObject({ status: 'orphaned' })
  })

  it('does not slide onto the next sentence, much like it, when its own was deleted', () => {
    const paragraph =
      'The berth planning screens froze at 06:40. Cargo ship Almeria was told to hold position until noon. Cargo ship Bergen was told to hold position until two. Fishing boats were allowed out after lunch.'
    const quoted = 'Cargo ship Almeria was told to hold position until noon.'
    const annotation = annotate(paragraph, quoted)
    expect(anchorIn(paragraph.replace(`${quoted} `, ''), annotation)).toMatchObject({
      status: 'orphaned',
    })
    // Changed in place instead, it is found.
    const changed = 'Cargo ship Almería was told to hold its position until noon.'
    const edited = paragraph.replace(quoted, changed)
    expectFuzzyAt(anchorIn(edited, annotation), rangeOf(edited, changed))
  })

  it('orphans an annotation whose paragraph was rewritten', () => {
    const original = report.split('\n\n')[2] ?? ''
    const annotation = annotate(report, 'began restoring them from offline backups')
    const rewritten = report.replace(
      original,
      'Within an hour the security staff had cut the compromised machines off the network; rebuilding them from tapes kept off-site took the rest of the day. The way in, it emerged, was a supplier’s remote-access login protected by a password alone.',
    )
    expect(anchorIn(rewritten, annotation)).toMatchObject({ status: 'orphaned' })
  })

  it('anchors a passage moved elsewhere with only its typography changed', () => {
    const quoted = 'restoring them from offline backups'
    const annotation = annotate(report, quoted)
    const moved = 'restoring them from offline\u00a0backups'
    const edited = `${report.replace(` and began ${quoted}`, '')}\n\n郵便: ${moved} 東京`
    expectFuzzyAt(anchorIn(edited, annotation), rangeOf(edited, moved))
  })

  it('orphans a passage that was both reworded and moved away from its surroundings', () => {
    const quoted = 'restoring them from offline backups'
    const annotation = annotate(report, quoted)
    const edited = `${report.replace(` and began ${quoted}`, '')}\n\nThe team went on restoring them from their offline backups overnight.`
    expect(anchorIn(edited, annotation)).toMatchObject({ status: 'orphaned' })
  })

  it('orphans rather than guesses when a long quote was heavily rewritten in place', () => {
    const annotation = annotate(report, passage)
    const edited = report.replace(
      passage,
      'cut off the servers that were hit in under sixty minutes',
    )
    expect(anchorIn(edited, annotation)).toMatchObject({ status: 'orphaned' })
  })
})

describe('a sentence that occurs more than once', () => {
  const sentence = 'The backup link was also down.'
  const original = [
    `At 06:40 the berth planning screens stopped refreshing. ${sentence} Nobody could reach the duty manager.`,
    `By 09:15 the radio log showed gaps as well. ${sentence} Engineers drove out to the relay station.`,
  ].join('\n\n')
  // Text inserted between the copies moves the second one further from its recorded position
  // than the first copy is, so only the prefix and suffix can tell them apart.
  const edit = (text: string) => text.replace('\n\n', `\n\n${filler.repeat(2)}`)

  it('picks the copy whose surroundings match, verbatim', () => {
    const annotation = annotate(original, sentence, 1)
    const edited = edit(original)
    expect(anchorIn(edited, annotation)).toEqual({
      status: 'exact',
      ...rangeOf(edited, sentence, 1),
      score: 1,
    })
  })

  it('takes the copy nearest the recorded position when copies and surroundings are identical', () => {
    const text = `${filler}${filler}${filler}`
    const passage = 'the next exercise can start'
    const annotation = annotate(text, passage, 1)
    const edited = `Summary. ${text}`
    expect(anchorIn(edited, annotation)).toEqual({
      status: 'exact',
      ...rangeOf(edited, passage, 1),
      score: 1,
    })
  })

  it('picks the copy whose surroundings match when both copies changed', () => {
    const annotation = annotate(original, sentence, 1)
    const edited = edit(original).replaceAll('backup link', 'back-up link')
    expectFuzzyAt(
      anchorIn(edited, annotation),
      rangeOf(edited, 'The back-up link was also down.', 1),
    )
  })

  it('picks the copy in its own surroundings even when another copy is closer to the quote', () => {
    const annotation = annotate(original, sentence, 1)
    const edited = edit(original)
      .replace(sentence, 'The bakup link was also down.')
      .replace(sentence, 'The bakup lnk was also down.')
    expectFuzzyAt(anchorIn(edited, annotation), rangeOf(edited, 'The bakup lnk was also down.'))
  })
})

describe('typography: quote marks and white space', () => {
  const curly =
    'Later the operator’s “incident bridge” call opened at 07:05 with eleven people on it.'
  const straight =
    'Later the operator\'s "incident bridge" call opened at 07:05 with eleven people on it.'
  const spaced =
    'Later the operator’s  “incident bridge”\u00a0call\nopened at  07:05 with eleven people on it.'
  const cases: [string, string, string, string, string][] = [
    [
      'curly quotes made straight',
      curly,
      'operator’s “incident bridge” call',
      straight,
      'operator\'s "incident bridge" call',
    ],
    [
      'straight quotes made curly',
      straight,
      'operator\'s "incident bridge" call',
      curly,
      'operator’s “incident bridge” call',
    ],
    [
      'single spaces doubled, NBSP and a line break',
      curly,
      'operator’s “incident bridge” call opened at 07:05',
      spaced,
      'operator’s  “incident bridge”\u00a0call\nopened at  07:05',
    ],
    [
      'double spaces made single',
      spaced,
      'bridge”\u00a0call\nopened at  07:05',
      curly,
      'bridge” call opened at 07:05',
    ],
  ]

  it.each(cases)(
    'anchors across %s, over the exact passage',
    (_, before, quoted, after, expected) => {
      const text = (body: string) => `${report}\n\n${body}\n\n${filler}`
      const annotation = annotate(text(before), quoted)
      const anchor = anchorIn(text(after), annotation)
      expectFuzzyAt(anchor, rangeOf(text(after), expected))
      // Typography alone costs nothing: only the cap that keeps a fuzzy match below 1 applies.
      expect(anchor.score).toBeCloseTo(0.99, 5)
    },
  )
})

describe('the ends of the text', () => {
  it('anchors a quote at the very start (empty prefix), verbatim and changed', () => {
    const quoted = 'Port Elda harbour authority'
    const annotation = annotate(report, quoted)
    expect(annotation.quote.prefix).toBe('')
    expect(anchorIn(report, annotation)).toEqual({
      status: 'exact',
      start: 0,
      end: quoted.length,
      score: 1,
    })
    const edited = report.replace('Port Elda', 'Port-Elda')
    expectFuzzyAt(anchorIn(edited, annotation), { start: 0, end: quoted.length })
  })

  it('anchors a quote at the very end (empty suffix), verbatim and changed', () => {
    const quoted = 'according to the authority’s statement.'
    const annotation = annotate(report, quoted)
    expect(annotation.quote.suffix).toBe('')
    expect(anchorIn(report, annotation)).toMatchObject({ status: 'exact', end: report.length })
    const edited = report.slice(0, -1)
    expectFuzzyAt(anchorIn(edited, annotation), {
      start: edited.length - quoted.length + 1,
      end: edited.length,
    })
  })

  it('prefers the copy at the very end for a quote recorded there', () => {
    const sentence = 'Cargo scheduling was restored at noon.'
    const text = `${filler}${sentence} ${filler}${sentence}`
    const { quote } = annotate(text, sentence, 1)
    // Both copies change and have the same prefix; with no position, only the end of the text
    // (the recorded, empty suffix) tells them apart.
    const edited = text.replaceAll('scheduling', 'schedulng')
    const changed = 'Cargo schedulng was restored at noon.'
    expectFuzzyAt(anchorQuote(edited, quote), rangeOf(edited, changed, 1))
  })
})

describe('a quote recorded without prefix or suffix (an imported Web Annotation)', () => {
  it('takes the copy nearest its position, even a short one', () => {
    const text = 'The port closed. The port reopened. The port closed again.'
    const quote = { exact: 'port', prefix: '', suffix: '' }
    const second = text.indexOf('port', 5)
    expect(anchorQuote(text, quote, { start: second + 3, end: second + 7 })).toEqual({
      status: 'exact',
      start: second,
      end: second + 4,
      score: 1,
    })
    expect(anchorQuote(text, quote)).toMatchObject({ status: 'exact', start: 4 })
  })

  it('finds a changed quote by the quote alone', () => {
    const quote = { exact: 'isolated the affected servers', prefix: '', suffix: '' }
    const edited = report.replace('affected servers', 'afected servers')
    expectFuzzyAt(anchorQuote(edited, quote), rangeOf(edited, 'isolated the afected servers'))
  })
})

describe('a short quote that occurs many times', () => {
  const text = [
    'The port closed at noon.',
    'Pilots at the port were sent home.',
    'A ferry left the port late.',
    'Trucks queued outside the port gate until evening, as the port police redirected them.',
    'The port reopened the next day.',
  ].join(' ')
  const quoted = 'port' // the fourth copy, in "outside the port gate"

  it('anchors by its surroundings when text moved every copy', () => {
    const annotation = annotate(text, quoted, 3)
    // The insertion is longer than the distance between copies: the nearest copy to the
    // recorded position is now another one.
    const edited = text.replace('A ferry', `${filler}A ferry`)
    const start = edited.indexOf('port gate')
    expect(anchorIn(edited, annotation)).toEqual({
      status: 'exact',
      start,
      end: start + 4,
      score: 1,
    })
  })

  it('finds it changed in place rather than a verbatim copy elsewhere', () => {
    const annotation = annotate(text, quoted, 3)
    const edited = text.replace('the port gate', 'the Port gate')
    const start = edited.indexOf('Port gate')
    expectFuzzyAt(anchorIn(edited, annotation), { start, end: start + 4 })
  })

  it('orphans it when its surroundings are gone, rather than taking the nearest copy', () => {
    const annotation = annotate(text, quoted, 3)
    const edited = text.replace(
      'Trucks queued outside the port gate until evening, as the port police redirected them.',
      'Lorries were turned back at the port by police.',
    )
    expect(anchorIn(edited, annotation)).toMatchObject({ status: 'orphaned' })
  })
})

describe('characters outside the Basic Multilingual Plane', () => {
  it('never cuts an emoji in half', () => {
    const text = `${report}\n\nStatus at noon: cargo scheduling is back 👍 and berths are reopening.`
    const quoted = 'cargo scheduling is back 👍'
    const annotation = annotate(text, quoted)
    const changed = 'cargo schedulng is back 👎'
    const edited = text.replace(quoted, changed)
    expectFuzzyAt(anchorIn(edited, annotation), rangeOf(edited, changed))
  })

  it('never cuts an emoji in half where one took the place of a letter', () => {
    const text = `${report}\n\nStatus at noon: cargo scheduling is back! Berths are reopening.`
    const annotation = annotate(text, 'cargo scheduling is back!')
    const changed = 'cargo scheduling is back👍'
    const edited = text.replace('cargo scheduling is back!', changed)
    expectFuzzyAt(anchorIn(edited, annotation), rangeOf(edited, changed))
  })
})

describe('right-to-left text', () => {
  const arabic =
    'أعلنت هيئة الميناء صباح الخميس أن نظام جدولة الشحن توقف عن العمل بسبب هجوم إلكتروني. وقال متحدث باسم الهيئة إن فريق الأمن عزل الخوادم المصابة خلال ساعة واحدة. وطُلب من السفن المنتظرة في عرض البحر البقاء في أماكنها حتى الظهر. ولم تُسرق أي بيانات عن الطواقم أو الحمولات بحسب البيان.'
  const arabicQuote = 'وقال متحدث باسم الهيئة إن فريق الأمن عزل الخوادم المصابة خلال ساعة واحدة.'
  const hebrew =
    'רשות הנמל הודיעה ביום חמישי כי מערכת תזמון המטענים הושבתה בעקבות מתקפת סייבר. דובר הרשות אמר כי צוות ה-SOC בודד את השרתים הנגועים בתוך שעה דרך חשבון VPN של קבלן. לאוניות שהמתינו בים נאמר להישאר במקומן עד הצהריים.'
  const hebrewQuote = 'צוות ה-SOC בודד את השרתים הנגועים בתוך שעה דרך חשבון VPN'

  it('finds an Arabic quote verbatim after a sentence is inserted before it', () => {
    const annotation = annotate(arabic, arabicQuote)
    const edited = arabic.replace('وقال', 'وأضاف البيان أن التحقيق مستمر. وقال')
    expect(anchorIn(edited, annotation)).toEqual({
      status: 'exact',
      ...rangeOf(edited, arabicQuote),
      score: 1,
    })
  })

  it('anchors an Arabic quote with a changed word as fuzzy, over the right range', () => {
    const annotation = annotate(arabic, arabicQuote)
    const changed = arabicQuote.replace('الخوادم', 'الحواسيب')
    const edited = arabic.replace(arabicQuote, changed)
    expectFuzzyAt(anchorIn(edited, annotation), rangeOf(edited, changed))
  })

  it('anchors a Hebrew quote with Latin words in it after a typo and an insertion', () => {
    const annotation = annotate(hebrew, hebrewQuote)
    const changed = hebrewQuote.replace('הנגועים', 'הנגעים')
    const edited = `עדכון: ${hebrew.replace(hebrewQuote, changed)}`
    expectFuzzyAt(anchorIn(edited, annotation), rangeOf(edited, changed))
  })
})

/** The text of a saved web page, roughly: scripts, styles and tags dropped, entities left. */
function pageText(name: string): string {
  return readFileSync(`${corporaDir}/web-pages/${name}/source.html`, 'utf8')
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
}

describe.skipIf(!corporaPresent)(
  corporaPresent ? 'real pages in other scripts' : corporaMissing,
  () => {
    it('anchors a changed Chinese quote from a real page (CJK)', () => {
      const text = pageText('qq')
      // The longest line that is mostly Han characters: a paragraph of the article.
      const line = text
        .split('\n')
        .filter((l) => (l.match(/\p{Script=Han}/gu) ?? []).length > l.length * 0.7)
        .sort((a, b) => b.length - a.length)[0]
      expect(line, 'a Chinese paragraph in qq/source.html').toBeDefined()
      const lineStart = text.indexOf(line ?? '')
      const start = lineStart + 10
      const annotation = {
        quote: describeRange(text, start, start + 30),
        position: { start, end: start + 30 },
      }
      const quoted = annotation.quote.exact
      // One character replaced, one deleted, and a sentence inserted before the paragraph.
      const changed = `${quoted.slice(0, 8)}鑫${quoted.slice(9, 20)}${quoted.slice(21)}`
      const edited =
        text.slice(0, lineStart) +
        '编者按：本文已更新。' +
        text.slice(lineStart, start) +
        changed +
        text.slice(start + 30)
      expectFuzzyAt(anchorIn(edited, annotation), rangeOf(edited, changed))
      // Unchanged but moved, it is exact.
      const moved = `编者按：本文已更新。${text}`
      expect(anchorIn(moved, annotation)).toMatchObject({ status: 'exact', start: start + 10 })
    })

    it.each(['mozilla-1', 'wikipedia'])('anchors a quote that mixes scripts in %s', (page) => {
      const text = pageText(page)
      const scripts = [
        'Latin',
        'Cyrillic',
        'Arabic',
        'Hebrew',
        'Han',
        'Devanagari',
        'Bengali',
        'Hangul',
      ]
      // The first 60 characters that hold at least three scripts: a list of languages, one a line.
      let start = -1
      for (let at = 0; at + 60 <= text.length && start < 0; at += 10) {
        const window = text.slice(at, at + 60)
        const found = scripts.filter((s) => new RegExp(`\\p{Script=${s}}`, 'u').test(window))
        if (found.length >= 3) start = at
      }
      expect(start, `a run of mixed scripts in ${page}`).toBeGreaterThanOrEqual(0)
      const annotation = {
        quote: describeRange(text, start, start + 60),
        position: { start, end: start + 60 },
      }
      const quoted = annotation.quote.exact
      const changed = `${quoted.slice(0, 30)}${quoted.slice(31)}`
      const edited = `${filler}${text.slice(0, start)}${changed}${text.slice(start + 60)}`
      expectFuzzyAt(anchorIn(edited, annotation), rangeOf(edited, changed))
    })
  },
)

/** A small deterministic random source (mulberry32), so a failure can be replayed. */
function random(seed: number): (below: number) => number {
  let state = seed
  return (below) => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below)
  }
}

describe.skipIf(!corporaPresent)(
  corporaPresent ? 'random ranges of a real text' : corporaMissing,
  () => {
    it('anchors every range exactly, and again at its shifted place after an insertion elsewhere', () => {
      const text =
        readFileSync(`${corporaDir}/seed/000_8a4d57ad23c83c30.txt`, 'utf8') +
        '\n\n' +
        pageText('lwn-1')
      const next = random(20240314)
      const greek = 'αβγδεζηθικλμνξοπρστυφχψω'
      expect(text).not.toMatch(/[α-ω]/)
      let tried = 0
      while (tried < 300) {
        const start = next(text.length - 1)
        const end = Math.min(text.length, start + 1 + next(next(2) === 0 ? 12 : 400))
        const quote = describeRange(text, start, end)
        // Identical quote and surroundings elsewhere: only the position can tell, skip.
        const around = quote.prefix + quote.exact + quote.suffix
        if (text.indexOf(around) !== text.lastIndexOf(around)) continue
        tried++
        const position = { start, end }
        const label = `[${start}, ${end}) “${quote.exact.slice(0, 40)}”`
        expect(anchorQuote(text, quote, position), label).toEqual({
          status: 'exact',
          start,
          end,
          score: 1,
        })
        // Insert random letters outside the range (possibly right next to it). Greek, which the
        // text lacks: inserted copies of the quote's own letters beside it would be ambiguous.
        const at = next(2) === 0 ? next(start + 1) : end + next(text.length - end + 1)
        const inserted = Array.from({ length: 1 + next(80) }, () => greek[next(greek.length)]).join(
          '',
        )
        const edited = text.slice(0, at) + inserted + text.slice(at)
        const shift = at <= start ? inserted.length : 0
        expect(anchorQuote(edited, quote, position), `${label} after inserting at ${at}`).toEqual({
          status: 'exact',
          start: start + shift,
          end: end + shift,
          score: 1,
        })
      }
    })
  },
)

describe('long quotes', () => {
  const entries = Array.from(
    { length: 60 },
    (_, i) =>
      `Entry ${i + 1}: at 0${i % 10}:${10 + i} the duty officer logged call number ${1000 + i * 7} from berth ${i % 13}.`,
  ).join(' ')
  const text = `${report}\n\n${entries}\n\n${filler}`

  it('anchors a quote longer than the long-quote limit after edits inside it', () => {
    const annotation = annotate(text, entries)
    expect(entries.length).toBeGreaterThan(longQuoteLength)
    const changed = entries
      .replace('Entry 3:', 'Entry three:')
      .replace('call number 1140', 'call no. 1140')
      .replace('from berth 5.', 'from berth five.')
    const edited = `${filler}${text.replace(entries, changed)}`
    expectFuzzyAt(anchorIn(edited, annotation), rangeOf(edited, changed))
  })

  it('orphans a long quote whose middle was replaced', () => {
    const annotation = annotate(text, entries)
    const half = Math.floor(entries.length / 2)
    const changed =
      entries.slice(0, 200) +
      filler.repeat(Math.ceil(half / filler.length)).slice(0, half) +
      entries.slice(200 + half)
    expect(anchorIn(text.replace(entries, changed), annotation)).toMatchObject({
      status: 'orphaned',
    })
  })
})
