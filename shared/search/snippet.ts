import type { Snippet } from '../api/contract'
import { foldWithMap, queryTerms } from './foldForSearch'

const wordChar = /[\p{L}\p{N}]/u

/**
 * Cuts a window of `text` around the first place a query word starts a word, and marks every
 * query word (as a prefix) inside that window. The result is plain text plus ranges: a client
 * renders it as text segments, never as HTML.
 */
export function makeSnippet(text: string, query: string, radius = 90): Snippet {
  const terms = queryTerms(query)
  const { folded, map } = foldWithMap(text)
  const matches = findWordStarts(folded, terms)
  const first = matches[0]
  const centre = first === undefined ? 0 : (map[first[0]] ?? 0)
  let start = Math.max(0, centre - radius)
  let end = Math.min(text.length, centre + radius)
  // Do not cut words in half at either end.
  while (start > 0 && wordChar.test(text[start - 1] ?? '')) start--
  while (end < text.length && wordChar.test(text[end] ?? '')) end++
  const prefix = start > 0 ? '…' : ''
  const suffix = end < text.length ? '…' : ''
  const body = text.slice(start, end).replace(/\n/g, ' ') // same length: highlight offsets stay true
  const highlights: Array<[number, number]> = []
  for (const [foldedStart, foldedEnd] of matches) {
    const from = map[foldedStart] ?? 0
    const to = (map[foldedEnd - 1] ?? 0) + 1
    if (from >= start && to <= end) highlights.push([from - start + prefix.length, to - start + prefix.length])
  }
  return { text: prefix + body + suffix, highlights }
}

/** Ranges [start, end) of `folded` where a term begins at a word start, in text order. */
function findWordStarts(folded: string, terms: readonly string[]): Array<[number, number]> {
  const found: Array<[number, number]> = []
  for (const term of new Set(terms)) {
    let at = folded.indexOf(term)
    while (at >= 0) {
      if (!wordChar.test(folded[at - 1] ?? '')) {
        let end = at + term.length
        while (end < folded.length && wordChar.test(folded[end] ?? '')) end++
        found.push([at, end])
      }
      at = folded.indexOf(term, at + term.length)
    }
  }
  return found.sort((a, b) => a[0] - b[0]).filter((range, i, all) => i === 0 || range[0] >= (all[i - 1]?.[1] ?? 0))
}
