import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { api, CasefileError, toApiError, type EventPayload } from '../../shared/api'
import { BriefDraftSchema, TlpSchema } from '../../shared/model'
import { foldForMentions } from '../../shared/text/mentions'
import {
  createClient,
  createDispatcher,
  createMemoryTransport,
  type Client,
} from '../../shared/rpc'
import {
  addToSummary,
  createHandlers,
  defaultLibraryPath,
  emptySummary,
  importCaseArchive,
  importPaths,
  Library,
  resourcesDir,
  verifyCaseArchive,
  type ImportSummary,
} from '../core'
import { isItemFile, type ItemFile } from '../core/backupItems'
import { backedUpFiles, restoreBackup, type BackedUpFile } from '../core/backups'
import { LibraryLock } from '../core/libraryLock'
import { libraryLayout } from '../core/paths'
import { markSavedIndexStale } from '../core/searchService'
import { startWebServer } from '../server'
import { usage } from './usage'

const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url))

type Options = {
  json: boolean
  actor: string[]
  event: string[]
  tag: string[]
  tlp: string | undefined
  author: string | undefined
  format: string | undefined
  limit: string | undefined
  output: string | undefined
  title: string | undefined
  port: string | undefined
  source: string | undefined
}

/** The command-line client: the same handlers as the app, in this process. */
export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      library: { type: 'string' },
      json: { type: 'boolean', default: false },
      limit: { type: 'string' },
      output: { type: 'string', short: 'o' },
      title: { type: 'string' },
      actor: { type: 'string', multiple: true, default: [] },
      event: { type: 'string', multiple: true, default: [] },
      tag: { type: 'string', multiple: true, default: [] },
      tlp: { type: 'string' },
      author: { type: 'string' },
      format: { type: 'string' },
      port: { type: 'string' },
      source: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  const [command, ...args] = positionals
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(usage)
    return command === undefined && !values.help ? 2 : 0
  }
  if (command === 'methods') return printMethods()
  const known = [
    'import',
    'search',
    'call',
    'brief',
    'verify',
    'stix',
    'archive',
    'backup',
    'serve',
    'info',
    'annotations',
  ]
  if (!known.includes(command)) {
    process.stderr.write(`casefile: unknown command "${command}"\n\n${usage}`)
    return 2
  }
  const libraryPath = values.library ?? defaultLibraryPath()
  // An archive is unpacked into a library that is not open yet (an empty one), or checked alone.
  if (command === 'archive' && args[0] !== 'export')
    return archiveCommand(libraryPath, args, values.json)
  // A damaged catalog keeps the library from opening: its backup is put back without opening it.
  if (command === 'backup') return backupCommand(libraryPath, args)
  const library = await Library.open(libraryPath)
  const handlers = createHandlers(library, { resourcesDir })
  const client = createClient(createMemoryTransport(handlers, library.events))
  const options: Options = {
    json: values.json,
    actor: values.actor,
    event: values.event,
    tag: values.tag,
    tlp: values.tlp,
    author: values.author,
    format: values.format,
    limit: values.limit,
    output: values.output,
    title: values.title,
    port: values.port,
    source: values.source,
  }
  try {
    switch (command) {
      case 'import':
        return await importCommand(library, args, options)
      case 'search':
        return await searchCommand(client, args, options)
      case 'call':
        return await callCommand(createDispatcher(handlers), args)
      case 'brief':
        return await briefCommand(client, options)
      case 'verify':
        return await verifyCommand(client, args, options)
      case 'stix':
        return await stixCommand(client, args)
      case 'archive':
        return await archiveExportCommand(client, library, options)
      case 'info':
        return print(await client.call('library.info', {}))
      case 'annotations':
        return await annotationsCommand(client, args, options)
      default:
        return await serveCommand(library, handlers, options)
    }
  } finally {
    await library.close()
  }
}

async function importCommand(library: Library, paths: string[], options: Options): Promise<number> {
  if (paths.length === 0) return fail('import needs at least one file or folder')
  // Ctrl+C once: start no more files, finish those in flight, and say what was done.
  const cancel = new AbortController()
  const interrupt = () => {
    if (cancel.signal.aborted) process.exit(130)
    cancel.abort()
    process.stderr.write(
      '\nCancelling: finishing the files in flight (Ctrl+C again to quit now)…\n',
    )
  }
  process.on('SIGINT', interrupt)
  const progress = new ProgressLine(process.stderr)
  const stopProgress = library.events.subscribe((event, payload) => {
    if (event !== 'import.progress') return
    const { done, total, fileName } = payload as EventPayload<'import.progress'>
    progress.show(`[${done}/${total}] ${fileName}`)
  })
  const summary = emptySummary()
  try {
    for await (const result of importPaths(library, paths, cancel.signal)) {
      addToSummary(summary, result)
      if (result.status === 'cancelled') continue
      progress.clear()
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify({ id: null, title: null, error: null, ...result })}\n`,
        )
      } else {
        const detail = 'error' in result ? result.error : `“${result.title}”`
        process.stdout.write(`${result.status.padEnd(9)} ${result.file}  ${detail}\n`)
      }
    }
  } finally {
    progress.clear()
    stopProgress()
    process.off('SIGINT', interrupt)
  }
  if (!options.json) process.stderr.write(`${describeSummary(summary)}\n`)
  if (cancel.signal.aborted) return 130
  return summary.failed.length > 0 ? 1 : 0
}

/** `Imported 12; 3 already in the library; 2 skipped; 1 failed.` and the failures, one a line. */
function describeSummary(summary: ImportSummary): string {
  const parts = [`Imported ${summary.imported}`]
  if (summary.duplicates > 0) parts.push(`${summary.duplicates} already in the library`)
  if (summary.skipped > 0) parts.push(`${summary.skipped} skipped (not a type Casefile imports)`)
  if (summary.failed.length > 0) parts.push(`${summary.failed.length} failed`)
  if (summary.cancelled > 0) parts.push(`${summary.cancelled} not started (cancelled)`)
  const failures = summary.failed.map(({ error }) => `  failed: ${error}`)
  return [`${parts.join('; ')}.`, ...failures].join('\n')
}

/** One line of progress on a terminal, rewritten in place; nothing when output is not a TTY. */
class ProgressLine {
  private shown = false
  constructor(private readonly stream: NodeJS.WriteStream) {}
  show(text: string): void {
    if (!this.stream.isTTY) return
    const width = Math.max(20, (this.stream.columns || 80) - 1)
    this.stream.write(`\r\x1b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`)
    this.shown = true
  }
  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[2K')
    this.shown = false
  }
}

async function searchCommand(client: Client, words: string[], options: Options): Promise<number> {
  const query = words.join(' ')
  if (query.trim() === '') return fail('search needs a query')
  const limit = options.limit === undefined ? 20 : Number(options.limit)
  const { hits } = await client.call('search.query', { query, limit })
  if (options.json) return print(hits)
  if (hits.length === 0) process.stdout.write(`Nothing matches “${query}”.\n`)
  for (const hit of hits) {
    process.stdout.write(
      `${(hitLabels[hit.kind] ?? hit.kind).padEnd(10)}${hit.title}\n          ${hit.snippet}\n`,
    )
  }
  return 0
}

async function callCommand(
  dispatch: ReturnType<typeof createDispatcher>,
  args: string[],
): Promise<number> {
  const [method, json] = args
  if (method === undefined) return fail('call needs a method name (see `casefile methods`)')
  let input: unknown = {}
  if (json !== undefined) {
    try {
      input = JSON.parse(json) as unknown
    } catch {
      return fail(`the input of ${method} is not valid JSON: ${json}`)
    }
  }
  const answer = await dispatch(method, input)
  if (!answer.ok) return fail(`${answer.error.code}: ${answer.error.message}`)
  return print(answer.result)
}

/**
 * `brief [--actor NAME]... [--event TITLE]... [--tag T]... [--tlp T] [--title T] [--author A] [-o FILE]`:
 * the Markdown brief of that scope (the whole case without one). A name that fits no actor, or
 * more than one, is refused with the candidates.
 */
async function briefCommand(client: Client, options: Options): Promise<number> {
  const tlp = TlpSchema.safeParse(options.tlp ?? 'AMBER')
  if (!tlp.success) return fail(`--tlp must be one of ${TlpSchema.options.join(', ')}`)
  const actorIds: string[] = []
  for (const name of options.actor) actorIds.push(await actorNamed(client, name))
  const eventIds: string[] = []
  for (const title of options.event) eventIds.push(await eventTitled(client, title))
  const draft = BriefDraftSchema.parse({
    ...(options.title === undefined ? {} : { title: options.title }),
    ...(options.author === undefined ? {} : { author: options.author }),
    tlp: tlp.data,
    scope: { actorIds, eventIds, tags: options.tag },
  })
  if (options.format === 'stix') {
    const bundle = await client.call('briefs.exportStix', { draft })
    if (options.output === undefined) process.stdout.write(bundle.json)
    else {
      await writeFile(options.output, bundle.json)
      process.stderr.write(
        `Wrote ${options.output}: a STIX 2.1 bundle of ${bundle.objects} objects.\n`,
      )
    }
    return 0
  }
  if (options.format !== undefined && options.format !== 'markdown')
    return fail(`--format must be markdown or stix, not ${options.format}`)
  const brief = await client.call('briefs.export', { draft })
  if (options.output === undefined) process.stdout.write(brief.markdown)
  else {
    await writeFile(options.output, brief.markdown)
    const { byTlp, orphans } = brief.leftOut
    process.stderr.write(
      `Wrote ${options.output}: ${brief.citations} citation(s); left out ${byTlp} item(s) marked above TLP:${tlp.data}, ${orphans} orphaned passage(s).\n`,
    )
  }
  return 0
}

/** `verify FILE`: each citation of an exported brief, found again in the library or not. */
async function verifyCommand(client: Client, args: string[], options: Options): Promise<number> {
  const [file] = args
  if (file === undefined) return fail('verify needs the brief file (Markdown) to check')
  const markdown = await readTextFile(file)
  const report = await client.call('briefs.verify', { markdown })
  if (options.json) print(report)
  else {
    for (const check of report.citations) {
      const verdict =
        check.status === 'fuzzy' ? `fuzzy ${Math.round(check.score * 100)}%` : check.status
      const reason = check.reason ? ` (${check.reason})` : ''
      process.stdout.write(
        `[^${check.label}] ${verdict.padEnd(9)} “${shorten(check.quote, 60)}” — ${check.sourceTitle}${reason}\n`,
      )
    }
    for (const { label } of report.unreadable)
      process.stdout.write(`[^${label}] unreadable: not a Casefile citation\n`)
    for (const label of report.undefinedRefs)
      process.stdout.write(`[^${label}] referenced but never defined\n`)
    const { exact, fuzzy, orphaned } = report.counts
    process.stderr.write(`${exact} exact, ${fuzzy} fuzzy, ${orphaned} orphaned.\n`)
  }
  const clean =
    report.counts.fuzzy +
      report.counts.orphaned +
      report.unreadable.length +
      report.undefinedRefs.length ===
    0
  return clean ? 0 : 1
}

/** `stix import FILE`: the actors, events and relations of a STIX 2.1 bundle. */
async function stixCommand(client: Client, args: string[]): Promise<number> {
  const [verb, file] = args
  if (verb !== 'import' || file === undefined) return fail('stix needs `import FILE`')
  const summary = await client.call('case.importStix', { json: await readTextFile(file) })
  return print(summary)
}

/** `archive export [-o FILE]`: the whole library as one zip, with a manifest of hashes. */
async function archiveExportCommand(
  client: Client,
  library: Library,
  options: Options,
): Promise<number> {
  const progress = new ProgressLine(process.stderr)
  const stop = library.events.subscribe((event, payload) => {
    if (event !== 'archive.progress') return
    const { done, total } = payload as EventPayload<'archive.progress'>
    progress.show(`Archiving: ${done}/${total} files`)
  })
  try {
    const written = await client.call(
      'library.exportArchive',
      options.output === undefined ? {} : { path: options.output },
    )
    progress.clear()
    const { sources, annotations, notes } = written.counts
    process.stderr.write(
      `Wrote ${written.file}: ${written.files} files, ${written.bytes} bytes (${sources} sources, ${annotations} annotations, ${notes} notes).\n`,
    )
    return 0
  } finally {
    progress.clear()
    stop()
  }
}

/** `archive import FILE` (into --library, which must be empty) and `archive verify FILE`. */
async function archiveCommand(libraryPath: string, args: string[], json: boolean): Promise<number> {
  const [verb, file] = args
  if (file === undefined || (verb !== 'import' && verb !== 'verify'))
    return fail('archive needs `export [-o FILE]`, `import FILE` or `verify FILE`')
  const progress = new ProgressLine(process.stderr)
  const onProgress = ({ done, total }: { done: number; total: number }) =>
    progress.show(`${verb === 'import' ? 'Unpacking' : 'Checking'}: ${done}/${total} files`)
  try {
    const summary =
      verb === 'import'
        ? await importCaseArchive({ file, library: libraryPath, onProgress })
        : await verifyCaseArchive(file, { onProgress })
    progress.clear()
    if (json) return print(summary)
    const { sources, annotations, notes } = summary.manifest.counts
    process.stderr.write(
      verb === 'import'
        ? `Imported ${file} into ${libraryPath}: ${summary.files} files checked against their sha256 (${sources} sources, ${annotations} annotations, ${notes} notes). The search index is rebuilt when the library first opens.\n`
        : `${file} is whole: ${summary.files} files match the manifest's sha256 (${sources} sources, ${annotations} annotations, ${notes} notes).\n`,
    )
    return 0
  } finally {
    progress.clear()
  }
}

/**
 * `backup restore FILE`: the newest good backup of one of the library's records, or of a note or
 * annotation file, put back. For a note or annotation file the saved search index is marked
 * stale: the next open indexes what the file now holds.
 */
async function backupCommand(libraryPath: string, args: string[]): Promise<number> {
  const [verb, file] = args
  const files: readonly string[] = backedUpFiles
  if (verb !== 'restore' || file === undefined || !(files.includes(file) || isItemFile(file)))
    return fail(
      `backup needs \`restore FILE\`, FILE one of ${backedUpFiles.join(', ')}, ` +
        'notes/<id>.json or annotations/<source id>.json',
    )
  const lock = await LibraryLock.acquire(libraryPath)
  try {
    const restored = await restoreBackup(libraryPath, file as BackedUpFile | ItemFile)
    if (isItemFile(file)) await markSavedIndexStale(libraryLayout(libraryPath).index)
    process.stderr.write(
      `Restored ${restored.files.join(' and ')} from the backup of ${restored.from.takenAt} (${restored.from.path}); ` +
        `what was there is kept beside it as ${restored.movedAside.join(' and ') || 'nothing (it was missing)'}.\n`,
    )
    return 0
  } finally {
    await lock.release()
  }
}

async function readTextFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    throw new CasefileError('io_error', `${file} could not be read: ${toApiError(error).message}`)
  }
}

function shorten(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ')
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat
}

async function actorNamed(client: Client, name: string): Promise<string> {
  const { actors } = await client.call('actors.list', { query: name })
  const folded = foldForMentions(name).folded
  const exact = actors.filter((actor) =>
    [actor.name, ...actor.aliases].some((known) => foldForMentions(known).folded === folded),
  )
  return chooseOne('actor', name, exact.length > 0 ? exact : actors, (actor) => actor.name)
}

async function eventTitled(client: Client, title: string): Promise<string> {
  const { events } = await client.call('events.list', { query: title })
  const folded = foldForMentions(title).folded
  const exact = events.filter((event) => foldForMentions(event.title).folded === folded)
  return chooseOne('event', title, exact.length > 0 ? exact : events, (event) => event.title)
}

function chooseOne<T extends { id: string }>(
  kind: string,
  asked: string,
  found: readonly T[],
  nameOf: (item: T) => string,
): string {
  const [only, ...others] = found
  if (only === undefined) throw new CasefileError('not_found', `No ${kind} is called “${asked}”.`)
  if (others.length > 0)
    throw new CasefileError(
      'invalid_input',
      `“${asked}” fits ${found.length} ${kind}s: ${found.map(nameOf).join('; ')}. Give the whole name.`,
    )
  return only.id
}

/** `annotations export [--source ID] [-o FILE]` and `annotations import FILE`: W3C Web Annotations. */
async function annotationsCommand(
  client: Client,
  args: string[],
  options: Options,
): Promise<number> {
  const [verb, file] = args
  if (verb === 'export') {
    const { document, count } = await client.call(
      'annotations.export',
      options.source === undefined ? {} : { sourceId: options.source },
    )
    const json = `${JSON.stringify(document, null, 2)}\n`
    if (options.output === undefined) process.stdout.write(json)
    else {
      await writeFile(options.output, json)
      process.stderr.write(`Wrote ${options.output}: ${count} annotation(s).\n`)
    }
    return 0
  }
  if (verb === 'import') {
    if (file === undefined) return fail('annotations import needs a JSON file')
    let document: unknown
    try {
      document = JSON.parse(await readFile(file, 'utf8')) as unknown
    } catch (error) {
      return fail(`${file} is not a JSON file Casefile can read: ${toApiError(error).message}`)
    }
    const counts = await client.call('annotations.import', { document })
    print(counts)
    return counts.imported + counts.duplicates > 0 || counts.skipped.length === 0 ? 0 : 1
  }
  return fail('annotations needs `export` or `import FILE`')
}

async function serveCommand(
  library: Library,
  handlers: ReturnType<typeof createHandlers>,
  options: Options,
): Promise<number> {
  const port = options.port === undefined ? 0 : Number(options.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return fail(`--port must be a port number, not ${options.port}`)
  const built = existsSync(`${rendererDir}/index.html`)
  const server = await startWebServer({
    handlers,
    events: library.events,
    rendererDir: built ? rendererDir : undefined,
    port,
  })
  process.stdout.write(`${server.url}\n`)
  process.stderr.write(`Casefile web mode: library ${library.layout.root}. Press Ctrl+C to stop.\n`)
  if (!built)
    process.stderr.write(
      'The app is not built yet (run `npm run build`); only the API is served.\n',
    )
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await server.close()
  return 0
}

function printMethods(): number {
  const methods = Object.entries(api).map(([name, spec]) => ({
    method: name,
    doc: spec.doc,
    input: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }),
  }))
  return print(methods)
}

function print(value: unknown): number {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
  return 0
}

function fail(message: string): number {
  process.stderr.write(`casefile: ${message}\n`)
  return 1
}

export async function run(argv: string[]): Promise<void> {
  try {
    process.exitCode = await main(argv)
  } catch (error) {
    const usageError = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true
    const message = usageError ? (error as Error).message : toApiError(error).message
    process.stderr.write(`casefile: ${message}${usageError ? ' (see casefile --help)' : ''}\n`)
    process.exitCode = usageError ? 2 : 1
  }
}

/** How `casefile search` names each kind of hit (an annotation is a passage to an analyst). */
const hitLabels: Record<string, string> = {
  source: 'source',
  annotation: 'passage',
  note: 'note',
  actor: 'actor',
  event: 'event',
}
