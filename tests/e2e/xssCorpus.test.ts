import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir } from '../support/makeLibrary'
import {
  hostileEmail,
  hostileHtmlPage,
  hostileMarkdown,
  payloadTraces,
  shortPayloads,
  xssPayloads,
  xssText,
} from '../support/xssCorpus'
import { chromiumMissing, chromiumPresent, startWebApp, type WebApp } from './support/webApp'

type Source = { id: string; title: string; originalSha256: string }

/**
 * The XSS corpus through every way text comes in (files, a paste, annotations, actors, events,
 * relations, notes, briefs, saved searches), then every view that shows it: nothing runs, nothing
 * is fetched, and no element of a payload reaches the page.
 */
describe.skipIf(!chromiumPresent)(
  chromiumPresent ? 'the XSS corpus in Chromium, through web mode' : chromiumMissing,
  () => {
    let app: WebApp
    let files: { path: string; remove(): Promise<void> }
    const dialogs: string[] = []

    /** A contract call over the app's own HTTP API, as the page makes it. */
    async function call<T>(method: string, input: unknown): Promise<T> {
      const url = new URL(app.url)
      const response = await fetch(`${url.origin}/api/${method}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${url.searchParams.get('token') ?? ''}`,
        },
        body: JSON.stringify(input),
      })
      const answer = (await response.json()) as { result?: T; error?: unknown } & T
      if (!response.ok) throw new Error(`${method}: ${JSON.stringify(answer)}`)
      return answer.result ?? answer
    }

    async function expectNothingRan(page: Page, where: string): Promise<void> {
      expect(await page.evaluate(payloadTraces), where).toEqual([])
      expect(dialogs, where).toEqual([])
      expect(app.foreignRequests, where).toEqual([])
    }

    beforeAll(async () => {
      app = await startWebApp()
      app.page.on('dialog', (dialog) => {
        dialogs.push(dialog.message())
        void dialog.dismiss()
      })
      files = await makeTempDir()
    })
    afterAll(async () => {
      await app?.close()
      await files?.remove()
    })

    it('imports the corpus as files (HTML, e-mail, Markdown, text) and as a pasted page', async () => {
      const { page } = app
      const named = {
        'hostile page.html': hostileHtmlPage('Pagehostile'),
        'hostile mail.eml': hostileEmail('Mailhostile'),
        'hostile notes.md': hostileMarkdown('Markdownhostile'),
        'hostile plain.txt': `Plainhostile ${shortPayloads[0]}\n\n${xssText}`,
      }
      for (const [name, content] of Object.entries(named))
        await writeFile(join(files.path, name), content)
      await page
        .getByTestId('import-input')
        .setInputFiles(Object.keys(named).map((name) => join(files.path, name)))
      await page.getByTestId('source-item').nth(3).waitFor()

      // Ctrl+V of a copied web page outside a text field: the HTML importer, as from a browser.
      await page.locator('body').click({ position: { x: 5, y: 5 } })
      await page.evaluate((html) => {
        const data = new DataTransfer()
        data.setData('text/html', html)
        data.setData('text/plain', 'Pastehostile')
        document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }))
      }, hostileHtmlPage('Pastehostile'))
      await page.getByTestId('source-item').nth(4).waitFor()
      const { sources } = await call<{ sources: Source[] }>('sources.list', {})
      expect(sources).toHaveLength(5)
      await expectNothingRan(page, 'after import')
    })

    it('takes the corpus in annotations, actors, events, relations, notes, briefs and searches', async () => {
      const { sources } = await call<{ sources: Source[] }>('sources.list', {})
      const actorIds: string[] = []
      for (const [n, name] of shortPayloads.entries()) {
        const actor = await call<{ id: string }>('actors.create', {
          name: `Actor${n} ${name}`,
          aliases: shortPayloads.slice(0, 3),
          kind: 'threat-actor',
          description: xssText,
          tags: shortPayloads,
        })
        actorIds.push(actor.id)
      }
      const event = await call<{ id: string }>('events.create', {
        title: `Event ${shortPayloads[0]}`,
        occurred: { precision: 'day', start: '2024-03-04' },
        place: shortPayloads[1],
        description: xssText,
        tags: shortPayloads,
      })
      for (const source of sources) {
        const { text } = await call<{ text: string }>('sources.get', { id: source.id })
        const exact = text.slice(0, Math.min(40, text.length))
        const annotation = await call<{ id: string }>('annotations.create', {
          sourceId: source.id,
          quote: { exact, prefix: '', suffix: text.slice(exact.length, exact.length + 32) },
          position: { start: 0, end: exact.length },
          comment: xssText,
          tags: shortPayloads,
        })
        await call('annotations.link', { id: annotation.id, actorIds, eventIds: [event.id] })
      }
      await call('relations.create', {
        from: { kind: 'actor', id: actorIds[0] },
        to: { kind: 'event', id: event.id },
        type: shortPayloads[1]?.slice(0, 60),
        confidence: 'likely',
        note: xssText,
      })
      await call('relations.create', {
        from: { kind: 'actor', id: actorIds[0] },
        to: { kind: 'actor', id: actorIds[1] },
        type: shortPayloads[0]?.slice(0, 60),
        confidence: 'remote',
      })
      const markdown = sources.find((source) => source.title.includes('Markdownhostile'))
      const imported = await call<{ imported: number }>('annotations.import', {
        document: xssPayloads.slice(0, 8).map((payload) => ({
          type: 'Annotation',
          body: [
            { type: 'TextualBody', value: payload },
            { type: 'TextualBody', purpose: 'tagging', value: shortPayloads[0] },
          ],
          target: {
            source: `urn:sha256:${markdown?.originalSha256 ?? ''}`,
            selector: { type: 'TextQuoteSelector', exact: 'Markdownhostile line' },
          },
        })),
      })
      expect(imported.imported).toBeGreaterThan(0)
      await call('notes.import', {
        fileName: '<img src=x onerror=alert(90)>.md',
        text: hostileMarkdown('Notehostile'),
      })
      await call('notes.create', {
        title: `Doc note ${shortPayloads[2]}`,
        doc: {
          type: 'doc',
          content: [
            {
              type: 'paragraph',
              content: [
                {
                  type: 'text',
                  text: `Linked ${shortPayloads[0]}`,
                  marks: [
                    { type: 'link', attrs: { href: 'javascript:window.__xss=91;alert(91)' } },
                  ],
                },
                { type: 'text', text: ` ${xssPayloads[1]}` },
              ],
            },
          ],
        },
      }).catch((error: unknown) => expect(String(error)).toMatch(/invalid_input/))
      await call('briefs.save', { title: `Brief ${shortPayloads[2]}`, author: shortPayloads[0] })
      await call('searches.save', { name: `Search ${shortPayloads[1]}`, query: 'hostile' })
      // Something of each kind in the trash.
      await call('actors.delete', { id: actorIds[4] })
      const { annotations } = await call<{ annotations: Array<{ id: string }> }>(
        'annotations.list',
        {
          sourceId: sources[0]?.id,
        },
      )
      await call('annotations.delete', { id: annotations[0]?.id })
    })

    it('shows the corpus as text in every view: nothing runs, nothing is fetched', async () => {
      const { page } = app
      await page.goto(app.url)
      await page.getByTestId('source-item').nth(4).waitFor()
      await expectNothingRan(page, 'library list')

      for (let n = 0; n < 5; n++) {
        await page.getByTestId('source-item').nth(n).click()
        await expect.poll(() => page.getByTestId('reader').textContent()).toMatch(/hostile|onerror/)
        // The first source's one annotation was moved to the trash.
        if (n > 0) await page.getByTestId('inspector-item').first().waitFor()
        await expectNothingRan(page, `reader and inspector of source ${n}`)
      }
      expect(await page.getByTestId('reader').textContent()).toMatch(/<(img|script|svg) data-xss/)

      await page.getByTestId('open-search').click()
      await page.getByTestId('search-input').fill('onerror')
      await page.getByTestId('search-result').first().waitFor()
      await expectNothingRan(page, 'search results')

      await page.keyboard.press('Escape')
      await page.locator('body').click({ position: { x: 5, y: 5 } })
      await page.keyboard.press('Control+k')
      await page.getByTestId('palette-input').fill('onerror')
      await page.getByTestId('palette-hit').first().waitFor()
      await expectNothingRan(page, 'palette')
      await page.keyboard.press('Escape')

      await page.getByTestId('open-actors').click()
      await page.getByTestId('actor-item').first().click()
      await page.getByTestId('actor-page').waitFor()
      await page.getByTestId('linked-passage').first().waitFor()
      await expectNothingRan(page, 'actor page')

      await page.getByTestId('open-events').click()
      await page.getByTestId('event-item').first().click()
      await page.getByTestId('linked-passage').first().waitFor()
      await expectNothingRan(page, 'event page')

      await page.getByTestId('open-timeline').click()
      await page.getByTestId('timeline-event').first().waitFor()
      await expectNothingRan(page, 'timeline')

      await page.getByTestId('open-graph').click()
      await page.getByTestId('graph-node').first().waitFor()
      await expectNothingRan(page, 'relations graph')

      await page.getByTestId('open-notes').click()
      await page.getByTestId('note-item').nth(1).waitFor()
      const notes = await page.getByTestId('note-item').count()
      expect(notes).toBeGreaterThan(0)
      for (let n = 0; n < notes; n++) {
        await page.getByTestId('open-notes').click()
        await page.getByTestId('note-item').nth(n).click()
        await page.getByTestId('note-text').waitFor()
        await expectNothingRan(page, `note ${n}`)
        // Links are drawn inert (the address in data-href): neither may hold a script address.
        const scripted = 'a[href^="javascript" i], a[data-href^="javascript" i]'
        expect(await page.getByTestId('note-text').locator(scripted).count()).toBe(0)
      }

      await page.getByTestId('open-briefs').click()
      await page.getByTestId('brief-item').first().click()
      await page
        .getByTestId('brief-preview')
        .getByText('onerror', { exact: false })
        .first()
        .waitFor()
      await expectNothingRan(page, 'brief preview')

      await page.getByTestId('open-trash').click()
      await page.getByTestId('trash-item').nth(1).waitFor()
      await expectNothingRan(page, 'trash')

      const health = page.getByTestId('open-health')
      if ((await health.count()) > 0) {
        await health.click()
        await expectNothingRan(page, 'anchor health')
      }
    })
  },
)
