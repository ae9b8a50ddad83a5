import MarkdownIt from 'markdown-it'
import footnote from 'markdown-it-footnote'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { describeRange } from '../../shared/anchoring'
import type { BriefDraft } from '../../shared/model'
import type { Client } from '../../shared/rpc'
import { libraryPerTest } from '../support/makeLibrary'
import { iranCase } from '../support/iranCase'

const library = libraryPerTest()

const harbour = [
  'From: Ada Byline',
  'Tirana Portal Outage',
  '',
  'Officials said Iran was behind the attack on the e-Albania portal.',
  '',
  'Tehran denied any involvement in the outage.',
  '',
  'The ransom note carried <img src=x onerror=alert(1)> and *stars* and [a link](javascript:alert(2)).',
  '',
  'A second <script>alert(3)</script> line named a contractor.',
].join('\n')

const secret = [
  'Inside Source',
  '',
  'A named insider confirmed that Iran ordered the attack.',
].join('\n')

type Case = Awaited<ReturnType<typeof makeCase>>

/** Highlights `exact` in a source and links it as asked. */
async function passage(
  client: Client,
  sourceId: string,
  exact: string,
  fields: { comment?: string; tags?: string[]; actorIds?: string[]; eventIds?: string[] } = {},
) {
  const { text } = await client.call('sources.get', { id: sourceId })
  const start = text.indexOf(exact)
  expect(start, `“${exact}” is in the source`).toBeGreaterThanOrEqual(0)
  const { actorIds, eventIds, ...rest } = fields
  const annotation = await client.call('annotations.create', {
    sourceId,
    quote: describeRange(text, start, start + exact.length),
    position: { start, end: start + exact.length },
    ...rest,
  })
  if (actorIds || eventIds)
    await client.call('annotations.link', {
      id: annotation.id,
      ...(actorIds ? { actorIds } : {}),
      ...(eventIds ? { eventIds } : {}),
    })
  return annotation
}

/**
 * Iran denies the 15 July cyberattack, resting on a passage; a claim linked to Iran; a hostile
 * passage tagged `ransom`; a RED source and a RED passage linked to Iran; a RED threat actor.
 */
async function makeCase(client: Client) {
  const { source } = await client.call('sources.import', { fileName: 'harbour.txt', text: harbour })
  const { source: inside } = await client.call('sources.import', {
    fileName: 'inside.txt',
    text: secret,
  })
  await client.call('sources.update', { id: inside.id, tlp: 'RED' })
  await client.call('sources.update', { id: source.id, reliability: 'B' })
  const denial = await passage(client, source.id, 'Tehran denied any involvement in the outage.', {
    comment: 'The denial, same day.',
  })
  const { iran, attack, denies } = await iranCase(client, {
    evidence: [denial.id],
    confidence: 'likely',
  })
  const claim = await passage(
    client,
    source.id,
    'Officials said Iran was behind the attack on the e-Albania portal.',
    { comment: 'Attribution <b>claim</b>', actorIds: [iran.id] },
  )
  await client.call('annotations.update', { id: claim.id, credibility: 2 })
  const hostile = await passage(
    client,
    source.id,
    'The ransom note carried <img src=x onerror=alert(1)> and *stars* and [a link](javascript:alert(2)).',
    { tags: ['Ransom'] },
  )
  const insider = await passage(client, inside.id, 'A named insider confirmed', {
    actorIds: [iran.id],
  })
  const redPassage = await passage(client, source.id, 'A second <script>alert(3)</script> line', {
    actorIds: [iran.id],
  })
  await client.call('annotations.update', { id: redPassage.id, tlp: 'RED' })
  const apt = await client.call('actors.create', {
    name: 'Shrouded Ferret',
    kind: 'threat-actor',
    tlp: 'RED',
  })
  const campaign = await client.call('events.create', {
    title: 'Summer campaign',
    occurred: { precision: 'range', start: '2022-06', end: '2022-09' },
  })
  return {
    source,
    inside,
    iran,
    attack,
    denies,
    denial,
    claim,
    hostile,
    insider,
    redPassage,
    apt,
    campaign,
  }
}

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
    const c: Case = await makeCase(t.client)
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
    const c = await makeCase(t.client)
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
    const c = await makeCase(t.client)
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
    await makeCase(t.client)
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
    await makeCase(t.client)
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
    const c = await makeCase(t.client)
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

  it('saves, lists, deletes and restores a brief, and exports a saved brief by id', async () => {
    const t = await library()
    const c = await makeCase(t.client)
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
