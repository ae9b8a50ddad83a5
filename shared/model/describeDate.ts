import type { DateSpec } from './dateSpec'

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

/**
 * A date as precisely as it was written, no more: `15 July 2022`, `July 2022`, `2022`, or a range
 * `March 2022 – July 2022` whose ends keep their own precision.
 */
export function describeDate(spec: DateSpec): string {
  if (spec.precision === 'range' && spec.end !== undefined)
    return `${describeWritten(spec.start)} – ${describeWritten(spec.end)}`
  return describeWritten(spec.start)
}

/** The name of a month (1–12); English, so the words match what the analyst typed in. */
export function monthName(month: number): string {
  return monthNames[month - 1] ?? String(month)
}

function describeWritten(date: string): string {
  const [year = date, month, day] = date.split('-')
  if (month === undefined) return year
  if (day === undefined) return `${monthName(Number(month))} ${year}`
  return `${Number(day)} ${monthName(Number(month))} ${year}`
}
