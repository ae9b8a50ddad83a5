/**
 * FlexSearch's word lists, read directly: for each indexed word, its items (small numbers) in
 * lists by score (the word's place in the item, earliest first).
 */
export type WordLists = ReadonlyMap<string, ReadonlyArray<readonly number[] | undefined>>
/** One field of the index (`title`, `body`) and its word lists. */
export type Field = { name: string; lists: WordLists }
/** An item found in every slot, and whether every slot was found in its title. */
export type Intersected = { number: number; inTitle: boolean }

/**
 * The items holding, for every slot, at least one of the slot's indexed words (in any field):
 * what a query of several words means, each word standing for its spellings, completions or
 * near misses. The rarest slot leads, so results come in the order of its lists (title first);
 * items found in the title by every slot come before the rest.
 *
 * It reads each list once, marking items in two arrays indexed by item number, so its cost is the
 * length of the lists involved and never grows with how the words are spread. FlexSearch's own
 * search of two words took 5 to 9 ms at 10,000 sources when one of them was common; this takes a
 * few tenths of a millisecond.
 */
export function intersect(
  fields: readonly Field[],
  slots: ReadonlyArray<readonly string[]>,
  numbers: number,
  limit: number,
): Intersected[] {
  if (slots.length === 0 || slots.length > 250) return []
  const size = (slot: readonly string[]) => {
    let total = 0
    for (const { lists } of fields)
      for (const word of slot) for (const ids of lists.get(word) ?? []) total += ids?.length ?? 0
    return total
  }
  const ordered = slots.map((slot) => ({ slot, size: size(slot) })).sort((a, b) => a.size - b.size)
  if ((ordered[0]?.size ?? 0) === 0) return []
  // How many slots (in `ordered` order) found each item so far, in any field and in the title.
  const found = new Uint8Array(numbers)
  const foundInTitle = new Uint8Array(numbers)
  const leading: number[] = []
  for (const [at, { slot }] of ordered.entries()) {
    for (const { name, lists } of fields) {
      const title = name === 'title'
      for (const word of slot) {
        for (const ids of lists.get(word) ?? []) {
          if (!ids) continue
          for (const number of ids) {
            if (number >= numbers) continue
            if (found[number] === at) {
              found[number] = at + 1
              if (at === 0) leading.push(number)
            }
            if (title && foundInTitle[number] === at) foundInTitle[number] = at + 1
          }
        }
      }
    }
  }
  const all = ordered.length
  const inTitle: Intersected[] = []
  const elsewhere: Intersected[] = []
  for (const number of leading) {
    if (found[number] !== all) continue
    if (foundInTitle[number] === all) inTitle.push({ number, inTitle: true })
    else if (inTitle.length + elsewhere.length < limit) elsewhere.push({ number, inTitle: false })
    if (inTitle.length >= limit) break
  }
  return [...inTitle, ...elsewhere].slice(0, limit)
}
