import { isCjk } from './foldForSearch'

/**
 * Which pairs and threes of neighbouring words an item holds, kept as a small Bloom filter per
 * item: a `"quoted phrase"` can then pass over the items that cannot hold it without reading
 * them. The filter only ever says "no" for sure; "maybe" is checked in the text, as before.
 *
 * Words are what a phrase is matched against (`findPhrase`): runs of letters and digits of the
 * folded text, anything else between them. A pair is the first word whole and the first three
 * letters of the second, since a phrase's last word may be the start of a longer word; a three
 * is two words whole and the first three letters of the third. The threes tell the phrases of
 * common words apart: `"with the problem"` was "maybe" in hundreds of items that hold both `with
 * the` and `the pro*`, each then read and folded for nothing (a search of 75 ms).
 */

/** Bits per pair or three: with `probes` probes, about one "maybe" in 40 for one an item lacks. */
const bitsPerPair = 8
const probes = 4
/** The letters of a pair's second word that the pair keeps. */
const kept = 3
const word = /^[\p{L}\p{N}]+$/u

/**
 * The filter of a folded text (`foldText`), as 32-bit words. It reads the text once, hashing each
 * pair as it goes, and makes no string: a 10 MB text took 2 s and 150 MB when its pairs were
 * strings in a set.
 */
export function pairFilter(folded: string): Uint32Array {
  const words = wordBounds(folded)
  const count = words.length / 2
  const entries = Math.max(0, count - 1) + Math.max(0, count - 2)
  const bits = Math.max(64, Math.ceil((entries * bitsPerPair) / 32) * 32)
  const filter = new Uint32Array(bits / 32)
  // The hashes of `${first} ${second.slice(0, kept)}` and `${before} ${first} ${…}`, as `hashes`
  // makes them, without the strings (and without a function made per word: this runs over every
  // word of every text imported).
  for (let w = 1; w < count; w++) {
    const start = words[2 * w] as number
    const end = words[2 * w + 1] as number
    const third = Math.min(start + kept, end)
    const first = fnv(offsetBasis, folded, words[2 * w - 2] as number, words[2 * w - 1] as number)
    setBits(filter, bits, fnv(fnv(first, ' ', 0, 1), folded, start, third))
    if (w < 2) continue
    let two = fnv(offsetBasis, folded, words[2 * w - 4] as number, words[2 * w - 3] as number)
    two = fnv(fnv(two, ' ', 0, 1), folded, words[2 * w - 2] as number, words[2 * w - 1] as number)
    setBits(filter, bits, fnv(fnv(two, ' ', 0, 1), folded, start, third))
  }
  return filter
}

/** Sets a pair's `probes` bits, from its FNV-1a hash (see `finish`). */
function setBits(filter: Uint32Array, bits: number, hash: number): void {
  const first = hash >>> 0
  const step = stepOf(hash)
  for (let n = 0; n < probes; n++) {
    const bit = (first + n * step) % bits
    filter[bit >>> 5] = (filter[bit >>> 5] ?? 0) | (1 << (bit & 31))
  }
}

/** Where each run of letters and digits of a text starts and ends: [start, end, start, end…]. */
function wordBounds(text: string): Int32Array {
  let bounds = new Int32Array(256)
  let n = 0
  let start = -1
  for (let i = 0; i <= text.length;) {
    let length = 0
    let code = 0
    if (i < text.length) {
      code = text.charCodeAt(i)
      if (code < 128)
        length =
          (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90)
            ? 1
            : 0
      else {
        wordChar.lastIndex = i
        length = wordChar.exec(text)?.[0].length ?? 0
      }
    }
    if (length > 0 && start < 0) start = i
    else if (length === 0 && start >= 0) {
      if (n + 2 > bounds.length) {
        const grown = new Int32Array(bounds.length * 2)
        grown.set(bounds)
        bounds = grown
      }
      bounds[n++] = start
      bounds[n++] = i
      start = -1
    }
    i += length > 0 ? length : code >= 0xd800 && code < 0xdc00 ? 2 : 1
  }
  return bounds.subarray(0, n)
}
const wordChar = /[\p{L}\p{N}]/uy

/**
 * The pairs and threes a phrase's words (folded query terms) must stand in, or undefined when
 * some cannot be told by the filter (a word with other characters, a CJK run): such a phrase is
 * only ever checked in the text. A last word of fewer than three letters ends none.
 */
export function phrasePairs(phrase: readonly string[]): PairHashes[] | undefined {
  if (phrase.some((one) => !word.test(one) || isCjk(one))) return undefined
  const pairs: PairHashes[] = []
  for (let i = 1; i < phrase.length; i++) {
    const second = phrase[i] as string
    if (i === phrase.length - 1 && second.length < kept) continue
    const end = second.slice(0, kept)
    pairs.push(hashes(`${phrase[i - 1]} ${end}`))
    if (i >= 2) pairs.push(hashes(`${phrase[i - 2]} ${phrase[i - 1]} ${end}`))
  }
  return pairs
}

/** A pair as its two hashes (see `hashes`): worked out once per query, probed per item. */
export type PairHashes = readonly [number, number]

/** Whether a filter may hold every pair (false: the item surely lacks one). */
export function mayHoldPairs(filter: Uint32Array, pairs: readonly PairHashes[]): boolean {
  const bits = filter.length * 32
  for (const [first, step] of pairs) {
    for (let n = 0; n < probes; n++) {
      const bit = (first + n * step) % bits
      if (((filter[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) return false
    }
  }
  return true
}

const offsetBasis = 0x811c9dc5

/** FNV-1a over `text` from `start` to `end`, going on from `hash`. */
function fnv(hash: number, text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash
}

/** Two 32-bit hashes of a string (FNV-1a, and a mix of it), for double hashing. */
function hashes(text: string): [number, number] {
  return finish(fnv(offsetBasis, text, 0, text.length))
}

function finish(hash: number): [number, number] {
  return [hash >>> 0, stepOf(hash)]
}

/** The second hash of double hashing: a mix of the first, never 0 (or every probe is one bit). */
function stepOf(hash: number): number {
  let mixed = hash ^ (hash >>> 16)
  mixed = Math.imul(mixed, 0x85ebca6b)
  mixed ^= mixed >>> 13
  mixed = Math.imul(mixed, 0xc2b2ae35)
  mixed ^= mixed >>> 16
  return (mixed | 1) >>> 0
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const digitCodes = Uint16Array.from(alphabet, (char) => char.charCodeAt(0))
/** The value of each base64 digit by its character code; -1 for any other character. */
const digitValues = new Int8Array(128).fill(-1)
for (const [value, code] of digitCodes.entries()) digitValues[code] = value

/**
 * A filter as text for the saved index: each 32-bit word as six base64 digits (36 bits, the
 * first digit holding only two). Written by hand, with typed arrays (10,000 sources' filters take
 * tens of milliseconds, not seconds): the shared code has neither Node's Buffer nor btoa.
 */
export function filterToText(filter: Uint32Array): string {
  const codes = new Uint16Array(filter.length * 6)
  for (let i = 0, at = 0; i < filter.length; i++) {
    const value = filter[i] as number
    for (let shift = 30; shift >= 0; shift -= 6)
      codes[at++] = digitCodes[(value >>> shift) & 63] as number
  }
  let text = ''
  // `apply`, not a spread: spreading a typed array was seven times slower.
  for (let at = 0; at < codes.length; at += 8192)
    text += String.fromCharCode.apply(null, codes.subarray(at, at + 8192) as unknown as number[])
  return text
}

export function filterFromText(text: string): Uint32Array {
  if (text.length % 6 !== 0) throw new Error('a phrase filter has a broken length')
  const filter = new Uint32Array(text.length / 6)
  for (let i = 0; i < filter.length; i++) {
    let value = 0
    for (let k = 0; k < 6; k++) {
      const code = text.charCodeAt(i * 6 + k)
      const digit = code < 128 ? (digitValues[code] ?? -1) : -1
      if (digit < 0) throw new Error('a phrase filter holds a character base64 has not')
      value = value * 64 + digit
    }
    if (value > 0xffffffff) throw new Error('a phrase filter holds a value out of range')
    filter[i] = value
  }
  return filter
}
