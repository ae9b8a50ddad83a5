import { spawn, type ChildProcess } from 'node:child_process'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Library } from '../../electron/core'
import { cliPath } from '../support/cliTransport'
import { makeTempDir } from '../support/makeLibrary'
import { chromiumArgs, chromiumMissing, chromiumPath, chromiumPresent } from './support/webApp'

const encode = (text: string) => new TextEncoder().encode(text)

/** A library with a source and an actor, closed (which took a backup), then entities.json cut short. */
async function makeDamagedLibrary(path: string): Promise<void> {
  const library = await Library.open(path, { indexPersistDelayMs: 60_000 })
  await library.importFile('harbour.txt', encode('Harbour report\n\nThe gate failed at noon.'))
  await library.entities.createActor({
    name: 'Harbour Spider',
    kind: 'group',
    aliases: [],
    description: '',
    tags: [],
    tlp: 'CLEAR',
  })
  await library.close()
  const entities = await readFile(join(path, 'entities.json'), 'utf8')
  await writeFile(join(path, 'entities.json'), entities.slice(0, 20))
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let errors = ''
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`casefile serve exited (${code}): ${errors}`)))
    if (child.stdout) createInterface({ input: child.stdout }).once('line', resolve)
  })
}

describe.skipIf(!chromiumPresent)(
  chromiumPresent ? 'a damaged library in Chromium' : chromiumMissing,
  () => {
    let dir: { path: string; remove(): Promise<void> }
    let server: ChildProcess
    let browser: Browser
    let page: Page

    beforeAll(async () => {
      dir = await makeTempDir()
      await makeDamagedLibrary(dir.path)
      server = spawn(process.execPath, [cliPath, '--library', dir.path, 'serve'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const url = await firstLine(server)
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
      page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
      await page.goto(url)
    })

    afterAll(async () => {
      await browser?.close()
      if (server) {
        server.kill('SIGTERM')
        await new Promise((resolve) => server.once('exit', resolve))
      }
      await dir?.remove()
    })

    it('says which file is damaged and why, keeps sources working, and restores the backup', async () => {
      const banner = page.getByTestId('damaged-files')
      await banner.waitFor()
      const file = banner.getByTestId('damaged-file')
      await expect.poll(() => file.getAttribute('data-file')).toBe('entities.json')
      expect(await file.textContent()).toMatch(/entities\.json: it is cut short/)
      expect(await file.textContent()).toContain('actors, events and relations')
      expect(await banner.textContent()).toContain('Everything else keeps working')
      // The rest works: the source is listed behind the banner.
      await page.getByText('Harbour report').first().waitFor()
      const screenshots = process.env.CASEFILE_SCREENSHOTS
      if (screenshots) await page.screenshot({ path: join(screenshots, 'damaged.png') })

      await banner.getByTestId('restore-backup').click()
      await banner.getByText(/Put back the backup of/).waitFor()
      await banner.getByTestId('restore-confirm').click()
      await banner.getByText(/entities\.json was put back from the backup of/).waitFor()
      expect(await banner.getByTestId('damaged-file').count()).toBe(0)
      const kept = (await readdir(dir.path)).filter((name) =>
        name.startsWith('entities.json.damaged-'),
      )
      expect(kept).toHaveLength(1)
      expect(JSON.parse(await readFile(join(dir.path, 'entities.json'), 'utf8'))).toMatchObject({
        actors: [{ name: 'Harbour Spider' }],
      })
    })
  },
)
