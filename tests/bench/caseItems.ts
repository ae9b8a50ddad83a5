import { createHandlers } from '../../electron/core/handlers'
import type { Library } from '../../electron/core/library'
import { resourcesDir } from '../../electron/core/resourcesDir'
import { createDispatcher } from '../../shared/rpc'
import { pick, prng, type Pool } from './corpus'

/**
 * The rest of a case beside its sources (design.md's scale: 500 actors, 1,000 events and 1,000
 * notes at 10,000 sources), made through the contract as the app makes them, from the same
 * paragraphs and names the sources are made of, so the bench's queries find them too.
 */
export type CaseItemCounts = { actors: number; events: number; notes: number }

/** The design's proportions, for a library of `sources` sources. */
export function caseItemCounts(sources: number): CaseItemCounts {
  return {
    actors: Math.round(sources / 20),
    events: Math.round(sources / 10),
    notes: Math.round(sources / 10),
  }
}

const actorKinds = ['person', 'organisation', 'state', 'group', 'threat-actor'] as const

export async function addCaseItems(
  library: Library,
  pool: Pool,
  counts: CaseItemCounts,
  seed: number,
): Promise<{ seconds: number }> {
  const call = createDispatcher(createHandlers(library, { resourcesDir }))
  const made = async (method: string, input: unknown) => {
    const result = await call(method, input)
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`)
  }
  const random = prng(seed)
  const words = (paragraph: string, count: number) =>
    paragraph
      .split(/\s+/)
      .filter((word) => /^[\p{L}\p{N}'’-]+$/u.test(word))
      .slice(0, count)
      .join(' ')
  const day = () => {
    const date = new Date(Date.UTC(2015, 0, 1) + Math.floor(random() * 3650) * 86_400_000)
    return date.toISOString().slice(0, 10)
  }
  const started = performance.now()
  for (let n = 0; n < counts.actors; n++) {
    const name = `${pick(random, pool.names)} ${n}`.slice(0, 200)
    await made('actors.create', {
      name,
      kind: pick(random, actorKinds),
      aliases: random() < 0.5 ? [words(pick(random, pool.paragraphs), 2) || `alias ${n}`] : [],
      description: pick(random, pool.paragraphs).slice(0, 500),
    })
  }
  for (let n = 0; n < counts.events; n++) {
    await made('events.create', {
      title: words(pick(random, pool.paragraphs), 6) || `event ${n}`,
      occurred: { precision: 'day', start: day() },
      place: words(pick(random, pool.paragraphs), 1),
      description: pick(random, pool.paragraphs).slice(0, 1000),
    })
  }
  for (let n = 0; n < counts.notes; n++) {
    const paragraphs = Array.from({ length: 2 + Math.floor(random() * 4) }, () =>
      pick(random, pool.paragraphs),
    )
    await made('notes.create', {
      markdown: `# ${words(pick(random, pool.paragraphs), 6) || `Note ${n}`}\n\n${paragraphs.join('\n\n')}`,
    })
  }
  return { seconds: Math.round(performance.now() - started) / 1000 }
}
