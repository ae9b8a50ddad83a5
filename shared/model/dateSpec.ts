import { z } from 'zod'

/** How precisely a date is known: a day, a month, a year, or a range between two such dates. */
export const DatePrecisionSchema = z.enum(['day', 'month', 'year', 'range'])
export type DatePrecision = z.infer<typeof DatePrecisionSchema>

const patterns = {
  year: /^\d{4}$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  day: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
} as const

/** The precision an ISO date string is written in (`2022`, `2022-07`, `2022-07-15`), if valid. */
export function precisionOf(date: string): 'day' | 'month' | 'year' | undefined {
  if (patterns.year.test(date)) return 'year'
  if (patterns.month.test(date)) return 'month'
  if (patterns.day.test(date) && isCalendarDay(date)) return 'day'
  return undefined
}

function isCalendarDay(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  return day <= daysIn(year, month)
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/**
 * A date as precisely as it is known. `start` is written in its precision (`2022`, `2022-07`,
 * `2022-07-15`); a range has an `end` (any of the three forms, not before `start`), nothing else
 * has one.
 */
export const DateSpecSchema = z
  .object({
    precision: DatePrecisionSchema,
    start: z.string(),
    end: z.string().optional(),
  })
  .superRefine((spec, context) => {
    const startPrecision = precisionOf(spec.start)
    if (startPrecision === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['start'],
        message: `“${spec.start}” is not a date (write 2022, 2022-07 or 2022-07-15)`,
      })
      return
    }
    if (spec.precision !== 'range') {
      if (startPrecision !== spec.precision)
        context.addIssue({
          code: 'custom',
          path: ['start'],
          message: `“${spec.start}” is not written as a ${spec.precision}`,
        })
      if (spec.end !== undefined)
        context.addIssue({ code: 'custom', path: ['end'], message: 'only a range has an end' })
      return
    }
    if (spec.end === undefined) {
      context.addIssue({ code: 'custom', path: ['end'], message: 'a range needs an end' })
      return
    }
    if (precisionOf(spec.end) === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['end'],
        message: `“${spec.end}” is not a date (write 2022, 2022-07 or 2022-07-15)`,
      })
      return
    }
    if (lastDayOf(spec.end) < firstDayOf(spec.start))
      context.addIssue({
        code: 'custom',
        path: ['end'],
        message: 'the range ends before it starts',
      })
  })
export type DateSpec = z.infer<typeof DateSpecSchema>

/** The first day (`YYYY-MM-DD`) a date of any precision covers. */
export function firstDayOf(date: string): string {
  if (date.length === 4) return `${date}-01-01`
  if (date.length === 7) return `${date}-01`
  return date
}

/** The last day (`YYYY-MM-DD`) a date of any precision covers. */
export function lastDayOf(date: string): string {
  if (date.length === 4) return `${date}-12-31`
  if (date.length === 7) {
    const [year, month] = date.split('-').map(Number) as [number, number]
    return `${date}-${String(daysIn(year, month)).padStart(2, '0')}`
  }
  return date
}

/** The days a date spec covers, first and last (both `YYYY-MM-DD`). */
export function spanOf(spec: DateSpec): { first: string; last: string } {
  return { first: firstDayOf(spec.start), last: lastDayOf(spec.end ?? spec.start) }
}

/**
 * Timeline order: by the first day covered, then the wider span first, so that a year comes
 * before the months and days it contains (coarse before fine), and a range sits by its start.
 */
export function compareDateSpecs(a: DateSpec, b: DateSpec): number {
  const spanA = spanOf(a)
  const spanB = spanOf(b)
  if (spanA.first !== spanB.first) return spanA.first < spanB.first ? -1 : 1
  if (spanA.last !== spanB.last) return spanA.last > spanB.last ? -1 : 1
  return 0
}
