import MarkdownIt from 'markdown-it'
import footnote from 'markdown-it-footnote'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import type { BriefDraft } from '../../shared/model'
import { libraryPerTest } from '../support/makeLibrary'
import { maxPreviewChars } from '../../shared/api'
import { makeBriefCase, passage, type BriefCase } from '../support/briefCase'

const library = libraryPerTest()

function draft(
  fields: Partial<Omit<BriefDraft, 'scope'>> & { scope?: Partial<BriefDraft['scope']> },
) {
  const { scope = {}, ...rest } = fields
  return { title: 'Tirana brief', author: 'J. Analyst', ...rest, scope }
}

/** Renders with html enabled, so raw HTML that got through would show as tags. */
function render(markdown: string): string {
  return new MarkdownIt({ html: true }).use(footnote).render(markdown)
}

/** The text of every blockquote paragraph, as a reader sees it (footnote marks left out). */
function blockquotes(markdown: string): string[] {
  const tokens = new MarkdownIt().use(footnote).parse(markdown, {})
  const quotes: string[] = []
  let depth = 0
  for (const token of tokens) {
    if (token.type === 'blockquote_open') depth++
    if (token.type === 'blockquote_close') depth--
    if (depth > 0 && token.type === 'inline')
      quotes.push(
        (token.children ?? [])
          .filter((child) => child.type === 'text' || child.type === 'softbreak')
          .map((child) => (child.type === 'softbreak' ? '\n' : child.content))
          .join(''),
      )
  }
  return quotes
}

describe('a brief of one actor, marked AMBER', () => {
  it('takes the actor’s passages, relations and events, and leaves out what is marked RED', async () => {
    const t = await library()
    const c: BriefCase = await makeBriefCase(t.client)
    const brief = await t.client.call('briefs.export', {
      draft: draft({ tlp: 'AMBER', scope: { actorIds: [c.iran.id] } }),
    })
    const md = brief.markdown
    // The claim (linked), the denial (evidence of Iran's relation); not the hostile passage.
    expect(md).toContain('> Officials said Iran was behind the attack on the e-Albania portal.')
    expect(md).toContain('> Tehran denied any involvement in the outage.')
    expect(md).not.toContain('ransom note')
    // RED: the insider's source, the passage marked RED; not counted: the unrelated RED actor.
    expect(md).not.toContain('insider')
    expect(md).not.toContain('contractor')
    expect(brief.leftOut).toEqual({ byTlp: 2, orphans: 0 })
    expect(md).toContain('_2 items marked more restrictively than TLP:AMBER are left out._')
    expect(md).toContain('**Iran** — denies → **15 July cyberattack** (likely).[^')
    expect(md).toMatch(/\| 15 July 2022 \| to the day \| \*\*15 July cyberattack\*\* \| Tirana \|/)
    expect(md).toContain('Also known as Islamic Republic of Iran.')
    expect(md).toContain(
      'Attribution \\<b\\>claim\\</b\\>\n\n*Graded B2: usually reliable source; information probably true.*',
    )
    expect(md).toContain('*Graded B6: usually reliable source.*')
    expect(md).toMatch(/reliability B \(usually reliable\); text sha256 `[0-9a-f]{64}`/)
    // The marking at the top and at the bottom.
    const marking = '**TLP:AMBER** — within the organisation and its clients.'
    const lines = md.trimEnd().split('\n')
    expect(lines.indexOf(marking)).toBeLessThan(lines.indexOf('# Tirana brief'))
    expect(lines.lastIndexOf(marking)).toBeGreaterThan(lines.indexOf('## Sources'))
    expect(brief.citations).toBe(2)
  })

  it('is CommonMark with front matter, GFM footnotes and a table: every reference resolves and every quote is verbatim', async () => {
    const t = await library()
    const c = await makeBriefCase(t.client)
    const { markdown } = await t.client.call('briefs.export', {
      draft: draft({ tlp: 'AMBER', scope: { actorIds: [c.iran.id], tags: ['ransom'] } }),
    })
    const front = /^---\n([\s\S]*?)\n---\n/.exec(markdown)
    expect(parseYaml(front?.[1] ?? '')).toEqual({
      title: 'Tirana brief',
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      author: 'J. Analyst',
      tlp: 'AMBER',
      generator: expect.stringMatching(/^Casefile \d/),
    })
    const html = render(markdown.slice(front?.[0].length))
    expect(html).not.toMatch(/<(img|script|b)[\s>]/i)
    expect(html).not.toContain('href="javascript:')
    expect(html).toContain('<table>')
    const refs = new Set([...html.matchAll(/href="#fn(\d+)"/g)].map((m) => m[1]))
    const notes = new Set([...html.matchAll(/id="fn(\d+)"/g)].map((m) => m[1]))
    expect([...refs].sort()).toEqual([...notes].sort())
    expect(notes.size).toBe(3)
    // Each quote reads exactly as in its source.
    const { text } = await t.client.call('sources.get', { id: c.source.id })
    const quotes = blockquotes(markdown)
    // In the order of the text.
    expect(quotes).toEqual([
      'Officials said Iran was behind the attack on the e-Albania portal.',
      'Tehran denied any involvement in the outage.',
      c.hostile.target.quote.exact,
    ])
    for (const quote of quotes) expect(text).toContain(quote)
  })
})

describe('composing a brief', () => {
  it('puts the sections in the order chosen, leaves out those not chosen and the items dropped', async () => {
    const t = await library()
    const c = await makeBriefCase(t.client)
    const { markdown } = await t.client.call('briefs.export', {
      draft: draft({
        scope: { actorIds: [c.iran.id] },
        sections: ['passages', 'timeline'],
        dropped: { annotationIds: [c.claim.id], eventIds: [], actorIds: [], relationIds: [] },
      }),
    })
    expect(markdown.indexOf('## Key passages')).toBeGreaterThan(0)
    expect(markdown.indexOf('## Timeline')).toBeGreaterThan(markdown.indexOf('## Key passages'))
    expect(markdown).not.toContain('## Actors')
    expect(markdown).not.toContain('## Key judgements')
    expect(markdown).not.toContain('Officials said Iran')
    expect(markdown).toContain('> Tehran denied any involvement in the outage.[^1]')
  })

  it('covers the whole case when the scope is empty, and a RED brief leaves nothing out', async () => {
    const t = await library()
    await makeBriefCase(t.client)
    const preview = await t.client.call('briefs.preview', { draft: draft({ tlp: 'RED' }) })
    expect(preview.leftOut).toEqual({ byTlp: 0, orphans: 0 })
    expect(preview.outline.passages).toHaveLength(5)
    expect(preview.outline.actors.map((a) => a.name)).toEqual(['Iran', 'Shrouded Ferret'])
    expect(preview.outline.events.map((e) => e.title)).toEqual([
      'Summer campaign',
      '15 July cyberattack',
    ])
    expect(preview.outline.relations).toEqual([
      { id: expect.any(String), sentence: 'Iran — denies → 15 July cyberattack (likely)' },
    ])
    expect(preview.outline.sources).toBe(2)
    expect(preview.markdown).toContain('| June 2022 – September 2022 | between these dates |')
  })

  it('takes the hits of a saved search', async () => {
    const t = await library()
    await makeBriefCase(t.client)
    const search = await t.client.call('searches.save', { name: 'ransom', query: 'ransom note' })
    const preview = await t.client.call('briefs.preview', {
      draft: draft({ scope: { savedSearchId: search.id } }),
    })
    expect(preview.outline.passages.map((p) => p.quote)).toEqual([
      expect.stringContaining('The ransom note carried'),
    ])
  })

  it('opens with the intro note: its mentions as names, its quoted passages cited', async () => {
    const t = await library()
    const c = await makeBriefCase(t.client)
    const note = await t.client.call('notes.create', {
      markdown: [
        '# Summary',
        '',
        `We think [@Iran](casefile:actor/${c.iran.id}) was involved.`,
        '',
        `> “${c.denial.target.quote.exact}”`,
        `> — [Tirana Portal Outage](casefile:annotation/${c.denial.id}?source=${c.source.id})`,
      ].join('\n'),
    })
    const { markdown } = await t.client.call('briefs.export', {
      draft: draft({ introNoteId: note.id, scope: { tags: ['ransom'] }, sections: ['passages'] }),
    })
    expect(markdown).toContain('### Summary')
    expect(markdown).toContain('We think Iran was involved.')
    expect(markdown).not.toContain('casefile:')
    expect(markdown).toMatch(/— \*Tirana Portal Outage\*\[\^1\]/)
    expect(markdown).toMatch(/^\[\^1\]: “Tehran denied any involvement in the outage\.”/m)
  })

  it('holds the notes picked by hand under Notes, cites what they quote, and leaves out a RED one', async () => {
    const t = await library()
    const c = await makeBriefCase(t.client)
    const theory = await t.client.call('notes.create', {
      markdown: [
        '# Working theory',
        '',
        '## Why Iran',
        '',
        `> “${c.claim.target.quote.exact}”`,
        `> — [Tirana Portal Outage](casefile:annotation/${c.claim.id}?source=${c.source.id})`,
      ].join('\n'),
    })
    const secret = await t.client.call('notes.create', {
      markdown: '# Handler notes\n\nNot for sharing.',
      tlp: 'RED',
    })
    const { markdown, leftOut } = await t.client.call('briefs.export', {
      draft: draft({ scope: { noteIds: [theory.id, secret.id] } }),
    })
    expect(leftOut.byTlp).toBe(1)
    expect(markdown).toContain('## Notes\n\n### Working theory\n\n##### Why Iran')
    expect(markdown).not.toContain('Handler notes')
    // The passage the note quotes is cited, and comes in as a key passage.
    expect(markdown).toMatch(/— \*Tirana Portal Outage\*\[\^1\]/)
    expect(markdown).toContain(`> ${c.claim.target.quote.exact}[^1]`)
    expect(markdown.indexOf('## Notes')).toBeLessThan(markdown.indexOf('## Key passages'))
  })

  it('previews a brief longer than the preview holds up to a line, and says how long the export is', async () => {
    const t = await library()
    const paragraph = (n: number) => `Paragraph ${n}: ${'the harbour logs ran long '.repeat(3_600)}`
    const text = ['Long Logs', '', ...Array.from({ length: 12 }, (_, n) => paragraph(n))].join(
      '\n\n',
    )
    const { source } = await t.client.call('sources.import', { fileName: 'long.txt', text })
    for (let n = 0; n < 12; n++)
      await passage(t.client, source.id, paragraph(n).slice(0, 90_000).trimEnd())
    const preview = await t.client.call('briefs.preview', { draft: draft({}) })
    const exported = await t.client.call('briefs.export', { draft: draft({}) })
    expect(exported.markdown.length).toBeGreaterThan(maxPreviewChars)
    expect(preview.fullLength).toBe(exported.markdown.length)
    expect(preview.markdown.length).toBeLessThanOrEqual(maxPreviewChars)
    expect(preview.markdown.length).toBeGreaterThan(maxPreviewChars - 100_000)
    expect(preview.markdown.endsWith('\n')).toBe(true)
    expect(exported.markdown.startsWith(preview.markdown)).toBe(true)
  })

  it('saves, lists, deletes and restores a brief, and exports a saved brief by id', async () => {
    const t = await library()
    const c = await makeBriefCase(t.client)
    const saved = await t.client.call('briefs.save', draft({ scope: { actorIds: [c.iran.id] } }))
    expect((await t.client.call('briefs.list', {})).briefs.map((b) => b.id)).toEqual([saved.id])
    const byId = await t.client.call('briefs.export', { briefId: saved.id })
    const byDraft = await t.client.call('briefs.export', {
      draft: draft({ scope: { actorIds: [c.iran.id] } }),
    })
    expect(byId.markdown).toBe(byDraft.markdown)
    const deleted = await t.client.call('briefs.delete', { id: saved.id })
    expect((await t.client.call('briefs.list', {})).briefs).toEqual([])
    const { createdAt: _c, updatedAt: _u, ...again } = deleted
    const restored = await t.client.call('briefs.save', again)
    expect(restored.id).toBe(saved.id)
    await expect(
      t.client.call('briefs.export', { briefId: 'no-such-brief' }),
    ).rejects.toMatchObject({
      code: 'not_found',
    })
  })
})
