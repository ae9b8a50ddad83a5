import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { _electron as electron } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { PreloadBridge } from '../../renderer/src/api/ipcTransport'
import { makeTempDir } from '../support/makeLibrary'

type DesktopWindow = { casefile?: PreloadBridge; require?: unknown; process?: unknown }

const root = fileURLToPath(new URL('../..', import.meta.url))

/** The Electron binary, if `install-electron` (or a first `npm start`) has fetched it. */
function electronBinary(): string | undefined {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt')
  if (!existsSync(pathFile)) return undefined
  const binary = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8'))
  return existsSync(binary) ? binary : undefined
}

const binary = electronBinary()
const builtMain = existsSync(join(root, 'out', 'main', 'index.js'))

describe.skipIf(!binary || !builtMain)(
  binary
    ? builtMain
      ? 'the desktop shell'
      : 'skipped: the app is not built (run `npm run build`)'
    : 'skipped: the Electron binary is not installed on this machine (it cannot be downloaded here; `npx install-electron` fetches it where there is internet)',
  () => {
    it('opens a sandboxed window whose page reaches the API only through the preload', async () => {
      const dir = await makeTempDir()
      const app = await electron.launch({
        executablePath: binary ?? '',
        args: [root],
        env: { ...process.env, CASEFILE_LIBRARY: dir.path },
      })
      try {
        const page = await app.firstWindow()
        await page.getByTestId('welcome').waitFor()
        const bridge = await page.evaluate(() => ({
          keys: Object.keys((window as DesktopWindow).casefile ?? {}).sort(),
          nodeRequire: typeof (window as DesktopWindow).require,
          nodeProcess: typeof (window as DesktopWindow).process,
        }))
        expect(bridge).toEqual({
          keys: ['call', 'on'],
          nodeRequire: 'undefined',
          nodeProcess: 'undefined',
        })
        const info = await page.evaluate(() =>
          (window as DesktopWindow).casefile?.call('library.info', {}),
        )
        expect(info).toMatchObject({ ok: true, result: { path: dir.path } })
        const refused = await page.evaluate(() =>
          (window as DesktopWindow).casefile?.call('fs.readFile', { path: '/etc/passwd' }),
        )
        expect(refused).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
      } finally {
        await app.close()
        await dir.remove()
      }
    })
  },
)
