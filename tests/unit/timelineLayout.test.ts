import { describe, expect, it } from 'vitest'
import { describeDate } from '../../shared/model'
import {
  defaultZoom,
  layoutTimeline,
  pixelsPerDay,
  timelineMetrics,
  type TimelineItem,
  type TimelineZoom,
} from '../../renderer/src/features/timeline/layoutTimeline'
import type { CaseEvent, DateSpec } from '../../shared/model'

let nextId = 0

/** An event as the core returns it, dated `start` (and `end` for a range). */
function makeEvent(title: string, start: string, end?: string): CaseEvent {
  const precision =
    end !== undefined ? 'range' : ['year', 'month', 'day'][start.split('-').length - 1]
  const occurred = { precision, start, ...(end !== undefined ? { end } : {}) } as DateSpec
  return {
    id: `event-${++nextId}`,
    title,
    occurred,
    reported: null,
    place: '',
    description: '',
    tags: [],
    tlp: 'CLEAR',
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    deletedAt: null,
  }
}

function item(items: readonly TimelineItem[], title: string): TimelineItem {
  const found = items.find((candidate) => candidate.event.title === title)
  if (!found) throw new Error(`No item is titled ${title}`)
  return found
}

const zooms: TimelineZoom[] = ['year', 'month', 'day']

describe('describeDate', () => {
  it('writes a date as precisely as it is known', () => {
    expect(describeDate({ precision: 'day', start: '2022-07-15' })).toBe('15 July 2022')
    expect(describeDate({ precision: 'day', start: '2022-07-05' })).toBe('5 July 2022')
    expect(describeDate({ precision: 'month', start: '2022-07' })).toBe('July 2022')
    expect(describeDate({ precision: 'month', start: '2022-12' })).toBe('December 2022')
    expect(describeDate({ precision: 'year', start: '2022' })).toBe('2022')
  })

  it('writes each end of a range in its own precision', () => {
    expect(describeDate({ precision: 'range', start: '2022-03', end: '2022-07' })).toBe(
      'March 2022 – July 2022',
    )
    expect(describeDate({ precision: 'range', start: '2021', end: '2022-01-09' })).toBe(
      '2021 – 9 January 2022',
    )
  })
})

describe('layoutTimeline', () => {
  it('lays out nothing when there are no events', () => {
    for (const zoom of zooms)
      expect(layoutTimeline([], zoom)).toEqual({
        zoom,
        items: [],
        ticks: [],
        groups: [],
        lanes: 0,
        width: 0,
      })
  })

  it('places a single day as a point in the first lane, inside the tick of its month', () => {
    const layout = layoutTimeline([makeEvent('15 July cyberattack', '2022-07-15')], 'month')
    expect(layout.items).toHaveLength(1)
    const [only] = layout.items
    expect(only).toMatchObject({ mark: 'point', width: 0, lane: 0, date: '15 July 2022' })
    expect(layout.lanes).toBe(1)
    const july = layout.ticks.findIndex((tick) => tick.label === 'Jul')
    const august = layout.ticks[july + 1]
    expect(july).toBeGreaterThanOrEqual(0)
    expect(layout.ticks[july]!.x).toBeLessThan(only!.x)
    expect(august?.label).toBe('Aug')
    expect(only!.x).toBeLessThan(august!.x)
    // Mid-month: the 15th is a little before the middle of July's 31 days.
    const fraction = (only!.x - layout.ticks[july]!.x) / (august!.x - layout.ticks[july]!.x)
    expect(fraction).toBeCloseTo(14.5 / 31, 5)
    expect(layout.groups.map((group) => group.label)).toContain('2022')
    expect(layout.width).toBeGreaterThanOrEqual(only!.box.left + only!.box.width)
  })

  it('orders mixed precision by first day, the wider span first, whatever the input order', () => {
    const events = [
      makeEvent('the day', '2022-07-15'),
      makeEvent('the month', '2022-07'),
      makeEvent('the spring', '2022-03', '2022-07'),
      makeEvent('the year', '2022'),
      makeEvent('the year before', '2021'),
    ]
    for (const zoom of zooms) {
      const { items } = layoutTimeline(events, zoom)
      expect(items.map((placed) => placed.event.title)).toEqual([
        'the year before',
        'the year',
        'the spring',
        'the month',
        'the day',
      ])
      const starts = items.map((placed) => placed.x)
      expect(starts).toEqual([...starts].sort((a, b) => a - b))
      expect(new Set(starts).size).toBe(starts.length)
    }
  })

  it('draws a day as a point, a month or a year as an uncertain bar, a range as a bar', () => {
    const { items } = layoutTimeline(
      [
        makeEvent('day', '2022-07-15'),
        makeEvent('month', '2022-07'),
        makeEvent('year', '2022'),
        makeEvent('range', '2022-03', '2022-07'),
      ],
      'day',
    )
    expect(item(items, 'day').mark).toBe('point')
    expect(item(items, 'month').mark).toBe('uncertain')
    expect(item(items, 'year').mark).toBe('uncertain')
    expect(item(items, 'range').mark).toBe('range')
    // The day's point lies within its month's bar, which lies within its year's bar.
    const day = item(items, 'day')
    const month = item(items, 'month')
    const year = item(items, 'year')
    expect(day.x).toBeGreaterThan(month.x)
    expect(day.x).toBeLessThan(month.x + month.width)
    expect(month.x).toBeGreaterThan(year.x)
    expect(month.x + month.width).toBeLessThan(year.x + year.width)
  })

  it('spans a month and a year by their days, leap years included', () => {
    const { items } = layoutTimeline(
      [
        makeEvent('Feb 2023', '2023-02'),
        makeEvent('Feb 2024', '2024-02'),
        makeEvent('July', '2022-07'),
        makeEvent('2023', '2023'),
        makeEvent('2024', '2024'),
      ],
      'month',
    )
    const day = pixelsPerDay.month
    expect(item(items, 'Feb 2023').width).toBeCloseTo(28 * day, 6)
    expect(item(items, 'Feb 2024').width).toBeCloseTo(29 * day, 6)
    expect(item(items, 'July').width).toBeCloseTo(31 * day, 6)
    expect(item(items, '2023').width).toBeCloseTo(365 * day, 6)
    expect(item(items, '2024').width).toBeCloseTo(366 * day, 6)
    // A year starts where the one before ends.
    expect(item(items, '2024').x).toBeCloseTo(item(items, '2023').x + 365 * day, 6)
  })

  it('puts 29 February between 28 February and 1 March in a leap year only', () => {
    const { items } = layoutTimeline(
      [
        makeEvent('28 Feb 2024', '2024-02-28'),
        makeEvent('1 Mar 2024', '2024-03-01'),
        makeEvent('28 Feb 2023', '2023-02-28'),
        makeEvent('1 Mar 2023', '2023-03-01'),
      ],
      'day',
    )
    const day = pixelsPerDay.day
    expect(item(items, '1 Mar 2024').x - item(items, '28 Feb 2024').x).toBeCloseTo(2 * day, 6)
    expect(item(items, '1 Mar 2023').x - item(items, '28 Feb 2023').x).toBeCloseTo(1 * day, 6)
  })

  it('draws a range from the first day of its start to the last day of its end', () => {
    const { items } = layoutTimeline(
      [
        makeEvent('spring', '2022-03', '2022-07'),
        makeEvent('long', '2022-03-10', '2023'),
        makeEvent('two days', '2022-08-30', '2022-08-31'),
        makeEvent('March', '2022-03'),
        makeEvent('tenth', '2022-03-10'),
      ],
      'day',
    )
    const day = pixelsPerDay.day
    // 1 March – 31 July: 31 + 30 + 31 + 30 + 31 days.
    expect(item(items, 'spring').width).toBeCloseTo(153 * day, 6)
    expect(item(items, 'spring').x).toBeCloseTo(item(items, 'March').x, 6)
    // 10 March 2022 – 31 December 2023: 297 days of 2022 and all of 2023.
    expect(item(items, 'long').width).toBeCloseTo((297 + 365) * day, 6)
    expect(item(items, 'long').x).toBeCloseTo(item(items, 'tenth').x - day / 2, 6)
    expect(item(items, 'two days').width).toBeCloseTo(2 * day, 6)
  })

  it('never lets two boxes of one lane overlap, and each box holds its mark', () => {
    const events = manyEvents(80)
    for (const zoom of zooms) {
      const layout = layoutTimeline(events, zoom)
      expect(layout.items).toHaveLength(events.length)
      for (const placed of layout.items) {
        expect(placed.lane).toBeGreaterThanOrEqual(0)
        expect(placed.lane).toBeLessThan(layout.lanes)
        expect(placed.box.left).toBeGreaterThanOrEqual(0)
        expect(placed.box.left).toBeLessThanOrEqual(placed.x)
        expect(placed.box.left + placed.box.width).toBeGreaterThanOrEqual(placed.x + placed.width)
        expect(placed.box.left + placed.box.width).toBeLessThanOrEqual(layout.width)
      }
      for (const a of layout.items)
        for (const b of layout.items) {
          if (a === b || a.lane !== b.lane) continue
          const apart =
            a.box.left + a.box.width + timelineMetrics.laneGap <= b.box.left ||
            b.box.left + b.box.width + timelineMetrics.laneGap <= a.box.left
          expect(apart, `${a.event.title} and ${b.event.title} at ${zoom}`).toBe(true)
        }
    }
  })

  it('shares a lane between events far apart and stacks events at the same time', () => {
    const apart = layoutTimeline(
      [makeEvent('first', '2020-01-10'), makeEvent('second', '2022-09-10')],
      'month',
    )
    expect(apart.items.map((placed) => placed.lane)).toEqual([0, 0])
    expect(apart.lanes).toBe(1)
    const together = layoutTimeline(
      [makeEvent('a', '2022-07-15'), makeEvent('b', '2022-07-15'), makeEvent('c', '2022-07-16')],
      'month',
    )
    expect(new Set(together.items.map((placed) => placed.lane)).size).toBe(3)
    expect(together.lanes).toBe(3)
  })

  it('marks every unit of the zoom from the first event on, with its context above', () => {
    const events = [makeEvent('spring', '2022-03', '2022-07'), makeEvent('winter', '2023-01')]
    const month = layoutTimeline(events, 'month')
    const labels = month.ticks.map((tick) => tick.label)
    expect(labels.slice(0, 11)).toEqual([
      'Mar',
      'Apr',
      'May',
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
      'Jan',
    ])
    expect(month.groups.map((group) => group.label).slice(0, 2)).toEqual(['2022', '2023'])
    expect(month.ticks[1]!.x - month.ticks[0]!.x).toBeCloseTo(31 * pixelsPerDay.month, 6)
    expect(month.ticks.at(-1)!.x).toBeLessThanOrEqual(month.width)

    const year = layoutTimeline(events, 'year')
    expect(year.ticks.map((tick) => tick.label).slice(0, 2)).toEqual(['2022', '2023'])
    expect(year.ticks[1]!.x - year.ticks[0]!.x).toBeCloseTo(365 * pixelsPerDay.year, 6)

    const day = layoutTimeline([makeEvent('leap', '2024-02-28', '2024-03-01')], 'day')
    expect(day.ticks.map((tick) => tick.label).slice(0, 4)).toEqual(['28', '29', '1', '2'])
    expect(day.groups.map((group) => group.label).slice(0, 2)).toEqual([
      'February 2024',
      'March 2024',
    ])
  })
})

describe('defaultZoom', () => {
  it('picks the finest zoom at which the events fit', () => {
    expect(defaultZoom([makeEvent('a', '2022-07-15'), makeEvent('b', '2022-07-20')])).toBe('day')
    expect(defaultZoom([makeEvent('a', '2022-03-01'), makeEvent('b', '2022-09-20')])).toBe('month')
    expect(defaultZoom([makeEvent('a', '2015'), makeEvent('b', '2022-07-20')])).toBe('year')
    expect(defaultZoom([makeEvent('a', '2022-07')])).toBe('day')
    // Five days take 160 pixels at the day zoom, July 93 at the month zoom.
    const week = [makeEvent('a', '2022-07-14', '2022-07-18')]
    expect(defaultZoom(week, 100)).toBe('month')
    expect(defaultZoom(week, 200)).toBe('day')
    expect(defaultZoom([])).toBe('month')
  })
})

/** Events of every precision scattered over three years, the same every run. */
function manyEvents(count: number): CaseEvent[] {
  let seed = 7
  const random = (below: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % below
  }
  const pad = (n: number) => String(n).padStart(2, '0')
  return Array.from({ length: count }, (_, index) => {
    const year = 2020 + random(3)
    const month = pad(1 + random(12))
    const day = pad(1 + random(28))
    const title = `Event ${index} ${'x'.repeat(random(30))}`
    switch (random(4)) {
      case 0:
        return makeEvent(title, `${year}-${month}-${day}`)
      case 1:
        return makeEvent(title, `${year}-${month}`)
      case 2:
        return makeEvent(title, `${year}`)
      default:
        return makeEvent(title, `${year}-${month}`, `${year + random(2)}-12-${day}`)
    }
  })
}
