import { app, session, type WebContents, type WebFrameMain } from 'electron'

/**
 * Process-wide hardening: every web contents is sandboxed, may not navigate away, open windows or
 * attach webviews, and is granted no permission (camera, notifications, geolocation...).
 */
export function hardenApp(): void {
  app.enableSandbox()
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault())
    contents.on('will-frame-navigate', (event) => event.preventDefault())
    contents.on('will-redirect', (event) => event.preventDefault())
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
}

export function hardenSession(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  )
  session.defaultSession.setPermissionCheckHandler(() => false)
  // Nothing the app loads may reach the network: only its own files (and the dev server in development).
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const url = new URL(details.url)
    const local =
      url.protocol === 'file:' ||
      url.protocol === 'devtools:' ||
      (url.hostname === 'localhost' && !app.isPackaged)
    callback({ cancel: !local })
  })
}

/** The page's CSP as a header too: `frame-ancestors` only counts there. */
export function sendContentSecurityPolicy(policy: string): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] },
    })
  })
}

/** Only the app's own page, in its top frame, may call the API over IPC. */
export function isTrustedSender(frame: WebFrameMain | null, appUrl: string): boolean {
  if (!frame || frame.parent !== null) return false
  return (
    new URL(frame.url).origin === new URL(appUrl).origin &&
    frame.url.split(/[?#]/)[0] === appUrl.split(/[?#]/)[0]
  )
}
