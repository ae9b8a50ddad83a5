import MarkdownIt from 'markdown-it'
import { describe, expect, it } from 'vitest'
import { NoteDocSchema, type NoteDoc, type NoteNode } from '../../shared/model'
import {
  canonicalNoteDoc,
  isSafeHref,
  markdownToNoteDoc,
  noteDocToMarkdown,
  noteLinks,
  noteText,
  readMarkdownFile,
  readNoteDoc,
  tagsOf,
} from '../../shared/notes'
import {
  bold,
  bullets,
  citation,
  code,
  codeBlock,
  doc,
  h,
  italic,
  link,
  mention,
  numbered,
  p,
  quote,
  table,
  tasks,
  text,
} from '../support/noteDocs'

/** The document as Casefile stores it, written to Markdown and read back as Casefile stores it. */
function roundTrip(source: NoteDoc): { before: NoteDoc; after: NoteDoc; markdown: string } {
  const before = canonicalNoteDoc(source).doc
  const markdown = noteDocToMarkdown(before)
  return { before, after: canonicalNoteDoc(markdownToNoteDoc(markdown)).doc, markdown }
}

/** Every node and mark of a document, depth first. */
function* walk(node: NoteNode): Generator<NoteNode> {
  yield node
  for (const child of node.content ?? []) yield* walk(child)
}

const iranId = '4f1c2a9e-0000-4000-8000-000000000001'
const attackId = '4f1c2a9e-0000-4000-8000-000000000002'

describe('a note written to Markdown and read back', () => {
  it('keeps headings, paragraphs and inline marks', () => {
    const { before, after } = roundTrip(
      doc(
        h(1, 'Working hypothesis'),
        h(2, 'Who'),
        h(3, 'Why'),
        p(
          'Plain, ',
          text('bold', bold),
          ', ',
          text('italic', italic),
          ', ',
          text('inline code', code),
          ' and ',
          text('a link', link('https://example.org/report?id=1')),
          '.',
        ),
      ),
    )
    expect(after).toEqual(before)
  })

  it('keeps bullet, ordered and nested task lists with their checked state', () => {
    const { before, after, markdown } = roundTrip(
      doc(
        bullets([p('first')], [p('second'), bullets([p('nested')])]),
        numbered([p('one')], [p('two')]),
        tasks([false, p('to check'), tasks([true, p('checked, nested')])], [true, p('done')]),
      ),
    )
    expect(markdown).toContain('- [x] done')
    expect(after).toEqual(before)
  })

  it('keeps quotes, code blocks with their language, and tables', () => {
    const { before, after } = roundTrip(
      doc(
        quote(p('A plain quote, not a citation.')),
        codeBlock('python', 'for host in hosts:\n    print(host)  # not a tag'),
        codeBlock(null, 'no language'),
        table(['Actor', 'Role'], ['Iran', 'denies'], ['Albania', 'target']),
      ),
    )
    expect(after).toEqual(before)
  })

  it('keeps mentions of actors and events, whatever their labels hold', () => {
    const labels = [
      'Iran',
      'APT ]34[',
      '*Hazel* _Sandstorm_',
      'the “Homeland” team',
      "O'Brien \\ co",
    ]
    const { before, after, markdown } = roundTrip(
      doc(
        p(...labels.flatMap((label, i) => [mention('actor', `${iranId}-${i}`, label), ' and '])),
        p('On ', mention('event', attackId, '15 July [cyberattack]'), '.'),
      ),
    )
    expect(markdown).toContain(`[@Iran](casefile:actor/${iranId}-0)`)
    expect(after).toEqual(before)
    const mentions = [...walk(after)].filter((node) => node.type === 'mention')
    expect(mentions.map((node) => node.attrs?.label)).toEqual([...labels, '15 July [cyberattack]'])
    expect(mentions.at(-1)?.attrs).toMatchObject({ kind: 'event', id: attackId })
  })

  it('keeps citations: quotes with braces, stars and line breaks, titles with brackets', () => {
    const cited = [
      citation({
        annotationId: 'a-1',
        sourceId: 's-1',
        sourceTitle: 'Iran Denies [Albanian] Cyberattack',
        quote: 'The Iranian government denied {any} *involvement*',
      }),
      citation({
        annotationId: 'a-2',
        sourceId: 's-2',
        sourceTitle: 'Report (v2) — “final”',
        quote: 'First line,\nsecond line > with a sign\nand `code`',
      }),
    ]
    const { before, after } = roundTrip(doc(p('Before.'), ...cited, p('After.')))
    expect(after).toEqual(before)
    expect([...walk(after)].filter((node) => node.type === 'citation').map((n) => n.attrs)).toEqual(
      cited.map((node) => node.attrs),
    )
  })
})

describe('the plain text of a note', () => {
  it('has a line per block, mentions as @Label and citations as quote and source', () => {
    const { node } = canonicalNoteDoc(
      doc(
        h(1, 'Hypothesis'),
        p('We think ', mention('actor', iranId, 'Iran'), ' did it. ', text('#wiper', bold)),
        bullets([p('one')], [p('two')]),
        citation({ annotationId: 'a', sourceId: 's', sourceTitle: 'Reuters', quote: 'denied' }),
      ),
    )
    expect(noteText(node)).toBe(
      'Hypothesis\nWe think @Iran did it. #wiper\none\ntwo\n“denied” (Reuters)',
    )
  })
})

describe('what a note links to', () => {
  it('lists mentioned actors and events and cited annotations, each once, in order', () => {
    const { node } = canonicalNoteDoc(
      doc(
        p(mention('event', attackId, 'attack'), mention('actor', iranId, 'Iran')),
        p(mention('actor', iranId, 'Tehran'), mention('actor', 'other', 'APT34')),
        citation({ annotationId: 'a-2', sourceId: 's', sourceTitle: 'S', quote: 'q' }),
        citation({ annotationId: 'a-1', sourceId: 's', sourceTitle: 'S', quote: 'q' }),
        citation({ annotationId: 'a-2', sourceId: 's', sourceTitle: 'S', quote: 'q' }),
      ),
    )
    expect(noteLinks(node)).toMatchObject({
      actorIds: [iranId, 'other'],
      eventIds: [attackId],
      annotationIds: ['a-2', 'a-1'],
    })
  })

  it('takes #tags from the words, not from code, addresses or quotes', () => {
    const { node } = canonicalNoteDoc(
      doc(
        p('Tagged #wiper-2022 and #APT_34, again #Wiper-2022; ', text('#notInCode', code)),
        p(text('site', link('https://example.org/#anchor')), ' example.org/#path C# x#y #1 &#32;'),
        codeBlock('c', '#include <stdio.h>'),
        citation({ annotationId: 'a', sourceId: 's', sourceTitle: 'S', quote: '#theirs' }),
        p('Ünïcode #évènement.'),
      ),
    )
    expect(noteLinks(node).tags).toEqual(['wiper-2022', 'APT_34', 'évènement'])
  })

  it('reads tags of letters, digits, dashes and underscores', () => {
    expect(tagsOf('#a1 #b-c_d- (#e) #f,#g')).toEqual(['a1', 'b-c_d', 'e', 'f', 'g'])
  })
})

describe('hostile Markdown', () => {
  const hostile = [
    '# Report <script>alert(1)</script>',
    '',
    '<script>alert(2)</script>',
    '',
    '<img src=x onerror="alert(3)">',
    '',
    'A [click](javascript:alert(4)) and [another](JaVaScRiPt:alert(5)), a',
    '[data](data:text/html;base64,PHNjcmlwdD4=), a [file](file:///etc/passwd),',
    'a [tab](java\tscript:alert(6)) and a [good one](https://example.org).',
    '',
    '[ref]: javascript:alert(7)',
    '',
    'By [reference][ref], <b onmouseover="alert(8)">bold</b>, ![pic](javascript:alert(9)).',
  ].join('\n')

  it('becomes text and safe links only', () => {
    const { doc: note } = canonicalNoteDoc(markdownToNoteDoc(hostile))
    const nodes = [...walk(note)]
    expect(new Set(nodes.map((node) => node.type))).toEqual(
      new Set(['doc', 'heading', 'paragraph', 'text']),
    )
    const hrefs = nodes.flatMap((node) =>
      (node.marks ?? []).filter((mark) => mark.type === 'link').map((mark) => mark.attrs?.href),
    )
    expect(hrefs).toEqual(['https://example.org'])
    const words = nodes.map((node) => node.text ?? '').join('')
    expect(words).toContain('<script>alert(2)</script>')
    expect(words).toContain('click')
  })

  it('is written back out as Markdown that no reader turns into HTML', () => {
    const markdown = noteDocToMarkdown(canonicalNoteDoc(markdownToNoteDoc(hostile)).doc)
    const html = new MarkdownIt({ html: true }).render(markdown)
    expect(html).not.toMatch(/<(script|img|b)\b/i)
    expect(html).not.toMatch(/javascript:|data:|file:/i)
    expect(html).toContain('<a href="https://example.org">good one</a>')
  })

  it('keeps no unsafe link from a document given as JSON', () => {
    const given = doc(
      p(text('bad', link('javascript:alert(1)')), text('good', link('mailto:analyst@example.org'))),
    )
    const marks = [...walk(canonicalNoteDoc(given).doc)].flatMap((node) => node.marks ?? [])
    expect(marks.map((mark) => mark.attrs?.href)).toEqual(['mailto:analyst@example.org'])
    const unsafe = [
      ' javascript:x',
      'java\nscript:x',
      'vbscript:x',
      'data:x',
      'file:///x',
      '//evil.example',
      '\\\\host\\share',
    ]
    expect(unsafe.filter((href) => isSafeHref(href))).toEqual([])
    const safe = [
      'https://x.org',
      'HTTP://X.ORG',
      'mailto:a@b.c',
      'casefile:actor/1',
      '#top',
      'example.org',
      'a/b?c=d:e',
    ]
    expect(safe.filter((href) => isSafeHref(href))).toEqual(safe)
  })
})

describe('a document checked against the note schema', () => {
  it('names what does not fit', () => {
    expect(() => readNoteDoc(doc({ type: 'script', content: [] }))).toThrow(
      /Unknown node type: script/,
    )
    expect(() => readNoteDoc(doc(text('loose text')))).toThrow(/Invalid content for node doc/)
    expect(() => readNoteDoc(doc(p(text('x', { type: 'blink' }))))).toThrow(/blink/)
    expect(() => readNoteDoc(doc(p(mention('group' as 'actor', 'x', 'X'))))).toThrow(
      /actor or an event/,
    )
    expect(() =>
      readNoteDoc(doc(citation({ annotationId: '', sourceId: '', sourceTitle: '', quote: '' }))),
    ).toThrow(/annotation it quotes/)
  })

  it('refuses documents too deep or too large before walking them', () => {
    let deep: NoteNode = p('bottom')
    for (let i = 0; i < 200; i++) deep = quote(deep)
    expect(NoteDocSchema.safeParse(doc(deep)).error?.message).toMatch(/nested more than/)
    const large = doc(p('x'.repeat(2_100_000)))
    expect(NoteDocSchema.safeParse(large).error?.message).toMatch(/larger than 2 MB/)
    expect(NoteDocSchema.safeParse({ type: 'paragraph' }).success).toBe(false)
  })

  it('makes an empty document a blank note', () => {
    expect(canonicalNoteDoc(markdownToNoteDoc('')).doc).toEqual(doc({ type: 'paragraph' }))
  })
})

describe('a Markdown file’s front matter', () => {
  it('gives the title, TLP and date, and is not part of the body', () => {
    const file = '---\ntitle: "Iran: the denial"\ntlp: amber\nupdated: 2026-01-02\n---\n\n# Body'
    expect(readMarkdownFile(file)).toEqual({
      frontMatter: { title: 'Iran: the denial', tlp: 'amber', updated: '2026-01-02' },
      body: '\n# Body',
    })
  })

  it('is left in the body when it is not YAML of a mapping', () => {
    for (const file of ['---\n- a list\n---\nBody', '---\n: : bad\n  - yaml\n---\nBody'])
      expect(readMarkdownFile(file)).toEqual({ frontMatter: {}, body: file })
  })
})
