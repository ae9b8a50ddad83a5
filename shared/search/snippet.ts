import type { Snippet } from '../api/contract'
import { foldWithMap, queryTerms } from './foldForSearch'

const wordChar = /[\p{L}\p{N}]/u
const combiningMark = /\p{M}/u

/**
 * Cuts a window of `text` around the first place a query word starts a word, and marks every
 * query word (as a prefix) inside that window. The result is plain text plus ranges: a client
 * renders it as text segments, never as HTML.
 */
export function makeSnippet(text: string, query: string, radius = 90): Snippet {
  const terms = queryTerms(query)
  const { folded, map } = foldWithMap(text)
  const matches = findPhrase(folded, terms) ?? findWordStarts(folded, terms)
  const first = matches[0]
  const centre = first === undefined ? 0 : (map[first[0]] ?? 0)
  let start = Math.max(0, centre - radius)
  let end = Math.min(text.length, centre + radius)
  // Do not cut words in half at either end (but a 30-character word is cut all the same).
  for (let n = 0; n < 30 && start > 0 && wordChar.test(text[start - 1] ?? ''); n++) start--
  for (let n = 0; n < 30 && end < text.length && wordChar.test(text[end] ?? ''); n++) end++
  const prefix = start > 0 ? '…' : ''
  const suffix = end < text.length ? '…' : ''
  const body = text.slice(start, end).replace(/\n/g, ' ') // same length: highlight offsets stay true
  const highlights: Array<[number, number]> = []
  for (const [foldedStart, foldedEnd] of matches) {
    const from = map[foldedStart] ?? 0
    let to = (map[foldedEnd - 1] ?? 0) + 1
    while (combiningMark.test(text[to] ?? '')) to++ // the accent belongs to the marked letter
    if (from >= start && to <= end)
      highlights.push([from - start + prefix.length, to - start + prefix.length])
  }
  return { text: prefix + body + suffix, highlights }
}

/** The query's words in a row (`e-Albania`, `gate system`), the last one as a prefix. */
function findPhrase(folded: string, terms: readonly string[]): Array<[number, number]> | undefined {
  if (terms.length < 2) return undefined
  const pattern = terms
    .map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^\\p{L}\\p{N}]+')
  const phrase = new RegExp(`(?<![\\p{L}\\p{N}])${pattern}[\\p{L}\\p{N}]*`, 'gu')
  const found = [...folded.matchAll(phrase)].map((match): [number, number] => [
    match.index,
    match.index + match[0].length,
  ])
  return found.length > 0 ? found : undefined
}

/**
 * Ranges [start, end) of `folded` where a term begins a word, in text order. A term of one or two
 * characters must be the whole word, or `e` would mark every word that starts with an e.
 */
function findWordStarts(folded: string, terms: readonly string[]): Array<[number, number]> {
  const found: Array<[number, number]> = []
  for (const term of new Set(terms)) {
    let at = folded.indexOf(term)
    while (at >= 0) {
      if (!wordChar.test(folded[at - 1] ?? '')) {
        let end = at + term.length
        while (end < folded.length && wordChar.test(folded[end] ?? '')) end++
        if (term.length > 2 || end === at + term.length) found.push([at, end])
      }
      at = folded.indexOf(term, at + term.length)
    }
  }
  return found
    .sort((a, b) => a[0] - b[0])
    .filter((range, i, all) => i === 0 || range[0] >= (all[i - 1]?.[1] ?? 0))
}
