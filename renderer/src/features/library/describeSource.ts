import type { Source } from '../../../../shared/model'

/** "Alice Taylor · 14 Sep 2022", or the file name when nothing better is known. */
export function describeSource(source: Source): string {
  const parts: string[] = []
  if (source.authors.length > 0) parts.push(source.authors.join(', '))
  if (source.publishedAt) parts.push(formatDate(source.publishedAt))
  if (parts.length === 0) parts.push(source.origin.fileName)
  return parts.join(' · ')
}

/** A date (or date-time) as the analyst's locale writes it; unparseable dates stay as given. */
export function formatDate(value: string, withTime = false): string {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  return withTime
    ? date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
    : date.toLocaleDateString(undefined, { dateStyle: 'medium' })
}
