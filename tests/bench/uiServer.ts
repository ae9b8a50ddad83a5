/**
 * Web mode for the ui-import phase (uiImport.ts): what `casefile serve` does, but serving the
 * renderer the phase has just built into its work folder, since the CLI serves `out/renderer`,
 * which may be older than the code being measured. Prints the URL (with its token) as its first
 * line, then serves until SIGTERM.
 *
 * Usage: node --import tsx tests/bench/uiServer.ts <library folder> <built renderer folder>
 */
import { createHandlers, Library, resourcesDir } from '../../electron/core'
import { startWebServer } from '../../electron/server'
import { reportCrash } from './child'

async function main(): Promise<void> {
  const [path, rendererDir] = process.argv.slice(2)
  if (!path || !rendererDir)
    throw new Error('usage: uiServer.ts <library folder> <built renderer folder>')
  const library = await Library.open(path)
  const server = await startWebServer({
    handlers: createHandlers(library, { resourcesDir }),
    events: library.events,
    rendererDir,
  })
  process.stdout.write(`${server.url}\n`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await server.close()
  await library.close()
}

main().then(() => process.exit(0), reportCrash)
