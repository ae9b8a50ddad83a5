import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makePdf } from '../support/makePdf'
import { chromiumMissing, chromiumPresent, startWebApp, type WebApp } from './support/webApp'

const hostilePage = `<!doctype html><html lang="en"><head>
  <title>Harbour authority statement | Coast Courier</title>
  <meta property="og:site_name" content="Coast Courier">
  <meta name="author" content="Ines Byline">
  <link rel="canonical" href="https://courier.example/harbour-statement">
  <script>alert('script ran')</script>
  <link rel="stylesheet" href="https://tracker.example/style.css">
</head><body onload="alert('onload ran')">
  <article>
    <h1>Harbour authority statement</h1>
    <p>The harbour authority confirmed on Sunday that the gate system was restored.
      <img src="https://tracker.example/pixel.gif" onerror="alert('onerror ran')"></p>
    <p>Its statement named no suspect &lt;img src=x onerror=alert(1)&gt; and gave no timeline.</p>
    <p hidden>Hidden tracking paragraph</p>
  </article>
</body></html>`

describe.skipIf(!chromiumPresent)(
  chromiumPresent ? 'importing web pages and PDFs in Chromium' : chromiumMissing,
  () => {
    let app: WebApp
    let files: string
    const dialogs: string[] = []
    beforeAll(async () => {
      app = await startWebApp()
      app.page.on('dialog', (dialog) => {
        dialogs.push(dialog.message())
        void dialog.dismiss()
      })
      files = join(app.libraryPath, '..', 'import-formats')
      await mkdir(files, { recursive: true })
    })
    afterAll(async () => app?.close())

    it('imports a saved page as its article, with its metadata, and nothing in it runs or loads', async () => {
      const { page } = app
      const file = join(files, 'statement.html')
      await writeFile(file, hostilePage)
      await page.getByTestId('import-input').setInputFiles(file)
      const reader = page.getByTestId('reader')
      await reader.getByText('the gate system was restored', { exact: false }).waitFor()
      await reader.getByText('<img src=x onerror=alert(1)>', { exact: false }).waitFor()
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Harbour authority statement',
      )
      const header = page.locator('.source-header')
      await header.getByText('Coast Courier').waitFor()
      await header.getByText('https://courier.example/harbour-statement').waitFor()
      expect(await reader.textContent()).not.toContain('Hidden tracking paragraph')
      expect(await reader.getAttribute('lang')).toBe('en')
      expect(await page.locator('.reader img, .reader script').count()).toBe(0)
      expect(dialogs).toEqual([])
      expect(app.foreignRequests).toEqual([])
    })

    it('imports a PDF with its pages marked, and says a second copy is already there', async () => {
      const { page } = app
      const pdf = join(files, 'outage.pdf')
      await writeFile(
        pdf,
        await makePdf(
          [
            [['Gate outage report'], ['The badge readers stopped at six in the morning.']],
            [['Paper manifests were used until noon on the second day.']],
          ],
          { title: 'Gate Outage Report', author: 'Port Operations' },
        ),
      )
      await page.getByTestId('import-input').setInputFiles(pdf)
      const reader = page.getByTestId('reader')
      await reader.getByText('Paper manifests were used until noon', { exact: false }).waitFor()
      expect(await page.getByTestId('page-marker').allTextContents()).toEqual(['Page 1', 'Page 2'])
      await page.locator('.source-header').getByText('Port Operations').waitFor()
      await page.screenshot({ path: join(app.libraryPath, '..', 'casefile-e2e-pdf.png') })

      const copy = join(files, 'outage copy.pdf')
      await copyFile(pdf, copy)
      await page.getByTestId('import-input').setInputFiles(copy)
      await expect
        .poll(() => page.getByTestId('status').textContent())
        .toBe('“Gate Outage Report” is already in the library.')
    })

    it('imports several files at once and sums up, naming the one that failed', async () => {
      const { page } = app
      const names = ['one.md', 'two.txt', 'broken.pdf']
      await writeFile(join(files, 'one.md'), '---\ntitle: First note\n---\nThe first note.')
      await writeFile(join(files, 'two.txt'), 'Second note\n\nThe second note.')
      await writeFile(join(files, 'broken.pdf'), 'this is not a PDF at all')
      await page.getByTestId('import-input').setInputFiles(names.map((name) => join(files, name)))
      await expect
        .poll(() => page.getByTestId('status').textContent())
        .toBe('Imported 2 files; 1 file could not be imported.')
      expect(await page.locator('.status-bar__details').textContent()).toMatch(
        /broken\.pdf is not a PDF/,
      )
    })
  },
)
