import { readFile } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

export type StaticFile = { body: Buffer; contentType: string }

/**
 * A file of the built renderer, never one outside its folder and never a folder's listing (a
 * folder has no known extension); `/` is `index.html`.
 */
export async function readStaticFile(
  root: string,
  urlPath: string,
): Promise<StaticFile | undefined> {
  let relative: string
  try {
    relative = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  if (relative.includes('\0')) return undefined
  if (relative === '/' || relative === '') relative = '/index.html'
  const folder = resolve(root)
  const path = resolve(join(folder, relative))
  if (!path.startsWith(folder + sep)) return undefined
  const contentType = contentTypes[extname(path)]
  if (!contentType) return undefined
  try {
    return { body: await readFile(path), contentType }
  } catch {
    return undefined
  }
}
