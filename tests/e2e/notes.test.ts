import { expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { seedArticle } from '../support/corpora'
import { ReaderPage } from './support/readerPage'
import { describeWebApp } from './support/describeWebApp'

const passage = 'brought all government websites and the e-Albania portal down'
const typed =
  'Rapid notes: the portal went down on 15 July; Rama cut ties; Tehran denied it all. ' +
  'Check the FBI and NATO statements, then the MEK angle, before Friday.'

/** Set CASEFILE_SCREENSHOTS to a folder to keep a picture of each view (for a person to look at). */
async function picture(page: Page, name: string) {
  const folder = process.env.CASEFILE_SCREENSHOTS
  if (folder) await page.screenshot({ path: `${folder}/notes-${name}.png` })
}

const noteText = (page: Page) => page.getByTestId('note-text')

describeWebApp(
  'notes in Chromium, through web mode: quote, mention, autosave under fast typing, reload',
  (app) => {
    it('quotes a passage, mentions an actor, keeps every keystroke across a reload', async () => {
      const { page } = app()
      await page.getByTestId('import-input').setInputFiles(seedArticle)
      await page.getByTestId('reader').getByText('The Iranian government denied').waitFor()
      await page.getByTestId('open-actors').click()
      await page.getByTestId('new-actor-name').fill('Iran')
      await page.getByRole('button', { name: 'Add actor' }).click()
      await page.getByTestId('actor-page').waitFor()
      await page.getByTestId('source-item').first().click()

      // Highlight, then quote it: a note opens with the citation in it.
      const reader = new ReaderPage(page)
      await reader.select(passage)
      await page.keyboard.press('h')
      const card = page.getByTestId('inspector-item').filter({ hasText: passage })
      await card.getByTestId('quote-in-note').click()
      const citation = page.getByTestId('citation')
      await expect.poll(() => citation.getAttribute('data-state')).toBe('exact')
      expect(await citation.textContent()).toContain(passage)
      expect(await citation.textContent()).toContain('Iran Denies Albanian Cyberattack')

      // A title, a mention through @, and fast typing; then reload at once.
      await page.getByTestId('note-title').fill('Working hypothesis')
      await noteText(page).click()
      await page.keyboard.press('Control+End')
      await page.keyboard.type('Suspect: @Ir')
      await page.getByTestId('mention-option').filter({ hasText: 'Iran' }).first().waitFor()
      await page.keyboard.press('Enter')
      await expect.poll(() => noteText(page).locator('.note-mention').textContent()).toBe('@Iran')
      await page.keyboard.type(typed, { delay: 0 })
      await picture(page, 'editor')
      await page.reload()

      await page.getByTestId('open-notes').click()
      await page.getByTestId('note-item').filter({ hasText: 'Working hypothesis' }).click()
      await expect.poll(() => noteText(page).textContent()).toContain(typed)
      expect(await noteText(page).textContent()).toContain('Suspect: @Iran')
      expect(await page.getByTestId('note-title').inputValue()).toBe('Working hypothesis')
      await expect
        .poll(() => page.getByTestId('save-status').getAttribute('data-state'))
        .toBe('saved')

      // The actor page lists the note that mentions it; search finds the note.
      await page.getByTestId('open-actors').click()
      await page.getByTestId('actor-item').filter({ hasText: 'Iran' }).click()
      await page
        .getByTestId('actor-page')
        .getByTestId('note-item')
        .filter({ hasText: 'Working hypothesis' })
        .waitFor()
      await page.getByPlaceholder('Search sources and highlights').fill('Friday')
      await page.locator('[data-kind="note"]').filter({ hasText: 'Working hypothesis' }).click()
      await noteText(page).waitFor()
      await page.getByPlaceholder('Search sources and highlights').fill('')

      // Deleting the highlight leaves the citation, saying so.
      await page.getByTestId('source-item').first().click()
      await card.getByRole('button', { name: 'Delete' }).click()
      await page.getByTestId('open-notes').click()
      await page.getByTestId('note-item').filter({ hasText: 'Working hypothesis' }).click()
      await expect.poll(() => citation.getAttribute('data-state')).toBe('deleted')
      expect(await citation.getByRole('note').textContent()).toContain('in the trash')
      await picture(page, 'deleted-citation')
      expect(app().foreignRequests).toEqual([])
    })

    it('two windows on one note: the later save is refused, and Keep both loses neither edit', async () => {
      const first = app().page
      await first.getByTestId('open-notes').click()
      await first.getByTestId('new-note').click()
      await first.getByTestId('note-title').fill('Shared note')
      await expect
        .poll(() => first.getByTestId('save-status').getAttribute('data-state'))
        .toBe('saved')

      const second = await first.context().newPage()
      await second.goto(app().url)
      await second.getByTestId('open-notes').click()
      await second.getByTestId('note-item').filter({ hasText: 'Shared note' }).click()

      // The second window's save is held on its way while the first window saves: it then
      // arrives on the revision before, whatever the speed of the machine.
      let held!: () => void
      const saveHeld = new Promise<void>((resolve) => (held = resolve))
      let release!: () => void
      const released = new Promise<void>((resolve) => (release = resolve))
      await second.route('**/api/notes.update', async (route) => {
        held()
        await released
        await route.continue()
      })
      await noteText(second).click()
      await second.keyboard.type('Written in the second window.')
      await saveHeld
      await noteText(first).click()
      await first.keyboard.type('Written in the first window.')
      await first.keyboard.press('Control+s')
      await expect
        .poll(() => first.getByTestId('save-status').getAttribute('data-state'))
        .toBe('saved')
      release() // (later saves pass straight through the route)

      await expect
        .poll(() => second.getByTestId('save-status').getAttribute('data-state'))
        .toBe('conflict')
      await picture(second, 'conflict')
      await second.getByTestId('keep-both').click()
      await expect
        .poll(() => second.getByTestId('save-status').getAttribute('data-state'))
        .toBe('saved')

      await first.reload()
      await first.getByTestId('open-notes').click()
      await first.getByTestId('note-item').filter({ hasText: 'Shared note' }).click()
      await expect
        .poll(() => noteText(first).textContent())
        .toContain('Written in the second window.')
      expect(await noteText(first).textContent()).toContain('Written in the first window.')
      await second.close()
    })
  },
)
