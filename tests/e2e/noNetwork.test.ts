import { expect, it } from 'vitest'
import { seedArticle } from '../support/corpora'
import { describeWebApp } from './support/describeWebApp'
import { ReaderPage } from './support/readerPage'

/**
 * Casefile makes no network request in normal use: through a whole session in web mode, every
 * request the browser makes (pages, workers, service workers, beacons) is for the app's own
 * origin. Requests for any other origin are routed to a recorder and aborted, so one would be
 * both seen and stopped.
 */

const passage = 'brought all government websites and the e-Albania portal down'

describeWebApp('no request leaves the app’s origin during a normal session', (app) => {
  it('imports, reads, highlights, searches, notes, names an actor and exports a brief, all on 127.0.0.1', async () => {
    const { page } = app()
    const context = page.context()
    const origin = new URL(app().url).origin
    const requests: string[] = []
    const left: string[] = []
    const serviceWorkers: string[] = []
    const sockets: string[] = []
    context.on('request', (request) => requests.push(request.url()))
    context.on('serviceworker', (worker) => serviceWorkers.push(worker.url()))
    page.on('websocket', (socket) => sockets.push(socket.url()))
    await context.route(
      (url) => url.origin !== origin,
      async (route) => {
        left.push(route.request().url())
        await route.abort('blockedbyclient')
      },
    )

    // From the first load, with every recorder in place.
    await page.reload()
    await page.getByTestId('welcome').waitFor()

    await page.getByTestId('import-input').setInputFiles(seedArticle)
    await page
      .getByTestId('source-item')
      .filter({ hasText: 'Iran Denies Albanian Cyberattack' })
      .click()
    await page.getByTestId('reader').getByText('The Iranian government denied').waitFor()

    const reader = new ReaderPage(page)
    await reader.highlight(passage, 'Scope of the outage')
    await page.getByTestId('inspector-item').filter({ hasText: 'Scope of the outage' }).waitFor()

    await page.getByTestId('search-input').fill('e-Albania')
    await page.getByTestId('search-result').first().waitFor()
    await page.getByTestId('search-input').fill('')

    await page.keyboard.press('Control+k')
    await page.getByTestId('palette-input').fill('note')
    await page.getByTestId('palette-command').first().waitFor()
    await page.keyboard.press('Escape')

    await page.getByTestId('open-notes').click()
    await page.getByTestId('new-note').click()
    await page.getByTestId('note-title').fill('Offline hypothesis')
    await expect
      .poll(() => page.getByTestId('save-status').getAttribute('data-state'))
      .toBe('saved')

    await page.getByTestId('open-actors').click()
    await page.getByTestId('new-actor-name').fill('Iran')
    await page.getByRole('button', { name: 'Add actor' }).click()
    await page.getByTestId('actor-page').waitFor()

    await page.getByTestId('open-briefs').click()
    await page.getByTestId('new-brief').click()
    await page.getByTestId('brief-composer').waitFor()
    await expect.poll(() => page.getByTestId('brief-preview').textContent()).toContain('#')
    const download = page.waitForEvent('download')
    await page.getByTestId('brief-export-markdown').click()
    await (await download).path()

    await page.getByTestId('open-timeline').click()
    await page.getByTestId('open-graph').click()
    await page.reload()
    await page.getByTestId('source-item').first().waitFor()

    // What the page itself refers to: no font, stylesheet, icon or preconnect elsewhere.
    const references = await page.evaluate(() => {
      const links = [...document.querySelectorAll('link[href]')].map(
        (link) => (link as HTMLLinkElement).href,
      )
      const cssUrls = [...document.styleSheets].flatMap((sheet) =>
        [...sheet.cssRules].flatMap((rule) =>
          [...rule.cssText.matchAll(/url\(["']?([^"')]+)/g)].map((match) => match[1] ?? ''),
        ),
      )
      const scripts = [...document.scripts].map((script) => script.src).filter(Boolean)
      return { links, cssUrls, scripts }
    })
    const elsewhere = (url: string) =>
      !/^(data|blob):/.test(url) && new URL(url, origin).origin !== origin
    expect(references.links.filter(elsewhere)).toEqual([])
    expect(references.cssUrls.filter(elsewhere)).toEqual([])
    expect(references.scripts.filter(elsewhere)).toEqual([])
    const workers = await page.evaluate(async () =>
      (await navigator.serviceWorker.getRegistrations()).map((registration) => registration.scope),
    )
    expect(workers).toEqual([])

    expect(requests.length).toBeGreaterThan(10) // the recorder saw the session
    expect(requests.filter(elsewhere)).toEqual([])
    expect(left).toEqual([])
    expect(serviceWorkers).toEqual([])
    expect(sockets).toEqual([])
    expect(app().foreignRequests).toEqual([])
  })
})
