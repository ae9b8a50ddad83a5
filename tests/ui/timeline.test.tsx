import './support/jsdomPolyfills'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { TimelineView } from '../../renderer/src/features/timeline/TimelineView'
import type { DateSpec } from '../../shared/model'
import type { Client } from '../../shared/rpc'
import { renderFailing, renderOverLibrary } from './support/renderOverLibrary'

/** The timeline alone over a real library in a temp folder; `seed` fills it first. */
async function renderTimeline<T>(seed: (client: Client) => Promise<T>) {
  const onOpenEvent = vi.fn<(id: string) => void>()
  const { client, seeded } = await renderOverLibrary(
    (library) => seed(library.client),
    <TimelineView onOpenEvent={onOpenEvent} />,
  )
  return { client, onOpenEvent, seeded }
}

function createEvent(client: Client, title: string, occurred: DateSpec, tags: string[] = []) {
  return client.call('events.create', { title, occurred, tags })
}

/** The accessible names of the events drawn, in the order they are drawn (and focused). */
function drawnEvents(): string[] {
  return screen.queryAllByTestId('timeline-event').map((event) => accessibleName(event))
}

function accessibleName(element: HTMLElement): string {
  return element.getAttribute('aria-label') ?? ''
}

/** Seeds the case of issue #5: an attack, the month before, the year, and a spring range. */
async function seedCase(client: Client) {
  const iran = await client.call('actors.create', { name: 'Iran', kind: 'state' })
  const albania = await client.call('actors.create', { name: 'Albania', kind: 'state' })
  // Created out of time order: the timeline must order them, not echo the order of creation.
  const attack = await createEvent(
    client,
    '15 July cyberattack',
    { precision: 'day', start: '2022-07-15' },
    ['cyber'],
  )
  const ties = await createEvent(client, 'Diplomatic ties cut', {
    precision: 'day',
    start: '2022-09-07',
  })
  await createEvent(client, 'Intrusion begins', {
    precision: 'range',
    start: '2021-05',
    end: '2022-07',
  })
  await createEvent(client, 'Reconnaissance', { precision: 'month', start: '2022-06' }, ['cyber'])
  await createEvent(client, 'Year of tension', { precision: 'year', start: '2022' })
  await client.call('relations.create', {
    from: { kind: 'actor', id: iran.id },
    to: { kind: 'event', id: attack.id },
    type: 'denies',
    confidence: 'almost certain',
  })
  await client.call('relations.create', {
    from: { kind: 'actor', id: albania.id },
    to: { kind: 'event', id: ties.id },
    type: 'responds-to',
    confidence: 'almost certain',
  })
  return { iran, albania, attack, ties }
}

const allInOrder = [
  'Intrusion begins, May 2021 – July 2022',
  'Year of tension, 2022',
  'Reconnaissance, June 2022',
  '15 July cyberattack, 15 July 2022',
  'Diplomatic ties cut, 7 September 2022',
]

describe('the timeline', () => {
  it('says how to begin when the case has no events', async () => {
    await renderTimeline(async () => {})
    expect(screen.getByRole('heading', { level: 1, name: 'Timeline' })).toBeTruthy()
    expect((await screen.findByTestId('timeline-empty')).textContent).toContain(
      'No events yet: create one from a passage or on the Events page.',
    )
    expect(screen.queryByTestId('timeline-chart')).toBeNull()
  })

  it('draws the events in date order, each named by its title and its date as written', async () => {
    await renderTimeline(seedCase)
    await waitFor(() => expect(drawnEvents()).toEqual(allInOrder))
    const attack = screen.getByRole('button', { name: '15 July cyberattack, 15 July 2022' })
    expect(attack.getAttribute('data-testid')).toBe('timeline-event')
    expect(attack.className).toContain('timeline-event--point')
    expect(screen.getByRole('button', { name: 'Reconnaissance, June 2022' }).className).toContain(
      'timeline-event--uncertain',
    )
    expect(screen.getByRole('button', { name: 'Year of tension, 2022' }).className).toContain(
      'timeline-event--uncertain',
    )
    expect(screen.getByRole('button', { name: /^Intrusion begins/ }).className).toContain(
      'timeline-event--range',
    )
    const legend = screen.getByTestId('timeline-legend')
    expect(legend.textContent).toContain('A month or a year')
    expect(legend.textContent).toContain('A range')
  })

  it('lays overlapping events in different lanes', async () => {
    await renderTimeline(seedCase)
    await waitFor(() => expect(drawnEvents()).toHaveLength(5))
    const lane = (name: RegExp) => screen.getByRole('button', { name }).getAttribute('data-lane')
    // The year covers the month and the day: none of them may share its row.
    expect(lane(/^Year of tension/)).not.toBe(lane(/^Reconnaissance/))
    expect(lane(/^Year of tension/)).not.toBe(lane(/^15 July cyberattack/))
    expect(lane(/^Intrusion begins/)).not.toBe(lane(/^Year of tension/))
  })

  it('narrows to one actor’s events and to one tag, and back', async () => {
    await renderTimeline(seedCase)
    await waitFor(() => expect(drawnEvents()).toEqual(allInOrder))
    const actor = screen.getByTestId<HTMLSelectElement>('timeline-actor')
    expect([...actor.options].map((option) => option.text)).toEqual([
      'All actors',
      'Albania',
      'Iran',
    ])
    const iranOption = [...actor.options].find((option) => option.text === 'Iran')!
    fireEvent.change(actor, { target: { value: iranOption.value } })
    await waitFor(() => expect(drawnEvents()).toEqual(['15 July cyberattack, 15 July 2022']))

    fireEvent.change(actor, { target: { value: '' } })
    await waitFor(() => expect(drawnEvents()).toEqual(allInOrder))

    const tag = screen.getByTestId<HTMLSelectElement>('timeline-tag')
    expect([...tag.options].map((option) => option.text)).toEqual(['All tags', 'cyber'])
    fireEvent.change(tag, { target: { value: 'cyber' } })
    await waitFor(() =>
      expect(drawnEvents()).toEqual([
        'Reconnaissance, June 2022',
        '15 July cyberattack, 15 July 2022',
      ]),
    )

    // Albania's only event is not tagged cyber: both filters together match nothing.
    const albaniaOption = [...actor.options].find((option) => option.text === 'Albania')!
    fireEvent.change(actor, { target: { value: albaniaOption.value } })
    const none = await screen.findByTestId('timeline-empty')
    expect(none.textContent).toContain('No events match these filters.')
    fireEvent.click(within(none).getByRole('button', { name: 'Show all events' }))
    await waitFor(() => expect(drawnEvents()).toEqual(allInOrder))
    expect(actor.value).toBe('')
    expect(tag.value).toBe('')
  })

  it('opens an event on click, and arrow keys step through them in time order', async () => {
    const { onOpenEvent, seeded } = await renderTimeline(seedCase)
    await waitFor(() => expect(drawnEvents()).toEqual(allInOrder))
    const attack = screen.getByRole('button', { name: '15 July cyberattack, 15 July 2022' })
    fireEvent.click(attack)
    expect(onOpenEvent).toHaveBeenCalledTimes(1)
    expect(onOpenEvent).toHaveBeenCalledWith(seeded.attack.id)

    attack.focus()
    fireEvent.keyDown(attack, { key: 'ArrowRight' })
    expect(accessibleName(document.activeElement as HTMLElement)).toBe(allInOrder[4])
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' })
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' })
    expect(accessibleName(document.activeElement as HTMLElement)).toBe(allInOrder[2])
    fireEvent.keyDown(document.activeElement!, { key: 'Home' })
    expect(accessibleName(document.activeElement as HTMLElement)).toBe(allInOrder[0])
  })

  it('fits the zoom to the events and lets the analyst choose another', async () => {
    await renderTimeline(async (client) => {
      await createEvent(client, 'Gate fails', { precision: 'day', start: '2022-07-15' })
      await createEvent(client, 'Paper manifests', { precision: 'day', start: '2022-07-18' })
    })
    await waitFor(() => expect(drawnEvents()).toHaveLength(2))
    const zoom = screen.getByTestId('timeline-zoom')
    // Four days apart: the day zoom fits them, with a tick per day.
    expect(within(zoom).getByRole<HTMLInputElement>('radio', { name: 'Day' }).checked).toBe(true)
    const ticks = () => screen.getAllByTestId('timeline-tick').map((tick) => tick.textContent)
    expect(ticks().slice(0, 4)).toEqual(['15', '16', '17', '18'])
    expect(screen.getByTestId('timeline-chart').textContent).toContain('July 2022')

    fireEvent.click(within(zoom).getByRole('radio', { name: 'Year' }))
    expect(within(zoom).getByRole<HTMLInputElement>('radio', { name: 'Year' }).checked).toBe(true)
    expect(ticks()[0]).toBe('2022')
    expect(drawnEvents()).toEqual(['Gate fails, 15 July 2022', 'Paper manifests, 18 July 2022'])
  })

  it('shows an event created after it was drawn', async () => {
    const { client } = await renderTimeline(seedCase)
    await waitFor(() => expect(drawnEvents()).toEqual(allInOrder))
    await createEvent(client, 'Embassy closed', { precision: 'month', start: '2022-08' })
    await waitFor(() =>
      expect(drawnEvents()).toEqual([
        ...allInOrder.slice(0, 4),
        'Embassy closed, August 2022',
        allInOrder[4],
      ]),
    )
  })

  it('says so when the events cannot be read', async () => {
    await renderFailing(<TimelineView onOpenEvent={() => {}} />, 'the disk went away')
    expect((await screen.findByRole('alert')).textContent).toContain('the disk went away')
  })
})
