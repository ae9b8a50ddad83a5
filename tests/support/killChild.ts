// The child of the kill test (see killRun.ts). It loads, says `ready`, opens the library when told
// `go` on stdin, then writes without end in a few lanes at once. A lane prints `begin` before an
// update and `ok` once the call resolves (Casefile's acknowledgement: the write is durable), and
// only then starts its next write. `close` on stdin makes it close the library, then reopen it.
import { createHandlers, Library, resourcesDir } from '../../electron/core'
import { describeRange } from '../../shared/anchoring'
import { createClient, createMemoryTransport, type Client } from '../../shared/rpc'
import { pick, prng } from '../bench/corpus'

/** A write as the child made it: what is guaranteed once it is acknowledged. */
export type KillWrite =
  | { kind: 'source'; id: string; marker: string; textSha256: string; originalSha256: string }
  | {
      kind: 'annotation'
      id: string
      sourceId: string
      exact: string
      start: number
      end: number
      comment: string
    }
  | { kind: 'comment'; id: string; sourceId: string; comment: string }
  | { kind: 'note'; id: string; title: string; marker: string }
  | { kind: 'actor'; id: string; name: string; description: string }

export type KillLine =
  | { t: 'ready' | 'open' | 'closing' | 'closed' }
  | { t: 'begin' | 'ok'; write: KillWrite }
  | { t: 'error'; message: string }

type Lane = {
  number: number
  notes: string[]
  actors: string[]
  annotations: { id: string; sourceId: string }[]
  writes: number
}

const lanes = 3
const notesPerLane = 2
const words = ['harbour', 'gate', 'relay', 'beacon', 'ledger', 'cipher', 'vessel', 'signal']

const [path = '', seedText = '1'] = process.argv.slice(2)
const seed = Number(seedText)
const random = prng(seed)
const tag = seed.toString(36)
const texts = new Map<string, string>()
let sourceIds: string[] = []
let closeAsked = false
let go: () => void = () => undefined
const told = new Promise<void>((resolve) => (go = resolve))

function say(line: KillLine): void {
  // A pipe's write is synchronous on Linux: once this returns, a SIGKILL cannot take the line back.
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

process.stdin.setEncoding('utf8')
process.stdin.on('data', (chunk: string) => {
  if (chunk.includes('go')) go()
  if (chunk.includes('close')) closeAsked = true
})

function sentence(count: number): string {
  return Array.from({ length: count }, () => pick(random, words)).join(' ')
}

async function sourceText(client: Client, id: string): Promise<string> {
  let text = texts.get(id)
  if (text === undefined) {
    text = (await client.call('sources.get', { id })).text
    texts.set(id, text)
  }
  return text
}

async function importText(client: Client, lane: Lane): Promise<void> {
  const marker = `${tag}-${lane.number}-${lane.writes}`
  // Now and then a large text, so a kill can land inside its body's write.
  const paragraphs = random() < 0.05 ? 400 : 1 + Math.floor(random() * 4)
  const body = Array.from({ length: paragraphs }, () => `${sentence(12)} ${marker}.`)
  const text = `Report ${marker}\n\n${body.join('\n\n')}\n`
  const { status, source } = await client.call('sources.import', {
    fileName: `${marker}.${random() < 0.3 ? 'md' : 'txt'}`,
    text,
  })
  if (status !== 'imported') throw new Error(`${marker} was not imported (${status})`)
  sourceIds.push(source.id)
  const { id, textSha256, originalSha256 } = source
  say({ t: 'ok', write: { kind: 'source', id, marker, textSha256, originalSha256 } })
}

async function annotate(client: Client, lane: Lane): Promise<void> {
  const sourceId = pick(random, sourceIds)
  const text = await sourceText(client, sourceId)
  const start = Math.floor(random() * (text.length - 1))
  const end = Math.min(text.length, start + 1 + Math.floor(random() * 60))
  const comment = `Comment ${tag}-${lane.number}-${lane.writes}`
  const annotation = await client.call('annotations.create', {
    sourceId,
    quote: describeRange(text, start, end),
    position: { start, end },
    comment,
  })
  lane.annotations.push({ id: annotation.id, sourceId })
  const { exact } = annotation.target.quote
  const write: KillWrite = {
    kind: 'annotation',
    id: annotation.id,
    sourceId,
    exact,
    start,
    end,
    comment,
  }
  say({ t: 'ok', write })
}

async function recomment(client: Client, lane: Lane): Promise<void> {
  const { id, sourceId } = pick(random, lane.annotations)
  const write: KillWrite = {
    kind: 'comment',
    id,
    sourceId,
    comment: `Edited ${tag}-${lane.number}-${lane.writes}`,
  }
  say({ t: 'begin', write })
  await client.call('annotations.update', { id, comment: write.comment })
  say({ t: 'ok', write })
}

async function editNote(client: Client, lane: Lane): Promise<void> {
  const id = pick(random, lane.notes)
  const note = await client.call('notes.get', { id })
  const marker = `${tag}-${lane.number}-${lane.writes}`
  const write: KillWrite = { kind: 'note', id, title: `Note ${marker}`, marker }
  say({ t: 'begin', write })
  await client.call('notes.update', {
    id,
    baseRevision: note.revision,
    title: write.title,
    doc: {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: `${sentence(8)} ${marker}` }] },
      ],
    },
  })
  say({ t: 'ok', write })
}

async function editActor(client: Client, lane: Lane): Promise<void> {
  const id = pick(random, lane.actors)
  const marker = `${tag}-${lane.number}-${lane.writes}`
  const write: KillWrite = {
    kind: 'actor',
    id,
    name: `Actor ${marker}`,
    description: `${sentence(6)} ${marker}`,
  }
  say({ t: 'begin', write })
  await client.call('actors.update', { id, name: write.name, description: write.description })
  say({ t: 'ok', write })
}

async function step(client: Client, lane: Lane): Promise<void> {
  lane.writes++
  const roll = random()
  if (roll < 0.35 || sourceIds.length === 0) return importText(client, lane)
  if (roll < 0.6) return annotate(client, lane)
  if (roll < 0.7 && lane.annotations.length > 0) return recomment(client, lane)
  if (roll < 0.9) return editNote(client, lane)
  return editActor(client, lane)
}

/** Makes sure the notes and actors the lanes edit exist, and shares them out between the lanes. */
async function prepare(client: Client): Promise<Lane[]> {
  sourceIds = (await client.call('sources.list', {})).sources.map((source) => source.id)
  let notes = (await client.call('notes.list', {})).notes.map((note) => note.id)
  for (let n = notes.length; n < lanes * notesPerLane; n++) {
    const title = `Note ${tag}-new-${n}`
    const note = await client.call('notes.create', { markdown: `# ${title}\n\nFirst draft.` })
    say({ t: 'ok', write: { kind: 'note', id: note.id, title, marker: 'First draft' } })
  }
  notes = (await client.call('notes.list', {})).notes.map((note) => note.id).sort()
  let actors = (await client.call('actors.list', {})).actors.map((actor) => actor.id)
  for (let n = actors.length; n < lanes; n++) {
    const name = `Actor ${tag}-new-${n}`
    const actor = await client.call('actors.create', { name, kind: 'group', description: '' })
    say({ t: 'ok', write: { kind: 'actor', id: actor.id, name, description: '' } })
  }
  actors = (await client.call('actors.list', {})).actors.map((actor) => actor.id).sort()
  return Array.from({ length: lanes }, (_, number) => ({
    number,
    notes: notes.filter((_id, at) => at % lanes === number),
    actors: actors.filter((_id, at) => at % lanes === number),
    annotations: [],
    writes: 0,
  }))
}

async function openLibrary(): Promise<{ library: Library; client: Client }> {
  // Sometimes a short delay, so kills also land while the index saves itself.
  const library = await Library.open(path, { indexPersistDelayMs: random() < 0.3 ? 50 : 5_000 })
  const client = createClient(
    createMemoryTransport(createHandlers(library, { resourcesDir }), library.events),
  )
  say({ t: 'open' })
  return { library, client }
}

async function main(): Promise<void> {
  say({ t: 'ready' })
  await told
  let { library, client } = await openLibrary()
  const laneList = await prepare(client)
  for (;;) {
    await Promise.all(laneList.map((lane) => step(client, lane)))
    if (closeAsked || random() < 0.03) {
      closeAsked = false
      say({ t: 'closing' })
      await library.close()
      say({ t: 'closed' })
      ;({ library, client } = await openLibrary())
    }
  }
}

main().catch((error: unknown) => {
  say({
    t: 'error',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  })
  process.exit(1)
})
