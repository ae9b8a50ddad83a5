import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { chromium, type Browser, type Page } from 'playwright-core'
import { cliPath } from '../../support/cliTransport'
import { makeTempDir } from '../../support/makeLibrary'

export const chromiumPath = process.env.CASEFILE_CHROMIUM ?? '/usr/bin/chromium'
export const chromiumPresent = existsSync(chromiumPath)
export const chromiumMissing = `skipped: no Chromium at ${chromiumPath} (install Debian's chromium, as .ci/run does, or set CASEFILE_CHROMIUM)`

/** Flags for a headless Chromium with no network of its own (see library-notes.md). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export type WebApp = {
  url: string
  libraryPath: string
  browser: Browser
  page: Page
  /** Requests the page made to anything but the app's own server. */
  foreignRequests: string[]
  close(): Promise<void>
}

/** `casefile serve` on a fresh library, as a user starts it, and a Chromium page on its URL. */
export async function startWebApp(): Promise<WebApp> {
  const dir = await makeTempDir()
  const server = spawn(process.execPath, [cliPath, '--library', dir.path, 'serve'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = await firstLine(server)
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1400, height: 900 },
  })
  const page = await context.newPage()
  const origin = new URL(url).origin
  const foreignRequests: string[] = []
  page.on('request', (request) => {
    if (
      !request.url().startsWith(origin) &&
      !request.url().startsWith('data:') &&
      !request.url().startsWith('blob:')
    ) {
      foreignRequests.push(request.url())
    }
  })
  await page.goto(url)
  return {
    url,
    libraryPath: dir.path,
    browser,
    page,
    foreignRequests,
    async close() {
      await browser.close()
      server.kill('SIGTERM')
      await new Promise((resolve) => server.once('exit', resolve))
      await dir.remove()
    },
  }
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let errors = ''
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`casefile serve exited (${code}): ${errors}`)))
    createInterface({ input: child.stdout! }).once('line', resolve)
  })
}
