import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Plugin } from 'esbuild'
import { Library } from '../../electron/core'
import { prng } from '../bench/corpus'
import type { KillLine, KillWrite } from './killChild'

/**
 * The kill test's driver: a child (killChild.ts) writes to a library and is killed with SIGKILL
 * at a random moment, many times over the same library; after each kill the library is opened
 * here, validated, and searched for every write the child had acknowledged.
 *
 * Run long: `npx tsx tests/support/killRun.ts --kills 500 [--seed N] [--library DIR]`.
 */

export type KillMoment = 'open' | 'writing' | 'closing'

export type KillOptions = {
  kills: number
  seed: number
  /** The library to use (kept); by default a fresh temp folder, removed at the end. */
  library?: string
  /** Each kill's outcome, as it happens. */
  log?: (line: string) => void
}

export type KillReport = {
  seed: number
  kills: number
  /** Kills by what the child was doing: opening, writing, closing the library. */
  moments: Record<KillMoment, number>
  /**
   * Kills the next child came upon without a check in between (it opened the crashed library,
   * torn journal line, stale lock and stale index as the kill left them); the check after the
   * next kill covers both.
   */
  chained: number
  acknowledged: number
  /** Acknowledged writes missing or different after a kill, each with its kill and write. */
  lost: string[]
  /** Opens that failed after a kill: the library refused or could not be read. */
  openFailures: string[]
  /** Libraries found invalid after a kill (a body off its hash, a quote not in its text...). */
  invalid: string[]
  /** Children that stopped by themselves (a write refused), with what they said. */
  childFailures: string[]
  /** What the library holds at the end. */
  holds: { sources: number; annotations: number; notes: number; actors: number }
  /** Temporary files a kill left behind (`*.tmp`): never read as data, but never removed either. */
  leftoverTemporaryFiles: number
  milliseconds: number
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const childSource = fileURLToPath(new URL('./killChild.ts', import.meta.url))

/**
 * The parsers the child never calls (it imports text only), stubbed out of its bundle: jsdom
 * alone takes about a second to load, which each of hundreds of children would pay.
 */
const unusedParsers: Plugin = {
  name: 'unused-parsers',
  setup(build) {
    build.onResolve({ filter: /^(jsdom|@mozilla\/readability)$/ }, (args) => ({
      path: args.path,
      namespace: 'unused-parser',
    }))
    build.onLoad({ filter: /.*/, namespace: 'unused-parser' }, (args) => ({
      contents: `class Unused { constructor() { throw new Error('${args.path} is not in the kill test child') } }
export const JSDOM = Unused, VirtualConsole = Unused, Readability = Unused`,
      loader: 'js',
    }))
  },
}

/** Bundles the child once per run, beside node_modules so its packages resolve. */
export async function buildChild(): Promise<string> {
  const { build } = await import('esbuild')
  const folder = join(repoRoot, 'node_modules', '.cache', 'casefile-kill-test')
  await mkdir(folder, { recursive: true })
  const outfile = join(folder, `killChild-${process.pid}-${Date.now()}.mjs`)
  await build({
    entryPoints: [childSource],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    plugins: [unusedParsers],
    outfile,
    logLevel: 'warning',
  })
  return outfile
}

/** A running child, its lines as they come, and a way to wait for one kind of line. */
class Child {
  readonly lines: KillLine[] = []
  stderr = ''
  readonly exited: Promise<void>
  private waiters: { t: KillLine['t']; resolve: () => void }[] = []
  private readonly process: ChildProcessWithoutNullStreams

  constructor(script: string, library: string, seed: number) {
    this.process = spawn(process.execPath, [script, library, String(seed)])
    let pending = ''
    this.process.stdout.setEncoding('utf8')
    this.process.stdout.on('data', (chunk: string) => {
      pending += chunk
      let end = pending.indexOf('\n')
      while (end !== -1) {
        this.take(JSON.parse(pending.slice(0, end)) as KillLine)
        pending = pending.slice(end + 1)
        end = pending.indexOf('\n')
      }
    })
    this.process.stderr.setEncoding('utf8')
    this.process.stderr.on('data', (chunk: string) => (this.stderr += chunk))
    this.process.stdin.on('error', () => undefined) // the child may be gone when we write
    this.exited = new Promise((resolve) => this.process.on('close', () => resolve()))
    void this.exited.then(() => this.wake(() => true))
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null
  }

  get last(): KillLine['t'] | undefined {
    return this.lines.at(-1)?.t
  }

  send(command: 'go' | 'close'): void {
    this.process.stdin.write(`${command}\n`)
  }

  /** Resolves when the child has said `t` (or has exited). */
  said(t: KillLine['t']): Promise<void> {
    if (!this.alive || this.lines.some((line) => line.t === t)) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ t, resolve }))
  }

  async kill(): Promise<void> {
    this.process.kill('SIGKILL')
    await this.exited
  }

  private take(line: KillLine): void {
    this.lines.push(line)
    this.wake((t) => t === line.t)
  }

  private wake(matches: (t: KillLine['t']) => boolean): void {
    const waking = this.waiters.filter((waiter) => matches(waiter.t))
    this.waiters = this.waiters.filter((waiter) => !matches(waiter.t))
    for (const waiter of waking) waiter.resolve()
  }
}

type Expected = {
  sources: Map<string, Extract<KillWrite, { kind: 'source' }>>
  annotations: Map<string, Extract<KillWrite, { kind: 'annotation' }>>
  notes: Map<string, Extract<KillWrite, { kind: 'note' }>>
  actors: Map<string, Extract<KillWrite, { kind: 'actor' }>>
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Records an acknowledged write as what the library must now hold. */
function acknowledge(expected: Expected, write: KillWrite): void {
  if (write.kind === 'source') expected.sources.set(write.id, write)
  else if (write.kind === 'annotation') expected.annotations.set(write.id, write)
  else if (write.kind === 'note') expected.notes.set(write.id, write)
  else if (write.kind === 'actor') expected.actors.set(write.id, write)
  else {
    const annotation = expected.annotations.get(write.id)
    if (annotation) annotation.comment = write.comment
  }
}

/**
 * The updates begun and never acknowledged, by what they update: the library may hold any one of
 * them (a chain of children can leave several, each begun on what the one before had left).
 */
function unfinished(lines: readonly KillLine[]): Map<string, KillWrite[]> {
  const open = new Map<string, KillWrite[]>()
  for (const line of lines) {
    if (line.t === 'begin')
      open.set(line.write.id, [...(open.get(line.write.id) ?? []), line.write])
    if (line.t === 'ok') open.delete(line.write.id)
  }
  return open
}

/** Opens the library, checks it is whole and holds every acknowledged write, and closes it. */
async function verify(
  path: string,
  expected: Expected,
  inFlight: Map<string, KillWrite[]>,
  report: KillReport,
  kill: number,
): Promise<boolean> {
  let library: Library
  try {
    library = await Library.open(path, { indexPersistDelayMs: 60_000 })
  } catch (error) {
    report.openFailures.push(
      `kill ${kill}: ${error instanceof Error ? error.message : String(error)}`,
    )
    return false
  }
  const invalid = (what: string) => report.invalid.push(`kill ${kill}: ${what}`)
  const lost = (what: string) => report.lost.push(`kill ${kill}: ${what}`)
  try {
    for (const skipped of library.indexReport.skipped) invalid(`skipped ${skipped}`)
    for (const note of library.notes.unreadable) invalid(`unreadable ${note}`)
    const originals = new Map(
      (await readdir(library.layout.originals)).map((name) => [name.replace(/\..*$/, ''), name]),
    )
    const texts = new Map<string, string>()
    const live = new Map<string, { comment: string; exact: string; start: number }>()
    for (const source of library.listSources()) {
      const text = await readFile(join(library.layout.bodies, `${source.textSha256}.txt`), 'utf8')
      if (sha256(text) !== source.textSha256) invalid(`the body of ${source.id} is off its hash`)
      const original = originals.get(source.originalSha256)
      const bytes = original && (await readFile(join(library.layout.originals, original)))
      if (!bytes || sha256(bytes) !== source.originalSha256)
        invalid(`the original of ${source.id} is missing or off its hash`)
      texts.set(source.id, text)
      for (const annotation of await library.listAnnotations(source.id)) {
        const { exact } = annotation.target.quote
        const { start } = annotation.target.position
        if (text.slice(start, start + exact.length) !== exact)
          invalid(`the quote of ${annotation.id} is not at its place in ${source.id}`)
        live.set(annotation.id, { comment: annotation.comment, exact, start })
      }
    }
    for (const write of expected.sources.values()) {
      const source = library.listSources().find((candidate) => candidate.id === write.id)
      if (
        !source ||
        source.textSha256 !== write.textSha256 ||
        source.originalSha256 !== write.originalSha256 ||
        !texts.get(write.id)?.includes(write.marker)
      )
        lost(`source ${JSON.stringify(write)}`)
    }
    for (const write of expected.annotations.values()) {
      const found = live.get(write.id)
      const comments = [write, ...(inFlight.get(write.id) ?? [])].map((candidate) =>
        candidate.kind === 'comment' || candidate.kind === 'annotation' ? candidate.comment : '',
      )
      if (!found || found.exact !== write.exact || found.start !== write.start)
        lost(`annotation ${JSON.stringify(write)}`)
      else if (!comments.includes(found.comment)) lost(`comment ${JSON.stringify(write)}`)
      else write.comment = found.comment
    }
    for (const write of expected.notes.values()) {
      const note = await library.notes.get(write.id).catch(() => undefined)
      const matches = (candidate: KillWrite | undefined) =>
        candidate?.kind === 'note' &&
        note?.title === candidate.title &&
        JSON.stringify(note.doc).includes(candidate.marker)
      const pending = inFlight.get(write.id)?.find(matches)
      if (pending?.kind === 'note') expected.notes.set(write.id, pending)
      else if (!matches(write)) lost(`note ${JSON.stringify(write)}`)
    }
    for (const write of expected.actors.values()) {
      const actor = library.entities.liveActor(write.id)
      const matches = (candidate: KillWrite | undefined) =>
        candidate?.kind === 'actor' &&
        actor?.name === candidate.name &&
        actor.description === candidate.description
      const pending = inFlight.get(write.id)?.find(matches)
      if (pending?.kind === 'actor') expected.actors.set(write.id, pending)
      else if (!matches(write)) lost(`actor ${JSON.stringify(write)}`)
    }
    const indexed = library.info().counts.annotations
    if (indexed !== live.size)
      invalid(`the index holds ${indexed} annotations, the files ${live.size}`)
    report.holds = {
      sources: library.listSources().length,
      annotations: live.size,
      notes: library.notes.count,
      actors: library.entities.listActors().length,
    }
  } catch (error) {
    invalid(`validation failed: ${error instanceof Error ? error.message : String(error)}`)
  } finally {
    await library.close()
  }
  return true
}

async function temporaryFiles(root: string): Promise<number> {
  const entries = await readdir(root, { recursive: true })
  return entries.filter((name) => name.endsWith('.tmp')).length
}

/** Runs the kill test: `kills` children killed over one library. See `KillReport`. */
export async function runKillTest(options: KillOptions): Promise<KillReport> {
  const started = performance.now()
  const random = prng(options.seed)
  const path = options.library ?? (await mkdtemp(join(tmpdir(), 'casefile-kill-')))
  const script = await buildChild()
  const report: KillReport = {
    seed: options.seed,
    kills: 0,
    moments: { open: 0, writing: 0, closing: 0 },
    chained: 0,
    acknowledged: 0,
    lost: [],
    openFailures: [],
    invalid: [],
    childFailures: [],
    holds: { sources: 0, annotations: 0, notes: 0, actors: 0 },
    leftoverTemporaryFiles: 0,
    milliseconds: 0,
  }
  const expected: Expected = {
    sources: new Map(),
    annotations: new Map(),
    notes: new Map(),
    actors: new Map(),
  }
  const childSeed = (kill: number) => (options.seed * 7919 + kill) >>> 0
  // Children load ahead (two at a time), so a kill rarely waits for the next one to start.
  const warm: Child[] = []
  /** The lines of the children killed since the last check. */
  const unchecked: KillLine[] = []
  const warmUp = (from: number) => {
    for (let at = from + warm.length; at < Math.min(options.kills, from + 2); at++)
      warm.push(new Child(script, path, childSeed(at)))
  }
  try {
    for (let kill = 0; kill < options.kills; kill++) {
      warmUp(kill)
      const child = warm.shift()
      if (!child) break
      await child.said('ready')
      const roll = random()
      const aim: KillMoment = roll < 0.1 ? 'open' : roll < 0.2 ? 'closing' : 'writing'
      child.send('go')
      if (aim === 'open') await sleep(random() * 40)
      else {
        await child.said('open')
        await sleep(aim === 'closing' ? random() * 150 : 20 + random() * 380)
        if (aim === 'closing') {
          child.send('close')
          await child.said('closing')
          await sleep(random() * 30)
        }
      }
      const moment: KillMoment =
        child.last === 'ready' ? 'open' : child.last === 'closing' ? 'closing' : 'writing'
      const stoppedAlone = !child.alive
      await child.kill()
      warmUp(kill + 1)
      report.kills++
      report.moments[moment]++
      const said = child.lines.find((line) => line.t === 'error')
      if (stoppedAlone || said) {
        const message = said?.t === 'error' ? said.message : child.stderr
        report.childFailures.push(`kill ${kill} (seed ${childSeed(kill)}): ${message}`)
      }
      for (const line of child.lines) {
        if (line.t !== 'ok') continue
        report.acknowledged++
        acknowledge(expected, line.write)
      }
      unchecked.push(...child.lines)
      if (random() < 0.3 && kill + 1 < options.kills && !stoppedAlone) {
        report.chained++
        continue
      }
      const opened = await verify(path, expected, unfinished(unchecked), report, kill)
      unchecked.length = 0
      const failures = report.lost.length + report.invalid.length + report.childFailures.length
      options.log?.(
        `kill ${kill + 1}/${options.kills} while ${moment}: ${report.acknowledged} acknowledged, ${failures} problems`,
      )
      if (!opened || failures > 0) break
    }
  } finally {
    for (const child of warm) await child.kill()
    report.leftoverTemporaryFiles = await temporaryFiles(path).catch(() => -1)
    await rm(script, { force: true })
    if (options.library === undefined) await rm(path, { recursive: true, force: true })
  }
  report.milliseconds = Math.round(performance.now() - started)
  return report
}

/** The figures of a run, as a table. */
export function formatReport(report: KillReport): string {
  const rows: [string, string | number][] = [
    ['seed', report.seed],
    ['kills', report.kills],
    [
      '  while opening / writing / closing',
      `${report.moments.open} / ${report.moments.writing} / ${report.moments.closing}`,
    ],
    ['  followed by another child, unchecked', report.chained],
    ['acknowledged writes', report.acknowledged],
    ['acknowledged writes lost', report.lost.length],
    ['open failures', report.openFailures.length],
    ['invalid libraries', report.invalid.length],
    ['children that failed', report.childFailures.length],
    [
      'library at the end',
      `${report.holds.sources} sources, ${report.holds.annotations} annotations, ${report.holds.notes} notes, ${report.holds.actors} actors`,
    ],
    ['temporary files left', report.leftoverTemporaryFiles],
    ['duration', `${(report.milliseconds / 1000).toFixed(1)} s`],
  ]
  const width = Math.max(...rows.map(([name]) => name.length))
  const problems = [
    ...report.lost,
    ...report.openFailures,
    ...report.invalid,
    ...report.childFailures,
  ]
  return [
    ...rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`),
    ...problems.map((problem) => `! ${problem}`),
  ].join('\n')
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`)
  return at === -1 ? undefined : process.argv[at + 1]
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const library = option('library')
  const report = await runKillTest({
    kills: Number(option('kills') ?? 300),
    seed: Number(option('seed') ?? Date.now() % 1_000_000),
    ...(library === undefined ? {} : { library }),
    log: (line) => process.stderr.write(`\r${line}   `),
  })
  process.stderr.write('\n')
  process.stdout.write(`${formatReport(report)}\n`)
  const failed =
    report.lost.length +
    report.openFailures.length +
    report.invalid.length +
    report.childFailures.length
  process.exitCode = failed > 0 ? 1 : 0
}
