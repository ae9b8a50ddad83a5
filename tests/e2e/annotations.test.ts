import { expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { seedArticle } from '../support/corpora'
import { ReaderPage } from './support/readerPage'
import { describeWebApp } from './support/describeWebApp'

const title = 'Iran Denies Albanian Cyberattack'
const kept = 'brought all government websites and the e-Albania portal down'
const binned = 'called for more support and protection from NATO'
const undone = 'some 1000 members currently live in a closed'

/** The highlighted runs of the reader, the inspector's cards and the trash, as a person sees them. */
async function highlightsShown(page: Page) {
  return {
    marks: await page.getByTestId('reader').locator('mark.highlight').allTextContents(),
    cards: await page.getByTestId('inspector-item').allTextContents(),
  }
}

async function trashShown(page: Page) {
  await page.getByTestId('open-trash').click()
  await page.getByTestId('trash-view').waitFor()
  // The list loads after the view opens: wait until it shows as many items as the button counts.
  await expect
    .poll(async () => {
      const counted = (await page.getByTestId('open-trash').textContent())?.replace(/\D/g, '')
      return (await page.getByTestId('trash-item').count()) === Number(counted)
    })
    .toBe(true)
  const items = await page.getByTestId('trash-item').allTextContents()
  return { count: await page.getByTestId('open-trash').textContent(), items }
}

async function openArticle(page: Page) {
  await page.getByTestId('source-item').filter({ hasText: title }).click()
  await page
    .getByTestId('reader')
    .getByText('The Iranian government denied', { exact: false })
    .waitFor()
}

describeWebApp(
  'annotations in Chromium, through web mode: highlight, comment, trash, undo, reload',
  (app) => {
    it('highlights with h, comments with c, edits, deletes, restores, undoes; a reload keeps it all', async () => {
      const { page } = app()
      const reader = new ReaderPage(page)
      await page.getByTestId('import-input').setInputFiles(seedArticle)
      await openArticle(page)

      // h highlights at once; c moves into the comment of the fresh highlight.
      await reader.select(kept)
      await page.keyboard.press('h')
      await page.getByTestId('reader').locator('mark', { hasText: 'e-Albania' }).waitFor()
      await page.keyboard.press('c')
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.id))
        .toBe('highlight-comment')
      await page.keyboard.type('Scope of the outage')
      await page.getByTestId('highlight-tags').fill('outage, Albania,')
      await page.getByRole('radio', { name: 'Blue' }).check()
      await page.keyboard.press('Control+Enter')
      await page.getByRole('dialog').waitFor({ state: 'detached' })
      const card = page.getByTestId('inspector-item').filter({ hasText: 'e-Albania' })
      await card.filter({ hasText: 'Scope of the outage' }).waitFor()

      // Edit the comment in the inspector.
      await card.getByRole('button', { name: 'Edit' }).click()
      await card.getByTestId('inspector-comment').fill('Scope of the outage: every government site')
      await card.getByTestId('inspector-save').click()
      // Read the chips once the edit form (whose chips carry a remove ×) has gone.
      await card.getByTestId('inspector-comment').waitFor({ state: 'detached' })
      await card.filter({ hasText: 'every government site' }).locator('.tag-chip').first().waitFor()
      expect(await card.locator('.tag-chip').allTextContents()).toEqual(['outage', 'Albania'])

      // Hovering the highlight shows its comment.
      await page.getByTestId('reader').locator('mark', { hasText: 'e-Albania' }).hover()
      await expect
        .poll(() => page.getByRole('tooltip').textContent())
        .toContain('every government site')

      // Delete it, then restore it from the trash.
      await card.getByRole('button', { name: 'Delete' }).click()
      await expect.poll(() => reader.highlightedText()).toBe('')
      await expect.poll(() => page.getByTestId('status').textContent()).toContain('Undo')
      const trash = await trashShown(page)
      expect(trash.count).toBe('Trash 1')
      expect(trash.items[0]).toContain(kept)
      expect(trash.items[0]).toContain('every government site')
      await page.getByTestId('trash-item').getByRole('button', { name: 'Restore' }).click()
      await page.getByText('The trash is empty.').waitFor()

      await openArticle(page)
      await expect.poll(() => reader.highlightedText()).toBe(kept)

      // A second highlight goes to the trash; a third is undone with Ctrl+Z (to the trash too).
      await reader.highlight(binned, 'NATO angle')
      await page
        .getByTestId('inspector-item')
        .filter({ hasText: 'NATO angle' })
        .getByRole('button', { name: 'Delete' })
        .click()
      await expect.poll(() => reader.highlightedText()).toBe(kept)
      await reader.select(undone)
      await page.keyboard.press('h')
      await page.getByTestId('reader').locator('mark', { hasText: '1000 members' }).waitFor()
      await page.keyboard.press('Escape')
      await page.keyboard.press('Control+z')
      await expect.poll(() => reader.highlightedText()).toBe(kept)
      await expect.poll(() => page.getByTestId('status').textContent()).toContain('Undone')

      // The highlight selected, its popover of comment shown: the screenshot to look at.
      await page.getByTestId('reader').locator('mark', { hasText: 'e-Albania' }).click()
      await page.getByTestId('reader').locator('mark', { hasText: 'e-Albania' }).hover()
      await page.getByRole('tooltip').waitFor()
      const before = await highlightsShown(page)
      const trashBefore = await trashShown(page)
      expect(trashBefore.count).toBe('Trash 2')
      expect(trashBefore.items).toHaveLength(2)
      expect(trashBefore.items[0]).toContain(undone)
      expect(trashBefore.items[1]).toContain('NATO angle')

      await page.reload()
      await openArticle(page)
      await expect.poll(() => reader.highlightedText()).toBe(kept)
      const after = await highlightsShown(page)
      expect(after).toEqual(before)
      expect(after.marks).toEqual([kept])
      expect(after.cards).toHaveLength(1)
      expect(after.cards[0]).toContain('Scope of the outage: every government site')
      expect(await page.locator('mark.highlight--blue').count()).toBe(1)
      expect(await trashShown(page)).toEqual(trashBefore)

      await openArticle(page)
      await page
        .getByTestId('inspector-item')
        .getByRole('button', { name: /e-Albania/ })
        .click()
      await page.getByTestId('reader').locator('mark', { hasText: 'e-Albania' }).hover()
      const tooltip = page.getByRole('tooltip')
      await expect
        .poll(() => tooltip.evaluate((element) => getComputedStyle(element).opacity))
        .toBe('1')
      await page.screenshot({ path: '/tmp/casefile-annotations.png' })
      expect(app().foreignRequests).toEqual([])
    })
  },
)
