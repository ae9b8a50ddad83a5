import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ApiError } from '../../shared/api'
import type { CallResult, Transport } from '../../shared/rpc'

export const cliPath = fileURLToPath(new URL('../../bin/casefile.mjs', import.meta.url))

export type CliRun = { code: number; stdout: string; stderr: string }

/** Runs `casefile` as a user would, in a child process. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

/** The contract over the CLI: each call is `casefile --library DIR call METHOD JSON`. */
export function createCliTransport(libraryPath: string): Transport {
  return {
    async call(method, input): Promise<CallResult> {
      const run = await runCli([
        '--library',
        libraryPath,
        'call',
        method,
        JSON.stringify(input ?? {}),
      ])
      if (run.code === 0) return { ok: true, result: JSON.parse(run.stdout) as unknown }
      const match = /^casefile: (\w+): (.*)$/m.exec(run.stderr)
      const error = {
        code: match?.[1] ?? 'internal',
        message: match?.[2] ?? run.stderr,
      } as ApiError
      return { ok: false, error }
    },
  }
}
