import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { createHttpTransport } from '../../renderer/src/api/httpTransport'
import { describeRange } from '../../shared/anchoring'
import { createClient, type Client } from '../../shared/rpc'
import { describeWebApp } from './support/describeWebApp'
import type { WebApp } from './support/webApp'

const hostileTitle = '<img src=x onerror=alert(1)> Port report'
const closed = 'The harbour crew closed the north gate at six'
const denied = 'The crew denied any part in the outage of the south gate'
const secret = 'A sealed letter named the crew chief'
const reopened = 'The gates reopened at nine'
const portText = [hostileTitle, `${closed}.`, `${denied}.`, `${secret}.`, `${reopened}.`].join(
  '\n\n',
)

/** The contract over the app's own web transport, with the token `casefile serve` printed. */
function apiOf(app: WebApp): Client {
  const url = new URL(app.url)
  return createClient(createHttpTransport(url.origin, url.searchParams.get('token') ?? ''))
}

/** Highlights the first `exact` of the source, as the reader would. */
async function highlight(client: Client, sourceId: string, text: string, exact: string) {
  const start = text.indexOf(exact)
  if (start < 0) throw new Error(`"${exact}" is not in the source`)
  return client.call('annotations.create', {
    sourceId,
    quote: describeRange(text, start, start + exact.length),
    position: { start, end: start + exact.length },
  })
}

/**
 * The case: “Harbour crew” linked to two passages (one marked RED), “Gate outage” linked to a
 * third, and “Harbour crew — denies → Gate outage” resting on the second.
 */
async function seedPortCase(client: Client) {
  const { source } = await client.call('sources.import', { fileName: 'port.txt', text: portText })
  const { text } = await client.call('sources.get', { id: source.id })
  const crew = await client.call('actors.create', { name: 'Harbour crew', kind: 'group' })
  const outage = await client.call('events.create', {
    title: 'Gate outage',
    occurred: { precision: 'day', start: '2024-03-02' },
  })
  const onClosed = await highlight(client, source.id, text, closed)
  const onDenied = await highlight(client, source.id, text, denied)
  const onSecret = await highlight(client, source.id, text, secret)
  const onReopened = await highlight(client, source.id, text, reopened)
  await client.call('annotations.link', { id: onClosed.id, actorIds: [crew.id] })
  await client.call('annotations.link', { id: onSecret.id, actorIds: [crew.id] })
  await client.call('annotations.update', { id: onSecret.id, tlp: 'RED' })
  await client.call('annotations.link', { id: onReopened.id, eventIds: [outage.id] })
  await client.call('relations.create', {
    from: { kind: 'actor', id: crew.id },
    to: { kind: 'event', id: outage.id },
    type: 'denies',
    confidence: 'likely',
    evidence: [onDenied.id],
  })
}

const preview = (page: Page) => page.getByTestId('brief-preview')
const previewText = async (page: Page) => (await preview(page).textContent()) ?? ''
/** The preview once it has caught up with the last change. */
async function settledPreview(page: Page): Promise<string> {
  await expect.poll(() => preview(page).getAttribute('data-stale')).toBe('false')
  return previewText(page)
}
const focused = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '')

/** Presses Tab until the element with `testId` has the focus (at most `limit` times). */
async function tabTo(page: Page, testId: string, limit = 40) {
  for (let i = 0; i < limit; i++) {
    if ((await focused(page)) === testId) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${testId}`)
}

/** Set CASEFILE_SCREENSHOTS to a folder to keep a picture of the composer (for a person). */
async function picture(page: Page, name: string) {
  const folder = process.env.CASEFILE_SCREENSHOTS
  if (!folder) return
  await page.screenshot({ path: `${folder}/brief-${name}.png` })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: `${folder}/brief-${name}-dark.png` })
  await page.emulateMedia({ colorScheme: null })
}

describeWebApp(
  'the brief composer in Chromium, through web mode: scope, TLP, drop, reorder, export, verify',
  (app) => {
    it('composes a brief by keyboard, previews exactly what it exports, and verifies the file', async () => {
      const { page } = app()
      const dialogs: string[] = []
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message())
        void dialog.dismiss()
      })
      await seedPortCase(apiOf(app()))
      await page.reload()

      await page.getByTestId('open-briefs').click()
      await page.getByTestId('briefs-view').getByText('No briefs yet.').waitFor()
      await page.getByTestId('new-brief').click()
      await page.getByTestId('brief-composer').waitFor()

      // Keyboard only from here: the title, the author, the marking, the scope.
      await page.getByTestId('brief-composer-title').focus()
      await page.keyboard.press('Control+a')
      await page.keyboard.type('Port outage')
      await page.keyboard.press('Tab')
      expect(await focused(page)).toBe('brief-author')
      await page.keyboard.type('Desk 4')
      await page.keyboard.press('Tab')
      expect(await focused(page)).toBe('brief-tlp')
      await page.getByTestId('brief-tlp').selectOption('RED')
      await page.getByTestId('brief-tlp').selectOption('AMBER')
      await tabTo(page, 'brief-scope-entities')
      await page.keyboard.type('harbour')
      await page.getByTestId('entity-option').filter({ hasText: 'Harbour crew' }).waitFor()
      await page.keyboard.press('Enter')
      await page.getByTestId('scope-entity').filter({ hasText: 'Harbour crew' }).waitFor()

      // The actor's passages and the evidence of its relation; the RED passage is left out.
      await expect.poll(() => previewText(page)).toContain('# Port outage')
      let markdown = await settledPreview(page)
      expect(markdown).toContain(closed)
      expect(markdown).toContain(denied)
      expect(markdown).not.toContain(secret)
      expect(markdown).not.toContain(reopened) // linked to the event only, which is not chosen
      expect(markdown).toContain('1 item marked more restrictively than TLP:AMBER is left out')
      expect(await page.getByTestId('brief-left-out').textContent()).toBe(
        '1 item marked above TLP:AMBER is left out.',
      )
      expect(markdown).toContain('author: "Desk 4"')

      // The hostile title is text everywhere: in the outline and in the preview.
      const outline = page.getByTestId('brief-outline')
      await outline.getByText(hostileTitle).first().waitFor()
      expect(markdown).toContain('onerror=alert(1)')
      expect(await page.getByTestId('brief-composer').locator('img, script').count()).toBe(0)
      await picture(page, 'composer')

      // Drop a passage: the preview loses it, and it can be brought back.
      const closedItem = outline.getByTestId('outline-item').filter({ hasText: closed })
      await closedItem.getByTestId('outline-drop').focus()
      await page.keyboard.press('Enter')
      await expect.poll(() => settledPreview(page)).not.toContain(closed)
      const dropped = outline.getByTestId('outline-dropped').filter({ hasText: closed })
      await dropped.waitFor()
      await dropped.scrollIntoViewIfNeeded()
      await picture(page, 'outline')
      expect(await settledPreview(page)).toContain(denied)

      // Reorder by keys: Key passages to the top with Alt+↑, announced.
      markdown = await settledPreview(page)
      expect(markdown.indexOf('## Key judgements')).toBeLessThan(
        markdown.indexOf('## Key passages'),
      )
      await tabTo(page, 'section-passages', 80)
      for (let i = 0; i < 4; i++) await page.keyboard.press('Alt+ArrowUp')
      expect(await page.getByTestId('sections-said').textContent()).toBe(
        'Key passages moved to position 1 of 5.',
      )
      expect(await focused(page)).toBe('section-passages')
      await expect
        .poll(async () => {
          const now = await settledPreview(page)
          return now.indexOf('## Key passages') < now.indexOf('## Key judgements')
        })
        .toBe(true)
      // Leaving the timeline out (Space on its checkbox) takes it out of the brief.
      await page.getByTestId('section-timeline').focus()
      await page.keyboard.press('Space')
      await expect.poll(() => settledPreview(page)).not.toContain('## Timeline')

      // Export: the file is exactly the preview.
      markdown = await settledPreview(page)
      const download = page.waitForEvent('download')
      await page.getByTestId('brief-export-markdown').click()
      const file = join(app().libraryPath, '..', 'port-brief.md')
      const downloaded = await download
      expect(downloaded.suggestedFilename()).toMatch(/^port-outage-\d{4}-\d{2}-\d{2}\.md$/)
      await downloaded.saveAs(file)
      const exported = await readFile(file, 'utf8')
      expect(exported).toBe(markdown)
      expect(exported).toBe(await previewText(page))
      await expect
        .poll(() => page.getByTestId('status').textContent())
        .toBe(
          `Exported ${downloaded.suggestedFilename()}: 1 citation; 1 item left out (1 by TLP, 0 orphans).`,
        )

      // Saved as composed: after a reload the brief is as it was left.
      await expect
        .poll(() => page.getByTestId('brief-save-status').getAttribute('data-state'))
        .toBe('saved')
      await page.reload()
      await page.getByTestId('open-briefs').click()
      const item = page.getByTestId('brief-item').filter({ hasText: 'Port outage' })
      expect(await item.textContent()).toContain('TLP:AMBER')
      await item.click()
      expect(await page.getByTestId('brief-composer-title').inputValue()).toBe('Port outage')
      await page.getByTestId('brief-outline').getByTestId('outline-dropped').waitFor()
      expect(await page.getByTestId('section-timeline').isChecked()).toBe(false)

      // Verify the exported file: every citation found exactly.
      await page.getByTestId('open-briefs').click()
      await page.getByTestId('verify-brief-input').setInputFiles(file)
      const rows = page.getByTestId('verify-report').getByTestId('verify-row')
      await expect.poll(() => rows.count()).toBe(1)
      expect(await rows.first().getAttribute('data-status')).toBe('exact')
      expect(await rows.first().textContent()).toContain(denied)
      expect(await rows.first().textContent()).toContain(hostileTitle)
      expect(await page.getByTestId('verify-totals').textContent()).toContain(
        '1 citation — 1 exact, 0 fuzzy, 0 orphaned',
      )
      expect(await page.getByTestId('verify-report').locator('img, script').count()).toBe(0)
      await picture(page, 'verify')

      expect(dialogs).toEqual([])
      expect(app().foreignRequests).toEqual([])
    })

    it('reports a citation whose passage changed as not exact', async () => {
      const { page } = app()
      await page.getByTestId('open-briefs').click()
      const file = join(app().libraryPath, '..', 'port-brief.md')
      const tampered = join(app().libraryPath, '..', 'tampered-brief.md')
      const original = await readFile(file, 'utf8')
      const { writeFile } = await import('node:fs/promises')
      await writeFile(tampered, original.replaceAll(denied, 'The crew admitted the outage'))
      await page.getByTestId('verify-brief-input').setInputFiles(tampered)
      const row = page.getByTestId('verify-row').first()
      await expect.poll(() => row.textContent()).toContain('The crew admitted the outage')
      expect(await row.getAttribute('data-status')).not.toBe('exact')
    })

    it('exports STIX 2.1, imports it back, and deletes a brief with undo', async () => {
      const { page } = app()
      await page.getByTestId('open-briefs').click()
      await page.getByTestId('brief-item').filter({ hasText: 'Port outage' }).click()
      const download = page.waitForEvent('download')
      await page.getByTestId('brief-export-stix').click()
      const bundleFile = join(app().libraryPath, '..', 'port-brief.json')
      await (await download).saveAs(bundleFile)
      const bundle = JSON.parse(await readFile(bundleFile, 'utf8')) as {
        type: string
        objects: Array<{ type: string; name?: string }>
      }
      expect(bundle.type).toBe('bundle')
      expect(bundle.objects.some((object) => object.name === 'Harbour crew')).toBe(true)

      await page.getByTestId('open-briefs').click()
      await page.getByTestId('import-stix-input').setInputFiles(bundleFile)
      const report = page.getByTestId('stix-report')
      await expect.poll(() => report.textContent()).toContain('0 new actors, 1 matched')

      await page
        .getByTestId('brief-item-delete')
        .and(page.getByRole('button', { name: 'Delete the brief Port outage' }))
        .click()
      await page.getByTestId('briefs-view').getByText('No briefs yet.').waitFor()
      expect(await page.getByTestId('open-briefs').textContent()).toBe('Briefs 0')
      await page.getByTestId('status').getByRole('button', { name: 'Undo' }).click()
      await page.getByTestId('brief-item').filter({ hasText: 'Port outage' }).waitFor()
      expect(await page.getByTestId('open-briefs').textContent()).toBe('Briefs 1')
    })
  },
)
