import { expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { seedArticle } from '../support/corpora'
import { ReaderPage } from './support/readerPage'
import { describeWebApp } from './support/describeWebApp'

const severed = 'all diplomatic ties would be severed with Iran'
const denied = 'The Iranian government denied on Wednesday evening any involvement'

/** Set CASEFILE_SCREENSHOTS to a folder to keep a picture of each view (for a person to look at). */
async function picture(page: Page, name: string) {
  const folder = process.env.CASEFILE_SCREENSHOTS
  if (folder) await page.screenshot({ path: `${folder}/case-${name}.png` })
}

/** Types into an actor/event picker and chooses the option that reads `option`. */
async function pick(page: Page, field: Locator, typed: string, option: string) {
  await field.fill(typed)
  await page.getByTestId('entity-option').filter({ hasText: option }).first().click()
}

/** Creates an actor or event from what was typed in the popover's link field. */
async function linkNew(page: Page, name: string, details: { kind?: string; date?: string }) {
  const kind = details.date ? 'event' : 'actor'
  await pick(page, page.getByTestId('highlight-links'), name, `New ${kind} “${name}”`)
  const form = page.getByTestId(`new-${kind}`)
  if (details.kind) await form.getByTestId('new-actor-kind').selectOption(details.kind)
  if (details.date) await form.getByTestId('new-event-date').fill(details.date)
  await form.getByTestId(`new-${kind}-create`).click()
  await page.getByRole('dialog').getByTestId('entity-chip').filter({ hasText: name }).waitFor()
}

describeWebApp(
  'the case in Chromium, through web mode: actors, an event and a relation from passages',
  (app) => {
    it('turns passages of the seed into Iran, Albania, “15 July cyberattack” and “Iran — denies →”', async () => {
      const { page } = app()
      const reader = new ReaderPage(page)
      await page.getByTestId('import-input').setInputFiles(seedArticle)
      await page.getByTestId('reader').getByText('The Iranian government denied').waitFor()

      // One passage: the actors and the event come into being from it.
      await reader.select(severed)
      await page.getByTestId('reader').dispatchEvent('mouseup')
      await linkNew(page, 'Iran', { kind: 'state' })
      await linkNew(page, 'Albania', { kind: 'state' })
      await linkNew(page, '15 July cyberattack', { date: '2022-07-15' })
      await picture(page, 'popover-links')
      await page.getByTestId('highlight-save').click()
      const card = page.getByTestId('inspector-item').filter({ hasText: severed })
      await expect
        .poll(() => card.getByTestId('entity-chip').allTextContents())
        .toEqual(['●Iran', '●Albania', '◆15 July cyberattack'])

      // Another passage is the evidence of a relation, made in the same popover.
      await reader.select(denied)
      await page.getByTestId('reader').dispatchEvent('mouseup')
      await page.getByTestId('add-relation').click()
      await pick(page, page.getByTestId('relation-from'), 'iran', 'Iran')
      await page.getByTestId('relation-type').fill('denies')
      await pick(page, page.getByTestId('relation-to'), '15 July', '15 July cyberattack')
      await page.getByTestId('relation-confidence').selectOption('likely')
      await picture(page, 'popover-relation')
      await page.getByTestId('highlight-save').click()
      await page.getByTestId('inspector-item').filter({ hasText: denied }).waitFor()

      // The actor page.
      await page.getByTestId('open-actors').click()
      await page.getByTestId('actor-item').filter({ hasText: 'Iran' }).click()
      const actorPage = page.getByTestId('actor-page')
      await expect
        .poll(() => actorPage.getByRole('heading', { level: 1 }).textContent())
        .toBe('Iran')
      const relation = actorPage.getByTestId('relation-item')
      await expect
        .poll(() => relation.getByRole('paragraph').first().getAttribute('aria-label'))
        .toBe('Iran — denies → 15 July cyberattack, likely')
      expect(await relation.getByTestId('relation-evidence').textContent()).toContain(denied)
      expect(await actorPage.getByTestId('linked-passage').count()).toBe(2)
      await picture(page, 'actor-page')

      // The timeline, and through it the event page.
      await page.getByTestId('open-timeline').click()
      const onTimeline = page.getByTestId('timeline-event')
      await expect.poll(() => onTimeline.count()).toBe(1)
      expect(await onTimeline.getAttribute('aria-label')).toBe('15 July cyberattack, 15 July 2022')
      await picture(page, 'timeline')
      await onTimeline.click()
      const eventPage = page.getByTestId('event-page')
      await expect
        .poll(() => eventPage.getByTestId('event-occurred').textContent())
        .toBe('15 July 2022 (known to the day)')
      expect(await eventPage.getByTestId('relation-item').textContent()).toContain('Iran')

      // The relations graph.
      await page.getByTestId('open-graph').click()
      const nodes = page.getByTestId('graph-node')
      await expect.poll(() => nodes.count()).toBe(2)
      expect((await nodes.allTextContents()).join(' ')).toMatch(
        /Iran.*15 July cyberattack|15 July cyberattack.*Iran/,
      )
      expect(await page.getByTestId('graph-edge-label').first().textContent()).toContain('denies')
      await picture(page, 'graph')
      // A node is a way in: the mouse opens the actor's page.
      await nodes.filter({ hasText: 'Iran' }).click()
      await expect
        .poll(() => page.getByTestId('actor-page').getByRole('heading', { level: 1 }).textContent())
        .toBe('Iran')

      // All of it is on disk: a reload shows the same actor page.
      await page.reload()
      await page.getByTestId('open-actors').click()
      await page.getByTestId('actor-item').filter({ hasText: 'Iran' }).click()
      await expect
        .poll(() => page.getByTestId('actor-page').getByTestId('relation-item').count())
        .toBe(1)
      expect(app().foreignRequests).toEqual([])
    })
  },
)
