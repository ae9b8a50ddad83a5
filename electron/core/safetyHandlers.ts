import type { Library } from './library'

/** The handlers of `safetyMethods` (backups and recovery), spread into `createHandlers`. */
export function safetyHandlers(_library: Library) {
  return {}
}
