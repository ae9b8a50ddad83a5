import type { TextQuoteSelector } from '../model'

export const contextLength = 32

/** The TextQuoteSelector of text[start, end): the quote and up to 32 characters either side. */
export function describeRange(text: string, start: number, end: number): TextQuoteSelector {
  if (start < 0 || end > text.length || end <= start) {
    throw new RangeError(
      `The range ${start}–${end} is not inside a text of ${text.length} characters.`,
    )
  }
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - contextLength), start),
    suffix: text.slice(end, end + contextLength),
  }
}
