import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, expect, it } from 'vitest'
import { createHttpTransport } from '../../renderer/src/api/httpTransport'
import { describeRange } from '../../shared/anchoring'
import { createClient, type Client } from '../../shared/rpc'
import { doc, h, p } from '../support/noteDocs'
import { describeWebApp } from './support/describeWebApp'
import type { WebApp } from './support/webApp'

const linked = 'The harbour crew closed the north gate at six'
const unlinked = 'A tug captain saw smoke over the south quay'
const portText = ['Port log', `${linked}.`, `${unlinked}.`].join('\n\n')

/** The contract over the app's own web transport, with the token `casefile serve` printed. */
function apiOf(app: WebApp): Client {
  const url = new URL(app.url)
  return createClient(createHttpTransport(url.origin, url.searchParams.get('token') ?? ''))
}

async function highlight(client: Client, sourceId: string, exact: string) {
  const { text } = await client.call('sources.get', { id: sourceId })
  const start = text.indexOf(exact)
  if (start < 0) throw new Error(`"${exact}" is not in the source`)
  return client.call('annotations.create', {
    sourceId,
    quote: describeRange(text, start, start + exact.length),
    position: { start, end: start + exact.length },
  })
}

/**
 * A brief “Port outage” over the actor “Harbour crew”, which one passage is linked to; a second
 * passage linked to nothing (so in no brief), and a note “Gate log”.
 */
async function seedPort(client: Client) {
  const { source } = await client.call('sources.import', { fileName: 'port.txt', text: portText })
  const crew = await client.call('actors.create', { name: 'Harbour crew', kind: 'group' })
  const onLinked = await highlight(client, source.id, linked)
  await highlight(client, source.id, unlinked)
  await client.call('annotations.link', { id: onLinked.id, actorIds: [crew.id] })
  await client.call('notes.create', {
    doc: doc(h(1, 'Gate log'), p('The gates were shut by hand, said the watchman.')),
  })
  await client.call('briefs.save', { title: 'Port outage', scope: { actorIds: [crew.id] } })
}

const status = (page: Page) => page.getByTestId('status')
const statusText = async (page: Page) => (await status(page).textContent()) ?? ''
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '')

/** The composer's preview of the brief `title`, once it has caught up. */
async function previewOf(page: Page, title: string): Promise<string> {
  await page.getByTestId('open-briefs').click()
  await page.getByTestId('brief-item').filter({ hasText: title }).click()
  const preview = page.getByTestId('brief-preview')
  await preview.waitFor()
  await expect.poll(() => preview.getAttribute('data-stale')).toBe('false')
  return (await preview.textContent()) ?? ''
}

/** Set CASEFILE_SCREENSHOTS to a folder to keep pictures of what is tested (for a person). */
async function picture(page: Page, name: string) {
  const folder = process.env.CASEFILE_SCREENSHOTS
  if (folder) await page.screenshot({ path: `${folder}/${name}.png` })
}

describeWebApp(
  'adding passages and notes to a brief, and archiving the case, in Chromium',
  (app) => {
    const archives: string[] = []
    afterAll(async () => {
      for (const file of archives) await rm(file, { force: true })
    })

    it('adds a passage from the inspector by keyboard, which the brief then quotes; Undo takes it out', async () => {
      const { page } = app()
      await seedPort(apiOf(app()))
      await page.reload()
      expect(await previewOf(page, 'Port outage')).not.toContain(unlinked)

      await page.getByTestId('source-item').filter({ hasText: 'Port log' }).click()
      const card = page.getByTestId('inspector-item').filter({ hasText: unlinked })
      // Tab from the action before it reaches “Add to brief…”; Enter opens the menu on the brief.
      await card.getByTestId('quote-in-note').focus()
      await page.keyboard.press('Tab')
      expect(await focusedText(page)).toBe('Add to brief…')
      await page.keyboard.press('Enter')
      const menu = page.getByTestId('add-to-brief-menu')
      await menu.waitFor()
      await expect.poll(() => focusedText(page)).toContain('Port outage')
      await picture(page, 'add-to-brief')
      // Escape closes it, the focus back on the button; the arrows move through the briefs.
      await page.keyboard.press('Escape')
      await menu.waitFor({ state: 'detached' })
      // Radix hands the focus back as the menu's focus scope unmounts, a moment after the menu goes.
      await expect.poll(() => focusedText(page)).toBe('Add to brief…')
      await page.keyboard.press('Enter')
      await expect.poll(() => focusedText(page)).toContain('Port outage')
      await page.keyboard.press('ArrowDown')
      expect(await focusedText(page)).toContain('New brief')
      await page.keyboard.press('ArrowUp')
      expect(await focusedText(page)).toContain('Port outage')
      await page.keyboard.press('Enter')
      await menu.waitFor({ state: 'detached' })
      await expect.poll(() => statusText(page)).toContain('Added to “Port outage”.')

      const markdown = await previewOf(page, 'Port outage')
      expect(markdown).toContain(`> ${unlinked}`)
      expect(markdown).toContain(linked)
      await page.getByTestId('brief-passage').filter({ hasText: unlinked }).waitFor()

      // Undo (from the status line, still offering it) takes the passage out of the brief again.
      await page.getByTestId('open-briefs').click()
      await status(page).getByRole('button', { name: 'Undo' }).click()
      await expect.poll(() => statusText(page)).toContain('Undone: the passage is out of')
      const undone = await previewOf(page, 'Port outage')
      expect(undone).not.toContain(unlinked)
      expect(undone).toContain(linked)

      // Added again, then once more: the brief has it already, as the menu and the status say.
      await page.getByTestId('source-item').filter({ hasText: 'Port log' }).click()
      const addAgain = async () => {
        await card.getByTestId('add-to-brief').click()
        const item = page.getByTestId('add-to-brief-item').filter({ hasText: 'Port outage' })
        const words = (await item.textContent()) ?? ''
        await item.click()
        return words
      }
      expect(await addAgain()).not.toContain('has this passage')
      await expect.poll(() => statusText(page)).toContain('Added to “Port outage”.')
      expect(await addAgain()).toContain('has this passage')
      await expect
        .poll(() => statusText(page))
        .toContain('This passage is already in “Port outage”.')
      const { briefs } = await apiOf(app()).call('briefs.list', {})
      expect(
        briefs.find((brief) => brief.title === 'Port outage')?.scope.annotationIds,
      ).toHaveLength(1)
    })

    it('adds a note from its editor: the brief has a Notes section with the note under its title', async () => {
      const { page } = app()
      await page.getByTestId('open-notes').click()
      await page.getByTestId('note-item').filter({ hasText: 'Gate log' }).click()
      await page.getByTestId('note-editor').getByTestId('add-to-brief').click()
      await page.getByTestId('add-to-brief-item').filter({ hasText: 'Port outage' }).click()
      await expect.poll(() => statusText(page)).toContain('Added to “Port outage”.')

      const markdown = await previewOf(page, 'Port outage')
      expect(markdown).toContain('## Notes')
      expect(markdown).toContain('### Gate log')
      expect(markdown).toContain('The gates were shut by hand, said the watchman.')
      expect(await page.getByTestId('brief-note').textContent()).toContain('Gate log')
      await page.getByTestId('brief-note').scrollIntoViewIfNeeded()
      await picture(page, 'brief-notes')
      // Removed in the composer, the note leaves the preview.
      await page.getByRole('button', { name: 'Remove the note Gate log from the scope' }).click()
      const preview = page.getByTestId('brief-preview')
      await expect.poll(async () => (await preview.textContent()) ?? '').not.toContain('## Notes')
    })

    it('exports the case archive beside the library, and refuses to write over it', async () => {
      const { page } = app()
      await page.getByTestId('open-briefs').click()
      const section = page.getByTestId('case-archive')
      await section.scrollIntoViewIfNeeded()
      expect(await page.getByTestId('case-archive-path').inputValue()).toBe('')
      await page.getByTestId('case-archive-export').click()
      await expect.poll(() => statusText(page)).toMatch(/^Wrote .*\.casefile\.zip \(/)
      const said = await statusText(page)
      const file = /^Wrote (.*\.casefile\.zip) \(/.exec(said)?.[1] ?? ''
      archives.push(file)
      expect(dirname(file)).toBe(dirname(app().libraryPath))
      expect(existsSync(file)).toBe(true)
      expect(said).toContain('1 source, 2 highlights, 1 note, 1 actor, 0 events, 0 relations.')
      expect(await page.getByTestId('case-archive-file').textContent()).toBe(file)
      await picture(page, 'case-archive')

      // The palette's command lands on the path; the same file again is refused, in words.
      await page.keyboard.press('Control+k')
      await page.getByTestId('palette-input').fill('archive')
      await page.getByTestId('palette-command').filter({ hasText: 'Export case archive…' }).click()
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('case-archive-path')
      await page.keyboard.type(file)
      await page.keyboard.press('Enter')
      await expect
        .poll(() => statusText(page))
        .toBe(
          `The case archive was not written: ${file} already exists: Casefile does not replace a file with an archive. Choose another name.`,
        )

      // Another name is written there.
      const other = join(dirname(app().libraryPath), `${Date.now()}-elsewhere.casefile.zip`)
      archives.push(other)
      await page.getByTestId('case-archive-path').fill(other)
      await page.keyboard.press('Enter')
      await expect.poll(() => statusText(page)).toContain(`Wrote ${other} (`)
      expect(existsSync(other)).toBe(true)
    })
  },
)
