import type { SearchFilters } from '../../shared/model'
import { tagChoices } from './build'
import { pick, prng, type Pool } from './corpus'

/** The fixed, seeded query set: drawn from the same paragraphs the sources are made of. */

export type QueryClass =
  | 'word'
  | 'prefix'
  | 'two-words'
  | 'phrase'
  | 'exclusion'
  | 'filtered'
  | 'typo'
  | 'rare-name'
  | 'apostrophe-name'
  | 'indicator'
/** A query as typed, and the filters of the search view it is typed in (none for most). */
export type Query = { text: string; kind: QueryClass; filters?: SearchFilters }

export const queryClasses: readonly QueryClass[] = [
  'word',
  'prefix',
  'two-words',
  'phrase',
  'exclusion',
  'filtered',
  'typo',
  'rare-name',
  'apostrophe-name',
  'indicator',
]

const wanted: Record<QueryClass, number> = {
  word: 60,
  prefix: 50,
  'two-words': 50,
  phrase: 30,
  exclusion: 20,
  filtered: 30,
  typo: 20,
  'rare-name': 25,
  'apostrophe-name': 25,
  indicator: 25,
}

/** The filters a filtered query is drawn with: by tag (the bench's annotations carry these), by kind. */
const filterChoices: readonly SearchFilters[] = [
  ...tagChoices.map((tag) => ({ tags: [tag] })),
  { kinds: ['annotation'] },
  { kinds: ['source'] },
  { kinds: ['annotation'], tags: ['ioc'] },
]

const word = /^\p{L}+$/u
const contraction = /['’](s|t|ll|re|ve|d|m)$/i

export function makeQueries(pool: Pool, seed: number): Query[] {
  const random = prng(seed)
  const words = (paragraph: string) =>
    paragraph.split(/[\s,.;:!?()"“”[\]{}<>]+/).filter((w) => w !== '')

  // How many paragraphs each capitalised word occurs in, to find rare names.
  const paragraphsWith = new Map<string, number>()
  const apostropheNames = new Set<string>()
  const indicators = new Set<string>()
  for (const paragraph of pool.paragraphs) {
    for (const w of new Set(words(paragraph))) {
      if (/^\p{Lu}\p{Ll}{4,}$/u.test(w)) paragraphsWith.set(w, (paragraphsWith.get(w) ?? 0) + 1)
      if (/^\p{Lu}\p{L}*['’]\p{L}{2,}$/u.test(w) && !contraction.test(w)) apostropheNames.add(w)
    }
    for (const match of paragraph.matchAll(
      /\b(?:\d{1,3}\.){3}\d{1,3}\b|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|\b(?:[a-z0-9-]+\.)+(?:com|org|net|edu|ie|uk|de)\b/gi,
    )) {
      indicators.add(match[0])
    }
  }
  const rareNames = [...paragraphsWith].filter(([, count]) => count === 1).map(([w]) => w)

  const longWord = (min: number) =>
    pick(
      random,
      words(pick(random, pool.paragraphs)).filter((w) => word.test(w) && w.length >= min),
    )
  const wordsInARow = (count: number) => {
    const ws = words(pick(random, pool.paragraphs))
    const at = Math.floor(random() * Math.max(1, ws.length - count + 1))
    const run = ws.slice(at, at + count)
    return run.length === count && run.every((w) => word.test(w) && w.length >= 3)
      ? run.join(' ')
      : undefined
  }
  const draw: Record<QueryClass, () => string | Omit<Query, 'kind'> | undefined> = {
    word: () => longWord(4),
    prefix: () => {
      const long = pick(
        random,
        words(pick(random, pool.paragraphs)).filter((w) => word.test(w) && w.length >= 6),
      )
      return long.slice(0, 3 + Math.floor(random() * 3))
    },
    'two-words': () => wordsInARow(2),
    phrase: () => {
      const run = wordsInARow(2 + Math.floor(random() * 2))
      return run && `"${run}"`
    },
    exclusion: () => `${longWord(4)} -${longWord(5)}`,
    filtered: () => ({ text: longWord(4), filters: pick(random, filterChoices) }),
    typo: () => {
      // One letter of a longer word changed, as a hurried analyst types it; typo mode on.
      const w = longWord(7).toLowerCase()
      const at = 2 + Math.floor(random() * (w.length - 3))
      const other = w[at] === 'e' ? 'a' : 'e'
      return { text: `${w.slice(0, at)}${other}${w.slice(at + 1)}`, filters: { typo: true } }
    },
    'rare-name': () => pick(random, rareNames),
    'apostrophe-name': () => {
      const name = pick(random, [...apostropheNames])
      const flip = name.includes('’') ? name.replace('’', "'") : name.replace("'", '’')
      return random() < 0.5 ? name : flip // both spellings must find the same thing
    },
    indicator: () => pick(random, [...indicators]),
  }

  const queries: Query[] = []
  for (const kind of queryClasses) {
    const seen = new Map<string, Query>()
    for (let attempt = 0; seen.size < wanted[kind] && attempt < wanted[kind] * 50; attempt++) {
      let drawn: string | Omit<Query, 'kind'> | undefined
      try {
        drawn = draw[kind]()
      } catch {
        drawn = undefined // an empty candidate list (pick throws): try another paragraph
      }
      const query = typeof drawn === 'string' ? { text: drawn } : drawn
      if (query?.text && !seen.has(query.text)) seen.set(query.text, { ...query, kind })
    }
    queries.push(...seen.values())
  }
  // One fixed interleaved order, so no class runs with caches warmed by its own kind.
  for (let i = queries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[queries[i], queries[j]] = [queries[j] as Query, queries[i] as Query]
  }
  return queries
}
