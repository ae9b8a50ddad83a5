import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir } from '../support/makeLibrary'
import { chromiumMissing, chromiumPresent, startWebApp, type WebApp } from './support/webApp'

/**
 * Links in notes are inert (issue #9): a note imported from untrusted Markdown keeps its web and
 * mail links as links, but no gesture on one navigates, opens a tab or a window, downloads, or
 * makes a request, in the editor or in a read-only rendering of the note's markup. The address
 * stays readable, and the toolbar copies it.
 */

const links = [
  { words: 'HTTPS report', href: 'https://example.com/report' },
  { words: 'HTTP mirror', href: 'http://example.org/mirror' },
  { words: 'mail the analyst', href: 'mailto:analyst@example.com' },
]

const markdown = [
  '# Link handling',
  '',
  `The vendor's [${links[0]!.words}](${links[0]!.href}), its [${links[1]!.words}](${links[1]!.href})`,
  `and [${links[2]!.words}](${links[2]!.href}).`,
  '',
  'Hostile: [run me](javascript:window.__opened=1) and [show me](data:text/html,<b>x</b>).',
  '',
].join('\n')

type Gesture = { name: string; run: (target: Locator) => Promise<void> }

const gestures: Gesture[] = [
  { name: 'click', run: (target) => target.click() },
  { name: 'middle-click', run: (target) => target.click({ button: 'middle' }) },
  { name: 'Ctrl+click', run: (target) => target.click({ modifiers: ['Control'] }) },
  { name: 'Shift+click', run: (target) => target.click({ modifiers: ['Shift'] }) },
  { name: 'Meta+click', run: (target) => target.click({ modifiers: ['Meta'] }) },
  { name: 'Alt+click', run: (target) => target.click({ modifiers: ['Alt'] }) },
  { name: 'Ctrl+Shift+click', run: (target) => target.click({ modifiers: ['Control', 'Shift'] }) },
]

/** Drags `target` by mouse onto `onto` (Chromium runs a real drag and drop). */
async function dragOnto(page: Page, target: Locator, onto: Locator): Promise<void> {
  const from = await target.boundingBox()
  const to = await onto.boundingBox()
  if (!from || !to) throw new Error('Nothing to drag, or nowhere to drop it')
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
  await page.mouse.down()
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 6, { steps: 3 })
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 6 })
  await page.mouse.up()
}

describe.skipIf(!chromiumPresent)(
  chromiumPresent ? 'links in notes are inert, in Chromium through web mode' : chromiumMissing,
  () => {
    let app: WebApp
    let files: { path: string; remove(): Promise<void> }
    let origin: string
    /** Everything that shows a link was followed: pages, navigations, downloads, requests. */
    const trail: string[] = []

    /** A contract call over the app's own HTTP API, as the page makes it. */
    async function call<T>(method: string, input: unknown): Promise<T> {
      const url = new URL(app.url)
      const response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${url.searchParams.get('token') ?? ''}`,
        },
        body: JSON.stringify(input),
      })
      const answer = (await response.json()) as { result?: T } & T
      if (!response.ok) throw new Error(`${method}: ${JSON.stringify(answer)}`)
      return answer.result ?? answer
    }

    /** Runs one gesture and says what it set off, if anything. */
    async function whatFollows(where: string, run: () => Promise<void>): Promise<string[]> {
      const page = app.page
      const url = page.url()
      const before = trail.length
      await run()
      // A followed link shows within a few frames; give it more than enough.
      await page.waitForTimeout(500)
      const seen = trail.slice(before)
      if (page.url() !== url) seen.push(`the page is now ${page.url()}`)
      for (const extra of page.context().pages().slice(1)) await extra.close()
      return seen.map((what) => `${where}: ${what}`)
    }

    beforeAll(async () => {
      app = await startWebApp()
      files = await makeTempDir()
      origin = new URL(app.url).origin
      const context = app.page.context()
      context.on('page', (opened) => trail.push(`a page opened (${opened.url() || 'blank'})`))
      context.on('request', (request) => {
        const url = request.url()
        if (!url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url))
          trail.push(`a request for ${url}`)
      })
      app.page.on('framenavigated', (frame) => {
        if (frame === app.page.mainFrame()) trail.push(`the page navigated to ${frame.url()}`)
      })
      app.page.on('download', (download) => trail.push(`a download of ${download.url()}`))
      // Anything for another origin is seen above, then stopped here.
      await context.route(
        (url) => url.origin !== origin,
        (route) => route.abort('blockedbyclient'),
      )
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin })
      await app.page.reload()
      await app.page.getByTestId('welcome').waitFor()
      trail.length = 0

      const file = join(files.path, 'link handling.md')
      await writeFile(file, markdown)
      await app.page.getByTestId('open-notes').click()
      await app.page.getByTestId('import-note-input').setInputFiles(file)
      await app.page.getByTestId('note-text').getByText(links[0]!.words).waitFor()
    })
    afterAll(async () => {
      await app?.close()
      await files?.remove()
    })

    it('keeps http, https and mailto links as links and drops javascript: and data: ones', async () => {
      const text = app.page.getByTestId('note-text')
      const drawn = await text.locator('a').evaluateAll((anchors) =>
        anchors.map((anchor) => ({
          words: anchor.textContent,
          address: anchor.getAttribute('data-href') ?? anchor.getAttribute('href'),
        })),
      )
      expect(drawn).toEqual(links.map(({ words, href }) => ({ words, address: href })))
      expect(await text.textContent()).toContain('Hostile: run me and show me.')

      const { notes } = await call<{ notes: Array<{ id: string }> }>('notes.list', {})
      const { markdown: exported } = await call<{ markdown: string }>('notes.export', {
        id: notes[0]!.id,
      })
      for (const { words, href } of links) expect(exported).toContain(`[${words}](${href})`)
      expect(exported).toContain('Hostile: run me and show me.')
    })

    it('draws each link as an anchor with no address to follow, its address in its tooltip', async () => {
      const anchors = await app.page
        .getByTestId('note-text')
        .locator('a')
        .evaluateAll((found) =>
          found.map((anchor) => ({
            href: anchor.getAttribute('href'),
            target: anchor.getAttribute('target'),
            rel: anchor.getAttribute('rel'),
            referrerpolicy: anchor.getAttribute('referrerpolicy'),
            title: anchor.getAttribute('title'),
          })),
        )
      expect(anchors).toHaveLength(links.length)
      anchors.forEach((anchor, index) => {
        expect(anchor.href, links[index]!.href).toBeNull()
        expect(anchor.target).toBeNull()
        expect(anchor.rel).toBe('noopener noreferrer nofollow')
        expect(anchor.referrerpolicy).toBe('no-referrer')
        expect(anchor.title).toContain(links[index]!.href)
        expect(anchor.title).toMatch(/copy the address/i)
      })
    })

    it('no click, middle-click or modified click on a link in the editor leaves the page, opens one or makes a request', async () => {
      const text = app.page.getByTestId('note-text')
      const written = await text.textContent()
      const seen: string[] = []
      for (const { words } of links)
        for (const gesture of gestures)
          seen.push(
            ...(await whatFollows(`${gesture.name} on “${words}” in the editor`, () =>
              gesture.run(text.getByText(words)),
            )),
          )
      expect(seen).toEqual([])
      // Nor did any of them change the note (a middle-click on Linux pastes).
      expect(await text.textContent()).toBe(written)
    })

    it('dragging a link out of the editor onto the page follows nothing', async () => {
      const page = app.page
      const text = page.getByTestId('note-text')
      const seen: string[] = []
      for (const { words } of links) {
        const link = text.getByText(words)
        await link.selectText()
        seen.push(
          ...(await whatFollows(`dragging “${words}” onto the navigator`, () =>
            dragOnto(page, link, page.getByTestId('open-notes')),
          )),
        )
      }
      expect(seen).toEqual([])
    })

    it('shows the address of the link at the caret and copies it from the keyboard', async () => {
      const page = app.page
      const text = page.getByTestId('note-text')
      const before = trail.length
      for (const { words, href } of links) {
        await text.getByText(words).click()
        await expect
          .poll(() => page.getByTestId('link-address').textContent({ timeout: 2000 }))
          .toBe(href)
        // From the text, Shift+Tab reaches the toolbar's last button: Copy link address.
        await page.keyboard.press('Shift+Tab')
        expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
          'copy-link-address',
        )
        await page.keyboard.press('Enter')
        await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(href)
        await expect
          .poll(() => page.getByTestId('status').textContent())
          .toContain(`Copied ${href}. Paste it into your browser to open it`)
      }
      expect(trail.slice(before)).toEqual([])
    })

    it('an address typed into the note becomes a link, drawn as inert as the others', async () => {
      const text = app.page.getByTestId('note-text')
      await text.getByText('Hostile:').click()
      await app.page.keyboard.press('End')
      await app.page.keyboard.type(' Typed: https://example.net/typed and more.')
      const typed = text.getByText('https://example.net/typed')
      await typed.waitFor()
      expect(await typed.evaluate((element) => element.closest('a')?.outerHTML)).toMatch(
        /^<a class="note-link" data-href="https:\/\/example\.net\/typed"[^>]*>/,
      )
      expect(await text.locator('a[href]').count()).toBe(0)
    })

    // Last but one: a middle-click outside editable text pastes, which imports the X selection.
    it('the same markup, outside the editor (a read-only rendering), follows no gesture either', async () => {
      const page = app.page
      // What a read-only view of the note would show: the editor's own markup, not editable.
      await page.getByTestId('note-text').evaluate((editor) => {
        const copy = document.createElement('section')
        copy.dataset.testid = 'read-only-note'
        copy.className = 'note-editor__text'
        copy.innerHTML = editor.innerHTML
        copy.style.cssText =
          'position:fixed;right:0;bottom:60px;width:640px;z-index:100;background:#fff'
        document.body.append(copy)
      })
      const copy = page.getByTestId('read-only-note')
      expect(await copy.evaluate((element) => (element as HTMLElement).isContentEditable)).toBe(
        false,
      )
      const seen: string[] = []
      for (const { words } of links) {
        for (const gesture of gestures)
          seen.push(
            ...(await whatFollows(`${gesture.name} on “${words}”, read-only`, () =>
              gesture.run(copy.getByText(words)),
            )),
          )
        seen.push(
          ...(await whatFollows(`dragging “${words}”, read-only, onto the navigator`, () =>
            dragOnto(page, copy.getByText(words), page.getByTestId('open-notes')),
          )),
        )
      }
      expect(seen).toEqual([])
    })

    it('nothing left the app’s origin in the whole session', () => {
      expect(trail.filter((what) => what.startsWith('a request'))).toEqual([])
      expect(app.foreignRequests).toEqual([])
    })
  },
)
