import { pick, prng, type Pool } from './corpus'

/** The fixed, seeded query set: drawn from the same paragraphs the sources are made of. */

export type QueryClass =
  'word' | 'prefix' | 'two-words' | 'rare-name' | 'apostrophe-name' | 'indicator'
export type Query = { text: string; kind: QueryClass }

export const queryClasses: readonly QueryClass[] = [
  'word',
  'prefix',
  'two-words',
  'rare-name',
  'apostrophe-name',
  'indicator',
]

const wanted: Record<QueryClass, number> = {
  word: 60,
  prefix: 50,
  'two-words': 50,
  'rare-name': 25,
  'apostrophe-name': 25,
  indicator: 25,
}

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

  const draw: Record<QueryClass, () => string | undefined> = {
    word: () =>
      pick(
        random,
        words(pick(random, pool.paragraphs)).filter((w) => word.test(w) && w.length >= 4),
      ),
    prefix: () => {
      const long = pick(
        random,
        words(pick(random, pool.paragraphs)).filter((w) => word.test(w) && w.length >= 6),
      )
      return long.slice(0, 3 + Math.floor(random() * 3))
    },
    'two-words': () => {
      const ws = words(pick(random, pool.paragraphs))
      const at = Math.floor(random() * Math.max(1, ws.length - 1))
      const [a, b] = [ws[at], ws[at + 1]]
      return a && b && word.test(a) && word.test(b) && a.length >= 3 && b.length >= 3
        ? `${a} ${b}`
        : undefined
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
    const seen = new Set<string>()
    for (let attempt = 0; seen.size < wanted[kind] && attempt < wanted[kind] * 50; attempt++) {
      let text: string | undefined
      try {
        text = draw[kind]()
      } catch {
        text = undefined // an empty candidate list (pick throws): try another paragraph
      }
      if (text && !seen.has(text)) seen.add(text)
    }
    for (const text of seen) queries.push({ text, kind })
  }
  // One fixed interleaved order, so no class runs with caches warmed by its own kind.
  for (let i = queries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[queries[i], queries[j]] = [queries[j] as Query, queries[i] as Query]
  }
  return queries
}
