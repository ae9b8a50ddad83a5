import { calendarDay, dayOf } from './dayNumber'
import { monthName } from '../../../../shared/model'

/** The unit the time axis is marked in: one tick per year, month or day. */
export type TimelineZoom = 'year' | 'month' | 'day'

/** Coarse to fine, the order the zoom control offers them in. */
export const timelineZooms: readonly TimelineZoom[] = ['year', 'month', 'day']

/** A mark on the axis at the start of a unit, `x` in pixels. */
export type TimelineTick = { x: number; day: number; label: string }

/** A band over the ticks giving their context: the year of month ticks, the month of day ticks. */
export type TimelineGroup = { x: number; width: number; label: string }

/** The first day of the zoom's unit that contains `days`. */
export function unitStart(days: number, zoom: TimelineZoom): number {
  const { year, month } = calendarDay(days)
  if (zoom === 'year') return dayOf(year, 1)
  if (zoom === 'month') return dayOf(year, month)
  return days
}

/** The first day of the unit after the one that starts on (or contains) `days`. */
export function nextUnit(days: number, zoom: TimelineZoom): number {
  const { year, month } = calendarDay(days)
  if (zoom === 'year') return dayOf(year + 1, 1)
  if (zoom === 'month') return dayOf(year, month + 1)
  return days + 1
}

/** The coarser unit that groups the zoom's ticks, if any. */
function groupZoom(zoom: TimelineZoom): TimelineZoom | undefined {
  return zoom === 'day' ? 'month' : zoom === 'month' ? 'year' : undefined
}

function tickLabel(days: number, zoom: TimelineZoom): string {
  const { year, month, day } = calendarDay(days)
  if (zoom === 'year') return String(year)
  if (zoom === 'month') return monthName(month).slice(0, 3)
  return String(day)
}

function groupLabel(days: number, zoom: TimelineZoom): string {
  const { year, month } = calendarDay(days)
  return zoom === 'month' ? `${monthName(month)} ${year}` : String(year)
}

/**
 * The ticks from `origin` (a unit start) across `width` pixels, and the groups above them;
 * `toX` places a day number on the axis.
 */
export function axisTicks(
  origin: number,
  width: number,
  zoom: TimelineZoom,
  toX: (days: number) => number,
): { ticks: TimelineTick[]; groups: TimelineGroup[] } {
  const ticks: TimelineTick[] = []
  for (let days = origin; toX(days) <= width; days = nextUnit(days, zoom))
    ticks.push({ x: toX(days), day: days, label: tickLabel(days, zoom) })
  const groups: TimelineGroup[] = []
  const coarse = groupZoom(zoom)
  if (coarse === undefined) return { ticks, groups }
  for (let days = unitStart(origin, coarse); toX(days) < width; days = nextUnit(days, coarse)) {
    const x = Math.max(toX(days), toX(origin))
    const end = Math.min(toX(nextUnit(days, coarse)), width)
    groups.push({ x, width: end - x, label: groupLabel(days, coarse) })
  }
  return { ticks, groups }
}
