import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain } from 'electron'
import { toApiError } from '../../shared/api'
import { createDispatcher } from '../../shared/rpc'
import {
  appName,
  createHandlers,
  defaultLibraryPath,
  Library,
  resourcesDir,
  userDataPath,
} from '../core'
import { contentSecurityPolicy } from '../core/contentSecurityPolicy'
import { hardenApp, hardenSession, isTrustedSender, sendContentSecurityPolicy } from './security'

const here = fileURLToPath(new URL('.', import.meta.url))
const rendererUrl =
  process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(here, '../renderer/index.html')).href

app.setName(appName)
// The CLI and web mode compute this same folder without Electron: keep them in step.
app.setPath('userData', userDataPath())
hardenApp()

let library: Library | undefined

async function start(): Promise<void> {
  await app.whenReady()
  hardenSession()
  sendContentSecurityPolicy(contentSecurityPolicy)
  try {
    library = await Library.open(defaultLibraryPath())
  } catch (error) {
    dialog.showErrorBox('Casefile cannot open its library', toApiError(error).message)
    app.exit(1)
    return
  }
  const dispatch = createDispatcher(
    createHandlers(library, {
      resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : resourcesDir,
    }),
  )
  ipcMain.handle('casefile:call', (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame, rendererUrl)) {
      return {
        ok: false,
        error: { code: 'invalid_input', message: 'This page may not use the Casefile API.' },
      }
    }
    return dispatch(String(method), input)
  })
  createWindow(library)
}

function createWindow(open: Library): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: appName,
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // A middle-click on a link would otherwise ask for a new window (refused anyway, see security.ts).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  })
  window.once('ready-to-show', () => window.show())
  const unsubscribe = open.events.subscribe((name, payload) =>
    window.webContents.send('casefile:event', name, payload),
  )
  window.on('closed', unsubscribe)
  void window.loadURL(rendererUrl)
  return window
}

/**
 * Closes every window and waits until each is gone. A window that closes runs its page's
 * `beforeunload`, where a note with unsaved typing sends its last save; that call reaches the
 * core before the window counts as closed, so the library closes after it, not before.
 */
function closeWindows(): Promise<void> {
  const closed = BrowserWindow.getAllWindows().map(
    (window) =>
      new Promise<void>((resolve) => {
        window.once('closed', () => resolve())
        window.close()
      }),
  )
  return Promise.all(closed).then(() => undefined)
}

let closing = false
app.on('before-quit', (event) => {
  if (closing || !library) return
  event.preventDefault()
  closing = true
  const open = library
  void closeWindows()
    .then(() => open.close())
    .finally(() => app.quit())
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0 && library) createWindow(library)
})

void start()
