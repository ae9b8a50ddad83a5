const msPerDay = 86_400_000

/** Whole days since 1970-01-01 of a `YYYY-MM-DD` day: a linear scale leap years included. */
export function dayNumber(day: string): number {
  const [year = 1970, month = 1, date = 1] = day.split('-').map(Number)
  return Date.UTC(year, month - 1, date) / msPerDay
}

/** The calendar day of a day number (month 1–12). */
export function calendarDay(days: number): { year: number; month: number; day: number } {
  const date = new Date(days * msPerDay)
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }
}

/** The day number of year/month/day, month 1–12; overflowing months and days roll over. */
export function dayOf(year: number, month: number, day = 1): number {
  return Date.UTC(year, month - 1, day) / msPerDay
}
