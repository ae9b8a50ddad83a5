import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { TestLibrary } from '../support/makeLibrary'
import {
  importText,
  inspectorItem,
  openSource,
  readerPage,
  renderApp,
  statusText,
} from './support/renderApp'

const article = [
  'Iran denies attack',
  'Albania cut diplomatic ties with Iran after the 15 July cyberattack on its government services.',
  'Tehran denied any role. The Iranian foreign ministry called the claim baseless; Iran said it was itself a victim.',
].join('\n\n')

async function renderWithArticle(seed: (library: TestLibrary) => Promise<void> = async () => {}) {
  let sourceId = ''
  const library = await renderApp(async (library) => {
    await seed(library)
    sourceId = (await importText(library, 'iran.txt', article)).id
  })
  await openSource('Iran denies attack')
  return { library, sourceId }
}

/** Types into a picker and chooses the option whose text contains `option`. */
async function pick(field: HTMLElement, typed: string, option: string) {
  fireEvent.change(field, { target: { value: typed } })
  const choice = await waitFor(() => {
    const found = screen
      .getAllByTestId('entity-option')
      .find((element) => element.textContent?.includes(option))
    if (!found) throw new Error(`no option "${option}"`)
    return found
  })
  fireEvent.mouseDown(choice)
}

async function seedCase(library: TestLibrary) {
  const iran = await library.client.call('actors.create', {
    name: 'Iran',
    kind: 'state',
    aliases: ['Tehran', 'Islamic Republic of Iran'],
  })
  const albania = await library.client.call('actors.create', { name: 'Albania', kind: 'state' })
  const attack = await library.client.call('events.create', {
    title: '15 July cyberattack',
    occurred: { precision: 'day', start: '2022-07-15' },
  })
  return { iran, albania, attack }
}

describe('the case in the reader', () => {
  it('creates an actor from the highlight popover and links the passage to it', async () => {
    const { library, sourceId } = await renderWithArticle()
    readerPage.select('Albania cut diplomatic ties')
    await pick(await screen.findByTestId('highlight-links'), 'Albania', 'New actor “Albania”')
    const form = await screen.findByTestId('new-actor')
    fireEvent.change(within(form).getByTestId('new-actor-kind'), { target: { value: 'state' } })
    fireEvent.click(within(form).getByTestId('new-actor-create'))
    await waitFor(() =>
      expect(
        within(screen.getByRole('dialog'))
          .getAllByTestId('entity-chip')
          .map((c) => c.textContent),
      ).toEqual(['●Albania×']),
    )
    fireEvent.click(screen.getByTestId('highlight-save'))

    await waitFor(() =>
      expect(within(inspectorItem('Albania cut')).getByTestId('entity-chip').textContent).toBe(
        '●Albania',
      ),
    )
    const { actors } = await library.client.call('actors.list', {})
    expect(actors.map((actor) => [actor.name, actor.kind])).toEqual([['Albania', 'state']])
    const { annotations } = await library.client.call('annotations.list', { sourceId })
    expect(annotations[0]?.actorIds).toEqual([actors[0]?.id])
  })

  it('makes “Iran — denies → 15 July cyberattack” from a passage, with the passage as evidence', async () => {
    let seeded: Awaited<ReturnType<typeof seedCase>> | undefined
    const { library, sourceId } = await renderWithArticle(async (library) => {
      seeded = await seedCase(library)
    })
    const { iran, attack } = seeded!
    readerPage.select('Tehran denied any role')
    fireEvent.click(await screen.findByTestId('add-relation'))
    // An alias finds the actor.
    await pick(screen.getByTestId('relation-from'), 'tehran', 'Iran')
    fireEvent.change(screen.getByTestId('relation-type'), { target: { value: 'denies' } })
    await pick(screen.getByTestId('relation-to'), '15 july', '15 July cyberattack')
    fireEvent.change(screen.getByTestId('relation-confidence'), {
      target: { value: 'almost certain' },
    })
    fireEvent.click(screen.getByTestId('highlight-save'))

    await waitFor(async () => {
      const { relations } = await library.client.call('relations.list', {})
      expect(relations).toHaveLength(1)
    })
    const { relations } = await library.client.call('relations.list', {})
    const { annotations } = await library.client.call('annotations.list', { sourceId })
    expect(annotations).toHaveLength(1)
    expect(relations[0]).toMatchObject({
      from: { kind: 'actor', id: iran.id },
      to: { kind: 'event', id: attack.id },
      type: 'denies',
      confidence: 'almost certain',
      evidence: [annotations[0]?.id],
    })
    // The passage is linked to both ends.
    expect(annotations[0]?.actorIds).toEqual([iran.id])
    expect(annotations[0]?.eventIds).toEqual([attack.id])
  })

  it('refuses an unfinished relation and saves nothing', async () => {
    const { library, sourceId } = await renderWithArticle(async (library) => {
      await seedCase(library)
    })
    readerPage.select('Tehran denied any role')
    fireEvent.click(await screen.findByTestId('add-relation'))
    await pick(screen.getByTestId('relation-from'), 'Iran', 'Iran')
    fireEvent.click(screen.getByTestId('highlight-save'))
    expect((await screen.findByRole('alert')).textContent).toMatch(/type of the relation/)
    expect((await library.client.call('annotations.list', { sourceId })).annotations).toEqual([])
    expect((await library.client.call('relations.list', {})).relations).toEqual([])
  })

  it('offers mentions of known actors and links one with a click', async () => {
    let iranId = ''
    const { library, sourceId } = await renderWithArticle(async (library) => {
      iranId = (await seedCase(library)).iran.id
    })
    const mentions = await screen.findByTestId('mentions')
    expect(within(mentions).getByRole('heading').textContent).toBe('Mentions 2 known actors')
    const iran = within(mentions)
      .getAllByTestId('mention-actor')
      .find((group) => within(group).getByTestId('entity-chip').textContent === '●Iran')!
    // "Iran" twice, "Tehran" once; "Iranian" is another word.
    expect(within(iran).getByText(/mentions/).textContent).toBe('3 mentions')
    fireEvent.click(within(iran).getAllByTestId('mention-link')[0]!)

    await waitFor(() => expect(readerPage.marks()).toEqual(['Iran']))
    const { annotations } = await library.client.call('annotations.list', { sourceId })
    expect(annotations.map((a) => [a.target.quote.exact, a.actorIds])).toEqual([['Iran', [iranId]]])
    await waitFor(() =>
      expect(within(iran).getByText(/mentions/).textContent).toBe('3 mentions, 1 linked'),
    )
    expect(within(iran).getAllByTestId('mention-link')).toHaveLength(2)
  })
})

describe('markings', () => {
  it('grade a source (A–F) and mark it TLP; grade a passage (1–6) and mark it TLP', async () => {
    const { library, sourceId } = await renderWithArticle()
    fireEvent.change(screen.getByTestId('source-reliability'), { target: { value: 'B' } })
    await waitFor(() => expect(statusText()).toMatch(/^Source graded B: usually reliable\./))
    fireEvent.change(screen.getByTestId('source-tlp'), { target: { value: 'AMBER' } })
    await waitFor(async () =>
      expect((await library.client.call('sources.get', { id: sourceId })).source).toMatchObject({
        reliability: 'B',
        tlp: 'AMBER',
      }),
    )
    await waitFor(() =>
      expect(screen.getByTestId<HTMLSelectElement>('source-tlp').value).toBe('AMBER'),
    )

    await readerPage.highlight('Tehran denied any role', 'Denial.')
    const card = inspectorItem('Tehran denied any role')
    fireEvent.click(within(card).getByRole('button', { name: 'Edit' }))
    fireEvent.change(within(card).getByTestId('annotation-credibility'), { target: { value: '2' } })
    fireEvent.change(within(card).getByTestId('annotation-tlp'), { target: { value: 'RED' } })
    fireEvent.click(within(card).getByTestId('inspector-save'))
    await waitFor(() =>
      expect(
        within(inspectorItem('Tehran denied')).getByTestId('annotation-markings').textContent,
      ).toBe('Credibility 2 · TLP:RED'),
    )
    const { annotations } = await library.client.call('annotations.list', { sourceId })
    expect(annotations[0]).toMatchObject({ credibility: 2, tlp: 'RED' })
  })
})

describe('imports', () => {
  it('say which known actors a new source mentions', async () => {
    await renderWithArticle(async (library) => {
      await seedCase(library)
    })
    const file = new File(
      ['NATO note\n\nAlbania asked NATO for help; Tehran said nothing.'],
      'nato.txt',
      {
        type: 'text/plain',
      },
    )
    fireEvent.change(screen.getByTestId('import-input'), { target: { files: [file] } })
    await waitFor(() =>
      expect(statusText()).toBe(
        'Imported “NATO note”. It mentions 2 known actors: Albania and Iran.',
      ),
    )
  })
})

describe('actor and event pages', () => {
  it('show relations, events and passages; a passage opens in the reader', async () => {
    let seeded: Awaited<ReturnType<typeof seedCase>> | undefined
    const { library, sourceId } = await renderWithArticle(async (library) => {
      seeded = await seedCase(library)
    })
    const { iran, attack } = seeded!
    const passage = await library.client.call('annotations.create', {
      sourceId,
      quote: { exact: 'Tehran denied any role', prefix: '', suffix: '' },
      position: { start: article.indexOf('Tehran'), end: article.indexOf('Tehran') + 22 },
      comment: 'Denial, same day.',
      tags: ['denial'],
    })
    await library.client.call('annotations.link', {
      id: passage.id,
      actorIds: [iran.id],
      eventIds: [attack.id],
    })
    await library.client.call('relations.create', {
      from: { kind: 'actor', id: iran.id },
      to: { kind: 'event', id: attack.id },
      type: 'denies',
      confidence: 'likely',
      evidence: [passage.id],
    })

    fireEvent.click(screen.getByTestId('open-actors'))
    fireEvent.click(
      (await screen.findAllByTestId('actor-item')).find((item) =>
        item.textContent?.includes('Iran'),
      )!,
    )
    const page = await screen.findByTestId('actor-page')
    expect(within(page).getByRole('heading', { level: 1 }).textContent).toBe('Iran')
    expect(within(page).getByTestId('actor-aliases').textContent).toBe(
      'Also known as Tehran, Islamic Republic of Iran',
    )
    const relation = await within(page).findByTestId('relation-item')
    expect(
      within(relation)
        .getByRole('paragraph', { name: /denies/ })
        .getAttribute('aria-label'),
    ).toBe('Iran — denies → 15 July cyberattack, likely')
    expect(within(relation).getByTestId('relation-evidence').textContent).toContain(
      '“Tehran denied any role”',
    )
    expect(within(page).getByText('15 July 2022')).toBeTruthy()
    const passages = within(page).getAllByTestId('linked-passage')
    expect(passages.map((p) => p.textContent)).toEqual([
      expect.stringContaining('Denial, same day.'),
    ])

    // The event page, through the chip.
    fireEvent.click(within(relation).getByRole('button', { name: /15 July cyberattack/ }))
    const eventPage = await screen.findByTestId('event-page')
    expect(within(eventPage).getByTestId('event-occurred').textContent).toBe(
      '15 July 2022 (known to the day)',
    )
    expect(within(eventPage).getByTestId('relation-item').textContent).toContain('Iran')

    fireEvent.click(within(eventPage).getByTestId('linked-passage'))
    await screen.findByTestId('reader')
    await waitFor(() =>
      expect(inspectorItem('Tehran denied').getAttribute('aria-current')).toBe('true'),
    )
  })

  it('adds an actor from the Actors view and merges a duplicate into it', async () => {
    const { library } = await renderWithArticle(async (library) => {
      await library.client.call('actors.create', { name: 'APT 34', kind: 'threat-actor' })
    })
    fireEvent.click(screen.getByTestId('open-actors'))
    fireEvent.change(await screen.findByTestId('new-actor-name'), {
      target: { value: 'OilRig' },
    })
    fireEvent.submit(screen.getByRole('form', { name: 'New actor' }))
    const page = await screen.findByTestId('actor-page')
    expect(within(page).getByRole('heading', { level: 1 }).textContent).toBe('OilRig')

    await pick(within(page).getByRole('combobox'), 'apt', 'APT 34')
    fireEvent.click(await within(page).findByRole('button', { name: 'Merge APT 34 into OilRig' }))
    await waitFor(() =>
      expect(within(page).getByTestId('actor-aliases').textContent).toBe('Also known as APT 34'),
    )
    const { actors } = await library.client.call('actors.list', {})
    expect(actors.map((actor) => actor.name)).toEqual(['OilRig'])
  })
})
