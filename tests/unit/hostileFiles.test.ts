import { mkdir, open, readdir, symlink, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createHandlers,
  importPaths,
  Library,
  resourcesDir,
  type PathImportResult,
} from '../../electron/core'
import { maxImportBytes, type MethodName } from '../../shared/api'
import type { Source } from '../../shared/model'
import { createDispatcher, type CallResult } from '../../shared/rpc'
import { makeTempDir } from '../support/makeLibrary'

/**
 * Hostile file names and huge files: a name is only ever data (never a path the core writes or
 * reads), a file over the limit is refused by its size before it is read, and big inputs import
 * in bounded memory. `CASEFILE_HUGE_FOLDER=100000` runs the folder test at the full size
 * (about 15 minutes on a busy 2-core machine); `npm test` uses 3,000.
 */
const folderFiles = Number(process.env.CASEFILE_HUGE_FOLDER ?? 3_000)
const megabyte = 1024 * 1024

let dir: { path: string; remove(): Promise<void> }
let libraryPath: string
let library: Library
let dispatch: (method: string, input: unknown) => Promise<CallResult>

beforeAll(async () => {
  dir = await makeTempDir()
  libraryPath = join(dir.path, 'library')
  library = await Library.open(libraryPath, { indexPersistDelayMs: 60_000 })
  dispatch = createDispatcher(createHandlers(library, { resourcesDir }))
})

afterAll(async () => {
  await library?.close()
  await dir?.remove()
}, 300_000)

async function call(method: MethodName, input: unknown): Promise<CallResult> {
  return dispatch(method, input)
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
}

/** Every file the library wrote is one of its own, named by a hash or by the store. */
async function expectOnlyLibraryFiles(): Promise<void> {
  expect(await readdir(dir.path)).toEqual(['library'])
  for (const file of await filesUnder(libraryPath)) {
    expect(file).not.toMatch(/\.\.|[\u0000-\u001f]/)
    if (file.startsWith('originals/')) expect(file).toMatch(/^originals\/[0-9a-f]{64}\.[a-z0-9]+$/)
    if (file.startsWith('bodies/'))
      expect(file).toMatch(/^bodies\/[0-9a-f]{64}\.(txt|blocks\.json)$/)
  }
}

const hostileNames = [
  '../../../../etc/passwd.txt',
  '..\\..\\..\\Windows\\win.ini.txt',
  '/etc/shadow.md',
  'C:\\Users\\victim\\report.html',
  'report\u0000.exe.txt',
  '\u001b[31mred\u001b[0m\r\n.txt',
  '\u202egnp.txt',
  '.txt',
  `${'a'.repeat(1000)}.txt`,
]

describe('file names are data, never paths', () => {
  it.each(hostileNames)('sources.import stores %j as a bare, clean name', async (fileName) => {
    const answer = await call('sources.import', {
      fileName,
      text: `Body of ${fileName.length}\n\nText ${Math.random()}`,
    })
    if (!answer.ok) {
      expect(answer.error.code).not.toBe('internal')
      return
    }
    const { source } = answer.result as { source: { origin: { fileName: string }; title: string } }
    expect(source.origin.fileName).not.toMatch(/[\\/\u0000-\u001f\u007f-\u009f]/)
    expect(source.origin.fileName.length).toBeGreaterThan(0)
    await expectOnlyLibraryFiles()
  })

  it('refuses a 10,000-character name with a typed error naming the field', async () => {
    const answer = await call('sources.import', {
      fileName: `${'n'.repeat(10_000)}.txt`,
      text: 'x',
    })
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(!answer.ok && answer.error.message).toMatch(/fileName/)
  })

  it('stores a name that is only folders as "unnamed", a plain text', async () => {
    for (const [n, fileName] of ['../', '/', '..\\..\\', '\u0000'].entries()) {
      const answer = await call('sources.import', { fileName, text: `Nameless ${n}\n\nText.` })
      expect(answer).toMatchObject({
        ok: true,
        result: { source: { origin: { fileName: 'unnamed' } } },
      })
    }
    await expectOnlyLibraryFiles()
  })

  it.each(hostileNames)('notes.import takes %j as a title only', async (fileName) => {
    const answer = await call('notes.import', { fileName, text: 'No heading, just words.' })
    expect(answer.ok).toBe(true)
    const note = (answer as { result: { title: string } }).result
    expect(note.title).not.toMatch(/[\\/]/)
    expect(note.title).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/)
    const exported = await call('notes.export', {
      id: (answer as { result: { id: string } }).result.id,
    })
    const name = (exported as { result: { fileName: string } }).result.fileName
    expect(name).toMatch(/^[a-z0-9-]+\.md$/)
    await expectOnlyLibraryFiles()
  })

  it('names exported briefs after a hostile title without any folder in the name', async () => {
    for (const title of ['../../../etc/cron.d/evil', '..\\..\\x', '/abs/path', 'a\u0000b']) {
      for (const method of ['briefs.export', 'briefs.exportStix', 'briefs.preview'] as const) {
        const answer = await call(method, { draft: { title } })
        expect(answer.ok).toBe(true)
        const { fileName } = (answer as { result: { fileName: string } }).result
        expect(fileName).toMatch(/^[\p{L}\p{N}-]+-\d{4}-\d{2}-\d{2}\.(md|stix\.json)$/u)
      }
    }
  })

  it('matches imported annotations by hash or URL only, never by reading a path they name', async () => {
    const targets = [
      'file:///etc/passwd',
      '../../../etc/passwd',
      '/etc/passwd',
      'urn:sha256:../../x',
    ]
    const answer = await call('annotations.import', {
      document: targets.map((source) => ({
        type: 'Annotation',
        body: { type: 'TextualBody', value: 'c' },
        target: { source, selector: { type: 'TextQuoteSelector', exact: 'root' } },
      })),
    })
    expect(answer.ok).toBe(true)
    const result = (answer as { result: { imported: number; skipped: unknown[] } }).result
    expect(result.imported).toBe(0)
    expect(result.skipped).toHaveLength(targets.length)
  })

  it('verifies a brief citing hostile paths as orphaned citations', async () => {
    const markdown = [
      '# Brief',
      '',
      'Text.[^1]',
      '',
      '[^1]: “root:x:0:0” — *../../../../etc/passwd*, `/etc/passwd`, paragraph 1; sha256 `../../../..`',
    ].join('\n')
    const answer = await call('briefs.verify', { markdown })
    expect(answer.ok, JSON.stringify(answer)).toBe(true)
  })

  it('imports a folder without following links out of it or choking on odd names', async () => {
    const outside = join(dir.path, 'outside.txt')
    await writeFile(outside, 'A secret that lives outside the folder.')
    const folder = join(dir.path, 'odd')
    await mkdir(folder)
    await writeFile(join(folder, 'line\nbreak.txt'), 'A file whose name has a line break.')
    await writeFile(join(folder, '\u001b[2Jclear.txt'), 'A file whose name clears a terminal.')
    await writeFile(join(folder, `${'b'.repeat(240)}.txt`), 'A file with a long name.')
    await symlink(outside, join(folder, 'link.txt'))
    await symlink(folder, join(folder, 'loop'))
    const results: PathImportResult[] = []
    for await (const result of importPaths(library, [folder])) results.push(result)
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported'])
    expect(results.some((r) => r.file.endsWith('link.txt'))).toBe(false)
    const names = library.listSources().map((source) => source.origin.fileName)
    expect(names).toContain('linebreak.txt')
    expect(names).toContain('[2Jclear.txt')
    await rmOutside(outside, folder)
  })
})

async function rmOutside(...paths: string[]): Promise<void> {
  const { rm } = await import('node:fs/promises')
  for (const path of paths) await rm(path, { recursive: true, force: true })
}

function rssMegabytes(): number {
  return Math.round(process.memoryUsage().rss / megabyte)
}

describe('what a file says about itself is bounded', () => {
  async function imported(fileName: string, text: string) {
    const answer = await call('sources.import', { fileName, text })
    if (!answer.ok) throw new Error(`${fileName}: ${answer.error.message}`)
    const { source } = answer.result as { source: Source }
    const got = await call('sources.get', { id: source.id })
    return { source, text: got.ok ? (got.result as { text: string }).text : '' }
  }

  it('keeps a first line or heading too long for a title in the text, titled by the file', async () => {
    const line = `Opening ${'words of a long first line '.repeat(100)}end.`
    for (const [fileName, text] of [
      ['long-line.txt', `${line}\n\nThe second paragraph of the text.`],
      ['long-heading.md', `# ${line}\n\nThe second paragraph of the Markdown.`],
    ] as const) {
      const { source, text: canonical } = await imported(fileName, text)
      expect(source.title).toBe(fileName.replace(/\.\w+$/, ''))
      expect(canonical).toContain(line)
      expect(canonical).toContain('The second paragraph of the')
    }
  })

  it('cuts a page’s title, byline and excerpt, drops a huge URL, and keeps a long heading', async () => {
    const long = 'Harbour gate outage statement '.repeat(400)
    const page = [
      `<html><head><title>${long}</title>`,
      `<meta name="description" content="${'An excerpt that goes on. '.repeat(4000)}">`,
      `<link rel="canonical" href="https://example.org/${'a'.repeat(5000)}">`,
      `<meta name="author" content="${'Reporter '.repeat(1000)}"></head>`,
      `<body><article><h1>${long}</h1><p>${'The port said the gates were shut. '.repeat(20)}</p>`,
      '</article></body></html>',
    ].join('')
    const { source, text } = await imported('long-title.html', page)
    expect(source.title.length).toBeLessThanOrEqual(300)
    expect(source.title).toMatch(/^Harbour gate outage statement .*\w…$/)
    expect(source.details?.excerpt?.length).toBeLessThanOrEqual(300)
    expect(source.authors.every((author) => author.length <= 300)).toBe(true)
    expect(source.origin.url).toBeNull()
    expect(JSON.stringify(source).length).toBeLessThan(3000)
    // The title cut short stays whole in the text: nothing of the page is lost.
    expect(text).toContain(long.trim())
  })

  it('keeps front matter tags the user could have typed: at most 100, of 100 characters', async () => {
    const tags = Array.from({ length: 500 }, (_, n) => `tag-${n}-${'x'.repeat(n % 2 ? 10 : 300)}`)
    const { source } = await imported(
      'tagged.md',
      `---\ntitle: Tagged\ntags: [${tags.join(', ')}]\n---\n\nBody text.`,
    )
    expect(source.tags).toHaveLength(100)
    expect(source.tags.every((tag) => tag.length >= 1 && tag.length <= 100)).toBe(true)
    // So the source's tags can be saved back as they are.
    const update = await call('sources.update', { id: source.id, tags: source.tags })
    expect(update.ok).toBe(true)
  })
})

describe('huge inputs', () => {
  it('refuses a 100 MB file by its size, without reading it', async () => {
    const file = join(dir.path, 'huge.txt')
    const handle = await open(file, 'w')
    await handle.truncate(100 * megabyte) // sparse: nothing is written
    await handle.close()
    const before = rssMegabytes()
    const started = performance.now()
    const results: PathImportResult[] = []
    for await (const result of importPaths(library, [file])) results.push(result)
    expect(results).toEqual([
      { file, status: 'error', error: `${file} is 100 MB; files over 50 MB cannot be imported.` },
    ])
    expect(rssMegabytes() - before).toBeLessThan(50)
    console.log(`100 MB file refused in ${Math.round(performance.now() - started)} ms`)
    await rmOutside(file)
  })

  it('refuses bytes over the limit given to the core, naming the size', async () => {
    const bytes = new Uint8Array(maxImportBytes + 1)
    await expect(library.importFile('big.txt', bytes)).rejects.toMatchObject({
      code: 'bad_file',
      message: 'big.txt is 50 MB; files over 50 MB cannot be imported.',
    })
  })

  it('refuses a text over the contract’s limit with invalid_input', async () => {
    const answer = await call('sources.import', {
      fileName: 'big.txt',
      text: 'x'.repeat(50_000_001),
    })
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it.each(['txt', 'md', 'html'])(
    'imports a 10 MB single line (.%s) in bounded memory',
    async (extension) => {
      const file = join(dir.path, `line.${extension}`)
      const words = 'signal outage harbour gate ransom operator '
      const line = words.repeat(Math.ceil((10 * megabyte) / words.length)).slice(0, 10 * megabyte)
      await writeFile(file, extension === 'html' ? `<p>${line}</p>` : `${extension}${line}`)
      const before = rssMegabytes()
      const started = performance.now()
      const results: PathImportResult[] = []
      for await (const result of importPaths(library, [file])) results.push(result)
      const seconds = (performance.now() - started) / 1000
      const grew = rssMegabytes() - before
      console.log(
        `10 MB line .${extension}: ${results[0]?.status} in ${seconds.toFixed(1)} s, RSS +${grew} MB`,
      )
      expect(results[0]?.status).toBe('imported')
      expect(grew).toBeLessThan(1000)
      const hits = await call('search.query', { query: 'harbour' })
      expect(hits.ok).toBe(true)
      await rmOutside(file)
    },
  )

  it(`imports a folder of ${folderFiles} tiny files in bounded memory`, async () => {
    const folder = join(dir.path, 'tiny')
    await mkdir(folder)
    for (let start = 0; start < folderFiles; start += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, folderFiles - start) }, (_, k) => {
          const n = start + k
          return writeFile(
            join(folder, `f${String(n).padStart(6, '0')}.txt`),
            `Tiny ${n}\n\nNote number ${n}.`,
          )
        }),
      )
    }
    const before = rssMegabytes()
    let peak = before
    const started = performance.now()
    const counts = { imported: 0, other: 0 }
    for await (const result of importPaths(library, [folder])) {
      if (result.status === 'imported') counts.imported++
      else counts.other++
      if ((counts.imported & 1023) === 0) peak = Math.max(peak, rssMegabytes())
    }
    const seconds = (performance.now() - started) / 1000
    console.log(
      `${folderFiles} tiny files: ${counts.imported} imported in ${seconds.toFixed(1)} s, peak RSS +${peak - before} MB`,
    )
    expect(counts).toEqual({ imported: folderFiles, other: 0 })
    expect(peak - before).toBeLessThan(1500)
  }, 900_000)
})
