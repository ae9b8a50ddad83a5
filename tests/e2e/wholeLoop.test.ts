import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { corporaMissing, corporaPresent, seedArticle } from '../support/corpora'
import { ReaderPage } from './support/readerPage'
import { chromiumMissing, chromiumPresent, startWebApp, type WebApp } from './support/webApp'

const passage = 'brought all government websites and the e-Albania portal down'
const ready = chromiumPresent && corporaPresent

describe.skipIf(!ready)(
  ready
    ? 'the whole loop in Chromium, through web mode'
    : !chromiumPresent
      ? chromiumMissing
      : corporaMissing,
  () => {
    let app: WebApp
    const dialogs: string[] = []
    beforeAll(async () => {
      app = await startWebApp()
      app.page.on('dialog', (dialog) => {
        dialogs.push(dialog.message())
        void dialog.dismiss()
      })
    })
    afterAll(async () => app?.close())

    it('greets an empty library with an invitation to import', async () => {
      await app.page.getByTestId('welcome').waitFor()
      expect(await app.page.getByTestId('load-sample').isVisible()).toBe(true)
    })

    it('imports the seed article, highlights a passage, finds it and exports a brief that cites it', async () => {
      const { page } = app
      await page.getByTestId('import-input').setInputFiles(seedArticle)
      await page
        .getByTestId('source-item')
        .filter({ hasText: 'Iran Denies Albanian Cyberattack' })
        .click()
      await page.getByRole('main').getByText('Alice Taylor').first().waitFor()
      await page
        .getByTestId('reader')
        .getByText('The Iranian government denied', { exact: false })
        .waitFor()

      const reader = new ReaderPage(page)
      await reader.highlight(passage, 'Scope of the outage: every government site')
      await expect.poll(() => reader.highlightedText()).toBe(passage)
      await page.getByTestId('inspector-item').filter({ hasText: 'Scope of the outage' }).waitFor()

      await page.getByTestId('search-input').fill('e-Albania')
      const results = page.getByTestId('search-result')
      await results.filter({ hasText: 'Iran Denies Albanian Cyberattack' }).first().waitFor()
      await page.locator('[data-testid="search-result"][data-kind="annotation"]').first().waitFor()
      expect(await page.locator('[data-testid="search-result"][data-kind="source"]').count()).toBe(
        1,
      )
      expect(await page.getByTestId('search-results').locator('mark').first().textContent()).toBe(
        'e-Albania',
      )
      await page.screenshot({ path: join(app.libraryPath, '..', 'casefile-e2e-search.png') })

      await page.getByTestId('export-brief').click()
      const download = page.waitForEvent('download')
      await page.getByTestId('export-brief-confirm').click()
      const file = join(app.libraryPath, 'brief.md')
      await (await download).saveAs(file)
      const brief = await readFile(file, 'utf8')
      expect(brief).toContain(`> ${passage}[^1]`)
      expect(brief).toContain('Scope of the outage: every government site')
      expect(brief).toMatch(
        new RegExp(
          `\\[\\^1\\]: “${passage}” — \\*Iran Denies Albanian Cyberattack\\*, Alice Taylor, \`[^\`]+\`, paragraph 2; sha256 \`[0-9a-f]{12}\``,
        ),
      )
    })

    it('shows hostile text as text: nothing runs, nothing is fetched', async () => {
      const { page } = app
      const hostile = join(app.libraryPath, '..', 'hostile-e2e.txt')
      await writeFile(
        hostile,
        'From: <img src=x onerror=alert(1)>\n<script>alert(2)</script> Title\n\nBody <svg onload=alert(3)> and <a href="https://attacker.example/x">link</a>.',
      )
      await page.getByTestId('search-input').fill('')
      await page.getByTestId('import-input').setInputFiles(hostile)
      await page
        .getByTestId('source-item')
        .filter({ hasText: '<script>alert(2)</script> Title' })
        .click()
      await page
        .getByTestId('reader')
        .getByText('<svg onload=alert(3)>', { exact: false })
        .waitFor()
      expect(await page.getByTestId('reader').locator('img, script, svg, a[href]').count()).toBe(0)
      expect(dialogs).toEqual([])
      expect(app.foreignRequests).toEqual([])
    })
  },
)
