import type { Page, Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../../electron/core/contentSecurityPolicy'
import { chromiumMissing, chromiumPresent, startWebApp, type WebApp } from './support/webApp'

/**
 * The built renderer, served by web mode, in Chromium: its Content Security Policy stops every
 * remote load the page could attempt, inline script and eval. "Never leaves" is checked at the
 * network layer: every request the browser would send off the app's origin is routed to a
 * recorder (and aborted), so a blocked load is one the recorder never sees.
 */

type Violation = { directive: string; blocked: string }

/** Listens for CSP violations in the page, from now on. */
async function watchViolations(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: { directive: string; blocked: string }[] = []
    ;(window as unknown as { violations: typeof seen }).violations = seen
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push({ directive: event.effectiveDirective, blocked: event.blockedURI }),
    )
  })
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { violations: Violation[] }).violations)

/** Waits until a violation of `directive` has been reported (they arrive as a task). */
async function violationOf(page: Page, directive: string): Promise<Violation> {
  await expect
    .poll(async () => (await violations(page)).some((seen) => seen.directive === directive))
    .toBe(true)
  return (await violations(page)).find((seen) => seen.directive === directive)!
}

describe.skipIf(!chromiumPresent)(
  chromiumPresent ? 'the renderer’s CSP, in Chromium through web mode' : chromiumMissing,
  () => {
    let app: WebApp
    let origin: string
    /** Requests Chromium tried to send off the app's origin (routed here and aborted). */
    const left: string[] = []
    /** Every request event for another origin, with how it ended. */
    const foreign = new Map<string, string>()

    beforeAll(async () => {
      app = await startWebApp()
      origin = new URL(app.url).origin
      const context = app.page.context()
      await context.route(
        (url) => url.origin !== origin,
        async (route) => {
          left.push(route.request().url())
          await route.abort('blockedbyclient')
        },
      )
      const isForeign = (request: Request) =>
        !/^(data|blob):/.test(request.url()) && new URL(request.url()).origin !== origin
      context.on('request', (request) => {
        if (isForeign(request)) foreign.set(request.url(), 'sent')
      })
      context.on('requestfailed', (request) => {
        if (isForeign(request)) foreign.set(request.url(), request.failure()?.errorText ?? '')
      })
      await app.page.getByTestId('welcome').waitFor()
      await watchViolations(app.page)
    })
    afterAll(async () => app?.close())

    it('is sent as a header with the page, and is the shared policy', async () => {
      const header = await app.page.evaluate(async () =>
        (await fetch('/', { cache: 'no-store' })).headers.get('content-security-policy'),
      )
      expect(header).toBe(contentSecurityPolicy)
    })

    it('blocks a fetch to a remote origin', async () => {
      const outcome = await app.page.evaluate(() =>
        fetch('https://example.com/fetched').then(
          () => 'answered',
          (error: Error) => error.name,
        ),
      )
      expect(outcome).toBe('TypeError')
      expect(await violationOf(app.page, 'connect-src')).toEqual({
        directive: 'connect-src',
        blocked: 'https://example.com/fetched',
      })
    })

    it('blocks a remote image', async () => {
      const outcome = await app.page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            const image = document.createElement('img')
            image.onload = () => resolve('loaded')
            image.onerror = () => resolve('refused')
            image.src = 'https://example.com/pixel.png'
            document.body.append(image)
          }),
      )
      expect(outcome).toBe('refused')
      expect((await violationOf(app.page, 'img-src')).blocked).toBe('https://example.com/pixel.png')
    })

    it('blocks a remote script', async () => {
      const outcome = await app.page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            const script = document.createElement('script')
            script.onload = () => resolve('loaded')
            script.onerror = () => resolve('refused')
            script.src = 'https://example.com/remote.js'
            document.head.append(script)
          }),
      )
      expect(outcome).toBe('refused')
      expect((await violationOf(app.page, 'script-src-elem')).blocked).toBe(
        'https://example.com/remote.js',
      )
    })

    it('blocks a remote stylesheet, frame and WebSocket', async () => {
      await app.page.evaluate(() => {
        const link = document.createElement('link')
        link.rel = 'stylesheet'
        link.href = 'https://example.com/remote.css'
        document.head.append(link)
        const frame = document.createElement('iframe')
        frame.src = 'https://example.com/framed'
        document.body.append(frame)
        try {
          new WebSocket('wss://example.com/socket').close()
        } catch {
          // Refused at once: the violation below is what counts.
        }
      })
      expect((await violationOf(app.page, 'style-src-elem')).blocked).toBe(
        'https://example.com/remote.css',
      )
      // A cross-origin frame's report names its origin only.
      expect((await violationOf(app.page, 'frame-src')).blocked).toBe('https://example.com')
      await expect
        .poll(async () => (await violations(app.page)).map((seen) => seen.blocked))
        .toContain('wss://example.com/socket')
    })

    it('does not run an inline script or an inline event handler put in the DOM', async () => {
      const ran = await app.page.evaluate(async () => {
        const flags = window as unknown as { inlineRan?: boolean; handlerRan?: boolean }
        const script = document.createElement('script')
        script.textContent = 'window.inlineRan = true'
        document.body.append(script)
        const image = document.createElement('img')
        image.setAttribute('onerror', 'window.handlerRan = true')
        image.src = 'data:,not-an-image'
        document.body.append(image)
        await new Promise((resolve) => setTimeout(resolve, 300))
        return { inline: flags.inlineRan === true, handler: flags.handlerRan === true }
      })
      expect(ran).toEqual({ inline: false, handler: false })
      expect((await violationOf(app.page, 'script-src-elem')).directive).toBe('script-src-elem')
      expect((await violationOf(app.page, 'script-src-attr')).blocked).toBe('inline')
      expect((await violations(app.page)).some((seen) => seen.blocked === 'inline')).toBe(true)
    })

    it('refuses eval and the Function constructor', async () => {
      // From a task of the page's own, not the evaluation's stack: DevTools allows eval in that.
      const outcome = await app.page.evaluate(
        () =>
          new Promise<Record<string, string>>((resolve) =>
            setTimeout(() => {
              const attempt = (run: () => unknown) => {
                try {
                  run()
                  return 'ran'
                } catch (error) {
                  return (error as Error).name
                }
              }
              // Indirect, so the bundler and the linter see no direct eval here.
              const evaluate = globalThis.eval
              resolve({
                eval: attempt(() => evaluate('1')),
                // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- the attempt under test
                function: attempt(() => new Function('return 1')()),
                // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the attempt under test
                timer: attempt(() => setTimeout('window.timerRan = true', 0)),
              })
            }, 0),
          ),
      )
      expect(outcome.eval).toBe('EvalError')
      expect(outcome.function).toBe('EvalError')
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(await app.page.evaluate(() => 'timerRan' in window)).toBe(false)
      expect((await violations(app.page)).some((seen) => seen.blocked === 'eval')).toBe(true)
    })

    it('let nothing leave for another origin', () => {
      expect(left).toEqual([])
      expect(app.foreignRequests.filter((url) => !foreign.has(url))).toEqual([])
      // Chromium may report a refused load as a request; each one failed, none was sent.
      for (const [url, ending] of foreign) expect(ending, url).not.toBe('sent')
    })

    it('would have seen a remote request from a page without the policy (the recorder works)', async () => {
      const bare = await app.page.context().newPage()
      await bare.goto('about:blank')
      await bare.evaluate(() => fetch('https://example.com/control').catch(() => undefined))
      await expect.poll(() => left).toContain('https://example.com/control')
      left.splice(left.indexOf('https://example.com/control'), 1)
      await bare.close()
    })
  },
)
