#!/usr/bin/env node
// `npm start`: the desktop app where the Electron binary can be had, web mode where it cannot.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)

/**
 * Electron 45 downloads its binary on first use, not at install: this is that first use. It runs
 * in a child process so that a failed download is reported in one sentence, not a stack trace.
 */
function electronBinary() {
  if (process.env.CASEFILE_WEB === '1') return undefined
  const installed = join(root, 'node_modules', 'electron', 'path.txt')
  if (!existsSync(installed)) console.error('Fetching the Electron binary (first start only)…')
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 10 * 60 * 1000,
  })
  const path = probe.status === 0 ? probe.stdout.trim() : ''
  return path !== '' && existsSync(path) ? path : undefined
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

const build = spawnSync(
  process.execPath,
  [
    fileURLToPath(new URL('../node_modules/electron-vite/bin/electron-vite.js', import.meta.url)),
    'build',
  ],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  },
)
if (build.status !== 0) {
  console.error('Casefile could not be built; see the errors above.')
  process.exit(build.status ?? 1)
}

const electron = electronBinary()
if (electron) {
  run(electron, [root, ...args])
} else {
  console.error(
    'The Electron binary is not available on this machine (it could not be downloaded), so Casefile starts in web mode: open the URL below in your browser.',
  )
  run(process.execPath, [
    fileURLToPath(new URL('../bin/casefile.mjs', import.meta.url)),
    'serve',
    ...args,
  ])
}
