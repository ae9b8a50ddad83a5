import { defaultBriefSections, type BriefSection } from '../../../../shared/model'

/** What each section is called in the composer (and in the brief). */
export const sectionNames: Record<BriefSection, string> = {
  judgements: 'Key judgements',
  timeline: 'Timeline',
  actors: 'Actors',
  notes: 'Notes',
  passages: 'Key passages',
}

/** What each section holds, in a few words. */
export const sectionHints: Record<BriefSection, string> = {
  judgements: 'relations, with their confidence and evidence',
  timeline: 'events by date, with the precision of each date',
  actors: 'with their aliases',
  notes: 'your notes picked for this brief',
  passages: 'quotes and comments, by source',
}

/** Every section in the order shown: the included ones as the brief has them, then the rest. */
export function sectionOrder(
  included: readonly BriefSection[],
  previous: readonly BriefSection[] = defaultBriefSections,
): BriefSection[] {
  const rest = previous.filter((section) => !included.includes(section))
  // An excluded section keeps its place among the others where it can.
  const order: BriefSection[] = [...included]
  for (const section of rest) {
    const at = previous.indexOf(section)
    order.splice(Math.min(at, order.length), 0, section)
  }
  return order
}

/** `order` with the section at `from` moved by `step` (−1 up, +1 down); unchanged at an end. */
export function moveSection(
  order: readonly BriefSection[],
  from: number,
  step: -1 | 1,
): BriefSection[] {
  const to = from + step
  if (to < 0 || to >= order.length) return [...order]
  const next = [...order]
  const [moved] = next.splice(from, 1)
  if (moved) next.splice(to, 0, moved)
  return next
}
