import { compareDateSpecs, spanOf, type CaseEvent } from '../../../../shared/model'
import { dayNumber } from './dayNumber'
import { describeDate } from '../../../../shared/model'
import {
  axisTicks,
  nextUnit,
  unitStart,
  type TimelineGroup,
  type TimelineTick,
  type TimelineZoom,
} from './timelineTicks'

export type { TimelineGroup, TimelineTick, TimelineZoom } from './timelineTicks'

/** How many pixels a day takes at each zoom: about 220 a year, 90 a month, 32 a day. */
export const pixelsPerDay: Readonly<Record<TimelineZoom, number>> = {
  year: 0.6,
  month: 3,
  day: 32,
}

/** The sizes the picture is drawn with; the stylesheet draws marks and labels at these sizes. */
export const timelineMetrics = {
  /** Space before the first unit and after the last mark or label. */
  padding: 16,
  /** The diameter of the dot of a day. */
  pointSize: 10,
  /** A bar is never drawn thinner than this, however short its span at this zoom. */
  minBarWidth: 4,
  /** Horizontal space kept between two boxes in one lane. */
  laneGap: 10,
  /** Estimated width of one character of a label, generous so text fits its box. */
  charWidth: 7,
  /** A label longer than this is cut with an ellipsis. */
  maxLabelWidth: 220,
} as const

/** A day is a point; a month or a year a bar the event happened somewhere within; a range a bar. */
export type TimelineMark = 'point' | 'uncertain' | 'range'

/** One event placed on the axis. */
export type TimelineItem = {
  event: CaseEvent
  /** The date as written (`July 2022`), shown and read out with the title. */
  date: string
  mark: TimelineMark
  /** Where its time starts, in pixels; a point's centre. */
  x: number
  /** How long its time lasts, in pixels (the whole days it covers); 0 for a point. */
  width: number
  /** The box its mark and label are drawn in: never overlaps another box of its lane. */
  box: { left: number; width: number }
  /** The row it is drawn in, 0 at the top. */
  lane: number
}

export type TimelineLayout = {
  zoom: TimelineZoom
  /** In time order: by first day, the wider span first (as `events.timeline` orders them). */
  items: TimelineItem[]
  ticks: TimelineTick[]
  groups: TimelineGroup[]
  lanes: number
  /** The width of the whole picture, in pixels. */
  width: number
}

/** Places events on a time axis at `zoom`, in lanes so that no two boxes overlap. */
export function layoutTimeline(events: readonly CaseEvent[], zoom: TimelineZoom): TimelineLayout {
  if (events.length === 0) return { zoom, items: [], ticks: [], groups: [], lanes: 0, width: 0 }
  const ordered = [...events].sort((a, b) => compareDateSpecs(a.occurred, b.occurred))
  const spans = ordered.map((event) => spanOf(event.occurred))
  const first = Math.min(...spans.map((span) => dayNumber(span.first)))
  const last = Math.max(...spans.map((span) => dayNumber(span.last)))
  const origin = unitStart(first, zoom)
  const toX = (days: number) => timelineMetrics.padding + (days - origin) * pixelsPerDay[zoom]

  const placed = ordered.map((event, index) => {
    const span = spans[index] ?? spanOf(event.occurred)
    return place(event, dayNumber(span.first), dayNumber(span.last) + 1, toX)
  })
  const lanes = assignLanes(placed.map((item) => item.box))
  const items = placed.map((item, index) => ({ ...item, lane: lanes[index] ?? 0 }))

  const axisEnd = toX(nextUnit(unitStart(last, zoom), zoom))
  const boxesEnd = Math.max(...items.map((item) => item.box.left + item.box.width))
  const width = Math.ceil(Math.max(axisEnd, boxesEnd) + timelineMetrics.padding)
  const { ticks, groups } = axisTicks(origin, width, zoom, toX)
  return { zoom, items, ticks, groups, lanes: Math.max(...lanes) + 1, width }
}

/** Where one event goes, its lane still to be found; `end` is the day after its last. */
function place(
  event: CaseEvent,
  start: number,
  end: number,
  toX: (days: number) => number,
): Omit<TimelineItem, 'lane'> {
  const { pointSize, minBarWidth } = timelineMetrics
  const date = describeDate(event.occurred)
  const label = labelWidth(event.title, date)
  const precision = event.occurred.precision
  if (precision === 'day') {
    const x = (toX(start) + toX(end)) / 2
    const left = x - pointSize / 2
    return {
      event,
      date,
      mark: 'point',
      x,
      width: 0,
      box: { left, width: Math.max(pointSize, label) },
    }
  }
  const x = toX(start)
  const width = toX(end) - x
  return {
    event,
    date,
    mark: precision === 'range' ? 'range' : 'uncertain',
    x,
    width,
    box: { left: x, width: Math.max(width, minBarWidth, label) },
  }
}

/** The width a label of the title over the date needs, at most `maxLabelWidth`. */
function labelWidth(title: string, date: string): number {
  const { charWidth, maxLabelWidth } = timelineMetrics
  return Math.min(maxLabelWidth, Math.ceil(Math.max(title.length, date.length) * charWidth) + 4)
}

/** The lane of each box: the first, from the top, where it clears every box already there. */
function assignLanes(boxes: readonly { left: number; width: number }[]): number[] {
  const byLeft = boxes.map((box, index) => ({ box, index })).sort((a, b) => a.box.left - b.box.left)
  const laneEnds: number[] = []
  const lanes: number[] = new Array<number>(boxes.length).fill(0)
  for (const { box, index } of byLeft) {
    let lane = laneEnds.findIndex((end) => end + timelineMetrics.laneGap <= box.left)
    if (lane === -1) lane = laneEnds.length
    laneEnds[lane] = box.left + box.width
    lanes[index] = lane
  }
  return lanes
}

/**
 * The finest zoom at which the events' span fits in `fitWidth` pixels (the year when nothing
 * finer does), so that the first picture shows everything at once.
 */
export function defaultZoom(events: readonly CaseEvent[], fitWidth = 1000): TimelineZoom {
  if (events.length === 0) return 'month'
  const spans = events.map((event) => spanOf(event.occurred))
  const first = Math.min(...spans.map((span) => dayNumber(span.first)))
  const last = Math.max(...spans.map((span) => dayNumber(span.last)))
  const fits = (zoom: TimelineZoom) =>
    (nextUnit(unitStart(last, zoom), zoom) - unitStart(first, zoom)) * pixelsPerDay[zoom] <=
    fitWidth
  if (fits('day')) return 'day'
  if (fits('month')) return 'month'
  return 'year'
}
