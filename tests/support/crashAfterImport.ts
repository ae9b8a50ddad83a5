// Child process for crash tests: opens a library, imports one text, then dies at once (SIGKILL),
// with no close(): the lock file, the index manifest and any pending work stay as a crash leaves them.
import { Library } from '../../electron/core'

const [path, fileName, text] = process.argv.slice(2)
const library = await Library.open(path ?? '', { indexPersistDelayMs: 60_000 })
const { source } = await library.importFile(
  fileName ?? 'crash.txt',
  new TextEncoder().encode(text ?? ''),
)
process.stdout.write(`${source.id}\n`)
process.kill(process.pid, 'SIGKILL')
