import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir } from '../support/makeLibrary'
import { chromiumMissing, chromiumPresent, startWebApp, type WebApp } from './support/webApp'

const files = 300

describe.skipIf(!chromiumPresent)(
  chromiumPresent ? 'importing a big folder in Chromium' : chromiumMissing,
  () => {
    let app: WebApp
    let folder: { path: string; remove(): Promise<void> }
    beforeAll(async () => {
      app = await startWebApp()
      folder = await makeTempDir()
      const reports = join(folder.path, 'reports')
      await mkdir(reports)
      for (let n = 1; n <= files; n++) {
        const name = String(n).padStart(3, '0')
        await writeFile(
          join(reports, `report-${name}.md`),
          `# Gate report ${name}\n\nReport ${name} of the harbour gate outage, day ${n}.\n`,
        )
      }
    })
    afterAll(async () => {
      await app?.close()
      await folder?.remove()
    })

    it('shows progress, then lists every file with only the rows in view in the page', async () => {
      const { page } = app
      await page.getByTestId('import-folder-input').setInputFiles(join(folder.path, 'reports'))
      // While the files come in, the status line counts them with a progress bar out of 300.
      await page.waitForFunction((total) => {
        const line = document.querySelector('[data-testid="status"]')
        const bar = line?.querySelector('progress')
        return (
          new RegExp(`^Importing \\d+ of ${total}: `).test(line?.textContent ?? '') &&
          bar?.max === total
        )
      }, files)
      const status = page.getByTestId('status')
      await status.filter({ hasText: `Imported ${files} files.` }).waitFor({ timeout: 110_000 })
      await expect
        .poll(() => page.locator('#library-heading .count').textContent())
        .toBe(String(files))

      const rows = page.getByTestId('source-item')
      const rendered = await rows.count()
      expect(rendered).toBeGreaterThan(5)
      expect(rendered).toBeLessThan(files / 3)
      expect(await page.locator('li[aria-setsize]').first().getAttribute('aria-setsize')).toBe(
        String(files),
      )

      // Scrolled to its end, the list has its last rows in the page.
      await page
        .locator('.library-list__viewport')
        .evaluate((viewport) => viewport.scrollTo(0, viewport.scrollHeight))
      await page.locator(`li[aria-posinset="${files}"]`).waitFor()
      expect(await rows.count()).toBeLessThan(files / 3)
    })

    it('moves through the list with the arrow keys past the rows first rendered', async () => {
      const { page } = app
      await page.locator('.library-list__viewport').evaluate((viewport) => viewport.scrollTo(0, 0))
      await page.locator('li[aria-posinset="1"] button').focus()
      for (let step = 0; step < 60; step++) await page.keyboard.press('ArrowDown')
      const focused = page.locator('li[aria-posinset="61"] button')
      await expect
        .poll(() => focused.evaluate((button) => button === document.activeElement))
        .toBe(true)
      expect(await focused.isVisible()).toBe(true)
      await page.keyboard.press('Enter')
      await page.getByTestId('reader').getByText('of the harbour gate outage').waitFor()
    })
  },
)
