#!/usr/bin/env node
// `npm start`: the desktop app where the Electron binary can be had, web mode where it cannot.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(import.meta.url)
const args = process.argv.slice(2)

/** Electron 45 downloads its binary on first use, not at install: this is that first use. */
function electronBinary() {
  if (process.env.CASEFILE_WEB === '1') return undefined
  try {
    const path = require('electron')
    return typeof path === 'string' && existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

const build = spawnSync(
  process.execPath,
  [require.resolve('electron-vite/bin/electron-vite.js'), 'build'],
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
