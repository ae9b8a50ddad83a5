import { createClient, type Client } from '../../../shared/rpc'
import { createHttpTransport } from './httpTransport'
import { createIpcTransport, type PreloadBridge } from './ipcTransport'

declare global {
  interface Window {
    casefile?: PreloadBridge
  }
}

const tokenKey = 'casefile.token'

/** Web mode passes the per-run token once in the URL; keep it for this tab and hide it. */
function takeToken(): string {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    window.sessionStorage.setItem(tokenKey, fromUrl)
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  return window.sessionStorage.getItem(tokenKey) ?? ''
}

/** IPC when the desktop preload is there, HTTP to the loopback server otherwise. */
export function connect(): Client {
  if (window.casefile) return createClient(createIpcTransport(window.casefile))
  return createClient(createHttpTransport(window.location.origin, takeToken()))
}
