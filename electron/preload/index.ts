import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { eventNames, methodNames } from '../../shared/api/methodNames'

// The renderer's only door to the Node side: `call` for the contract's methods, `on` for its events.
const methods = new Set<string>(methodNames)
const events = new Set<string>(eventNames)

contextBridge.exposeInMainWorld('casefile', {
  call(method: string, input: unknown): Promise<unknown> {
    if (!methods.has(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_method', message: `There is no method called "${method}".` },
      })
    }
    return ipcRenderer.invoke('casefile:call', method, input)
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!events.has(event)) return () => undefined
    const forward = (_event: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload)
    }
    ipcRenderer.on('casefile:event', forward)
    return () => ipcRenderer.removeListener('casefile:event', forward)
  },
})
