import type { Library } from './library'

/** The handlers of `safetyMethods` (backups and recovery), spread into `createHandlers`. */
export function safetyHandlers(library: Library) {
  return {
    'library.health': async () => library.health(),
    'library.restoreBackup': async ({ file }: { file: Parameters<Library['restoreBackup']>[0] }) =>
      library.restoreBackup(file),
  }
}
