import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const crashAfterImport = fileURLToPath(new URL('./crashAfterImport.ts', import.meta.url))

export type ChildRun = {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Runs a TypeScript file of the tests in its own Node process (through tsx). */
export function runChild(script: string, args: readonly string[]): Promise<ChildRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      (_error, stdout, stderr) => {
        resolve({ code: child.exitCode, signal: child.signalCode, stdout, stderr })
      },
    )
  })
}
