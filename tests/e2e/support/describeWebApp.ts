import { afterAll, beforeAll, describe } from 'vitest'
import { corporaMissing, corporaPresent } from '../../support/corpora'
import { chromiumMissing, chromiumPresent, startWebApp, type WebApp } from './webApp'

/**
 * A suite run against one fresh web app in Chromium, with the seed corpora at hand; where Chromium
 * or the corpora are absent it is skipped with a message saying which. `app()` is the running app.
 */
export function describeWebApp(title: string, suite: (app: () => WebApp) => void): void {
  const missing = !chromiumPresent ? chromiumMissing : !corporaPresent ? corporaMissing : undefined
  describe.skipIf(missing !== undefined)(missing ?? title, () => {
    let running: WebApp | undefined
    beforeAll(async () => {
      running = await startWebApp()
    })
    afterAll(async () => running?.close())
    suite(() => {
      if (!running) throw new Error('The web app did not start')
      return running
    })
  })
}
