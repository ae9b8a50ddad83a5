import { DateSpecSchema, type DateSpec } from '../../../../shared/model'

/** A date as an analyst types it, or why it is not one. */
export type ParsedDate = { ok: true; spec: DateSpec } | { ok: false; message: string }

const rangeSeparator = /\s*(?:\.\.|–|—|\/|\s-\s|\bto\b)\s*/

/**
 * `2022`, `2022-07`, `2022-07-15`, or a range of two of them (`2022-03 – 2022-07`, `2022-03..2022-07`,
 * `2022-03/2022-07`, `2022-03 to 2022-07`): the precision is the way it is written.
 */
export function parseDateText(text: string): ParsedDate {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: false, message: 'Write a date: 2022, 2022-07 or 2022-07-15.' }
  const parts = trimmed.split(rangeSeparator).filter((part) => part !== '')
  const candidate =
    parts.length === 2
      ? { precision: 'range', start: parts[0], end: parts[1] }
      : { precision: precisionWritten(trimmed), start: trimmed }
  const parsed = DateSpecSchema.safeParse(candidate)
  if (parsed.success) return { ok: true, spec: parsed.data }
  const message = parsed.error.issues[0]?.message ?? 'not a date'
  return { ok: false, message: `${message.charAt(0).toUpperCase()}${message.slice(1)}.` }
}

function precisionWritten(text: string): 'day' | 'month' | 'year' {
  const dashes = text.split('-').length - 1
  return dashes === 0 ? 'year' : dashes === 1 ? 'month' : 'day'
}

/** The date as it was entered, for a field: `2022-07-15`, `2022-03 – 2022-07`. */
export function dateFieldText(spec: DateSpec): string {
  return spec.precision === 'range' ? `${spec.start} – ${spec.end ?? ''}` : spec.start
}
