import type { Source } from '../../../../shared/model'

/** "Alice Taylor · 14 Sep 2022", or the file name when nothing better is known. */
export function describeSource(source: Source): string {
  const parts: string[] = []
  if (source.authors.length > 0) parts.push(source.authors.join(', '))
  if (source.publishedAt) parts.push(formatDate(source.publishedAt))
  if (parts.length === 0) parts.push(source.origin.fileName)
  return parts.join(' · ')
}

// Made once: toLocaleDateString() builds a formatter per call, which a list of thousands of
// sources cannot afford on every render.
let dateFormat: Intl.DateTimeFormat | undefined
let dateTimeFormat: Intl.DateTimeFormat | undefined

/** A date (or date-time) as the analyst's locale writes it; unparseable dates stay as given. */
export function formatDate(value: string, withTime = false): string {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  if (withTime) {
    dateTimeFormat ??= new Intl.DateTimeFormat(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
    })
    return dateTimeFormat.format(date)
  }
  dateFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
  return dateFormat.format(date)
}
