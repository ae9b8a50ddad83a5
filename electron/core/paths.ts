import { homedir } from 'node:os'
import { join } from 'node:path'

export const appName = 'Casefile'

/**
 * The per-user data folder the desktop app uses (Electron's `userData`), computed without
 * Electron so the CLI and web mode open the same library by default.
 */
export function userDataPath(
  platform: NodeJS.Platform = process.platform,
  env = process.env,
): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appName)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', appName)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), appName)
}

/** `--library`, else `CASEFILE_LIBRARY`, else the library inside the per-user data folder. */
export function defaultLibraryPath(env = process.env): string {
  return env.CASEFILE_LIBRARY && env.CASEFILE_LIBRARY !== ''
    ? env.CASEFILE_LIBRARY
    : join(userDataPath(), 'library')
}

/** Where each part of a library lives (see design.md, "Storage"). */
export function libraryLayout(root: string) {
  return {
    root,
    catalog: join(root, 'casefile.json'),
    trash: join(root, 'trash.json'),
    annotations: join(root, 'annotations'),
    notes: join(root, 'notes'),
    bodies: join(root, 'bodies'),
    originals: join(root, 'originals'),
    index: join(root, 'index'),
    backups: join(root, 'backups'),
  }
}
export type LibraryLayout = ReturnType<typeof libraryLayout>
