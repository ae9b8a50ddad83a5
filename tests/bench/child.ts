import { spawn } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

/**
 * The bench runs each heavy phase in its own Node process: memory figures are then the phase's
 * own, node flags (--expose-gc) can be set, and a phase that crashes the process (as a V8 fatal
 * error would) is reported instead of taking the whole bench down.
 */

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

/** The phases `--only` can run on their own. */
export const phases = ['import-formats', 'ui-import', 'ui-huge'] as const
export type Phase = (typeof phases)[number]

export type Options = {
  sources: number
  annotations: number
  saves: number
  stallTrials: number
  seed: number
  concurrency: number
  keep: boolean
  /** An existing bench library to measure again, skipping the build. */
  reuse: string | undefined
  /** Run this phase alone (`--only import-formats`, `ui-import`, `ui-huge`), none of the others. */
  only: Phase | undefined
  /** The ui-import phase: how many sources the library holds before its 1,000 files come in. */
  uiExisting: number
  /** The ui-huge phase: how many tiny files its folder case imports. */
  uiHugeFolder: number
}

export function parseOptions(argv: readonly string[]): Options {
  const value = (name: string) => {
    const at = argv.indexOf(`--${name}`)
    return at < 0 ? undefined : (argv[at + 1] ?? '')
  }
  const number = (name: string, fallback: number) => {
    const raw = value(name)
    if (raw === undefined) return fallback
    const parsed = Number(raw)
    if (!Number.isInteger(parsed) || parsed < 0)
      throw new Error(`--${name} needs a whole number, not "${raw}"`)
    return parsed
  }
  const phase = (name: string): Phase | undefined => {
    const raw = value(name)
    if (raw === undefined) return undefined
    const known = phases.find((candidate) => candidate === raw)
    if (!known) throw new Error(`--${name} needs one of: ${phases.join(', ')}; not "${raw}"`)
    return known
  }
  const sources = Math.max(1, number('sources', 10_000))
  return {
    sources,
    annotations: number('annotations', sources * 5),
    saves: number('saves', 300),
    stallTrials: number('stall-trials', 2),
    seed: number('seed', 20240915),
    concurrency: Math.max(1, number('concurrency', 8)),
    keep: argv.includes('--keep'),
    reuse: value('reuse'),
    only: phase('only'),
    uiExisting: number('ui-existing', 500),
    uiHugeFolder: Math.max(1, number('ui-huge-folder', 10_000)),
  }
}

/** A failed child may still have written part of its result before it died. */
export type ChildOutcome<T> =
  { ok: true; result: T } | { ok: false; failure: string; partial: Partial<T> | undefined }

/**
 * Runs `node <flags> --import tsx <script> <args...> <out file>`: the child writes its result as
 * JSON to the out file; its stdout and stderr go to our stderr (stdout is kept for the table).
 */
export function runChild<T>(
  script: string,
  args: readonly string[],
  outFile: string,
  flags: readonly string[] = [],
): Promise<ChildOutcome<T>> {
  const path = fileURLToPath(new URL(script, import.meta.url))
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...flags, '--import', 'tsx', path, ...args, outFile], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const tail: string[] = []
    const forward = (chunk: Buffer) => {
      process.stderr.write(chunk)
      tail.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line.trim() !== ''),
      )
      tail.splice(0, Math.max(0, tail.length - 40))
    }
    child.stdout.on('data', forward)
    child.stderr.on('data', forward)
    const written = () =>
      readFile(outFile, 'utf8').then(
        (text) => JSON.parse(text) as T,
        () => undefined,
      )
    child.on('error', (error) => resolve({ ok: false, failure: error.message, partial: undefined }))
    child.on('close', (code, signal) => {
      void written().then((result) => {
        if (code === 0 && result !== undefined) return resolve({ ok: true, result })
        // A V8 fatal error prints "# Fatal error in , line 0", the failed check, then native frames.
        const lines = tail
          .map((line) => line.replace(/^#\s*/, '').trim())
          .filter((line) => line !== '' && !/^Fatal error in\b/.test(line))
        const why =
          lines.find((line) => /check failed|fatal error|out of memory|error\b/i.test(line)) ??
          lines.at(-1) ??
          ''
        const frame = lines
          .map((line) => /v8::internal::(Builtin_\w+)/.exec(line)?.[1])
          .find((name) => name !== undefined)
        const died = signal ?? `exit ${code}`
        const failure = `${script.replace('./', '')} died (${died}): ${why}${frame ? ` in ${frame}` : ''}`
        resolve({ ok: false, failure, partial: result })
      })
    })
  })
}

/** For a child: writes its result where the parent looks for it. */
export async function writeResult(outFile: string | undefined, result: unknown): Promise<void> {
  if (!outFile) throw new Error('no result file given')
  await writeFile(outFile, JSON.stringify(result))
}

export function reportCrash(error: unknown): never {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exit(1)
}
