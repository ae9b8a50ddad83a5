import { appendFile, cp, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Library } from '../../electron/core'
import { openCatalog } from '../../electron/core/catalog'
import { journalLine } from '../../electron/core/catalogJournal'
import { sha256 } from '../../electron/core/contentStore'
import type { Source } from '../../shared/model'
import { makeTempDir } from '../support/makeLibrary'

const encode = (text: string) => new TextEncoder().encode(text)

let dirs: Array<Awaited<ReturnType<typeof makeTempDir>>> = []
afterEach(async () => {
  for (const dir of dirs) await dir.remove()
  dirs = []
})
async function tempDir(): Promise<string> {
  const dir = await makeTempDir()
  dirs.push(dir)
  return dir.path
}

function makeSource(n: number): Source {
  return {
    id: `source-${n}`,
    title: `Source ${n}`,
    authors: ['Ada Byline'],
    publishedAt: null,
    origin: { fileName: `source-${n}.txt`, url: null },
    kind: 'text',
    language: 'en',
    charset: 'utf-8',
    originalSha256: sha256(`original ${n}`),
    textSha256: sha256(`text ${n}`),
    textLength: 100,
    importer: { name: 'plain-text', version: '1' },
    importedAt: new Date(n * 1000).toISOString(),
    tags: [],
    tlp: 'CLEAR',
    reliability: null,
  }
}

const size = async (path: string) => (await stat(path).catch(() => undefined))?.size ?? 0

/** A catalog in a fresh folder, with three sources saved in two groups and one changed since. */
async function savedCatalog() {
  const dir = await tempDir()
  const path = join(dir, 'casefile.json')
  const journal = join(dir, 'casefile.journal')
  const catalog = await openCatalog(path)
  const [a, b, c] = [makeSource(1), makeSource(2), makeSource(3)]
  await catalog.save([a, b])
  await catalog.save([c])
  a.tlp = 'AMBER'
  a.tags = ['harbour']
  await catalog.save([a])
  return { dir, path, journal, catalog, sources: [a, b, c] }
}

describe('the catalog journal', () => {
  it('keeps imports, changes and newer versions acknowledged before a crash', async () => {
    const dir = await tempDir()
    const library = await Library.open(dir, { indexPersistDelayMs: 60_000 })
    try {
      const first = await library.importFile('report.txt', encode('Harbour Report\n\nOne.'))
      const other = await library.importFile('other.txt', encode('Other Report\n\nTwo.'))
      const newer = await library.importFile('report.txt', encode('Harbour Report\n\nOne, two.'))
      await library.updateSource({ id: other.source.id, tlp: 'RED', tags: ['ioc'] })
      await library.updateSource({ id: other.source.id, reliability: 'B' })
      // What a crash (SIGKILL, power cut) would leave: the folder as it is, the library not closed.
      const crashed = await tempDir()
      await cp(dir, crashed, { recursive: true, filter: (path) => !path.endsWith('.lock') })
      expect(await size(join(crashed, 'casefile.json'))).toBe(0)

      const reopened = await Library.open(crashed, { indexPersistDelayMs: 60_000 })
      try {
        expect(reopened.listSources()).toEqual(library.listSources())
        const byId = new Map(reopened.listSources().map((source) => [source.id, source]))
        expect(byId.get(first.source.id)).toMatchObject({ supersededBy: newer.source.id })
        expect(byId.get(newer.source.id)).toMatchObject({ previousVersionId: first.source.id })
        expect(byId.get(other.source.id)).toMatchObject({
          tlp: 'RED',
          tags: ['ioc'],
          reliability: 'B',
        })
      } finally {
        await reopened.close()
      }
    } finally {
      await library.close()
    }
  })

  it('is folded into casefile.json on close, and the library opens the same from it', async () => {
    const dir = await tempDir()
    const library = await Library.open(dir, { indexPersistDelayMs: 60_000 })
    const { source } = await library.importFile('a.txt', encode('Harbour Report\n\nOne.'))
    await library.updateSource({ id: source.id, tlp: 'GREEN' })
    const sources = library.listSources()
    await library.close()
    expect(await size(join(dir, 'casefile.journal'))).toBe(0)
    const snapshot = JSON.parse(await readFile(join(dir, 'casefile.json'), 'utf8')) as {
      sources: Source[]
    }
    expect(snapshot.sources).toEqual(sources)
    const reopened = await Library.open(dir, { indexPersistDelayMs: 60_000 })
    expect(reopened.listSources()).toEqual(sources)
    await reopened.close()
  })

  it('ignores a torn last line, cuts it off, and appends after the intact lines', async () => {
    const { path, journal, sources } = await savedCatalog()
    const intact = await readFile(journal)
    await appendFile(journal, journalLine([makeSource(9)]).slice(0, 40))
    const reopened = await openCatalog(path)
    expect(reopened.data.sources).toEqual(sources)
    expect(await readFile(journal)).toEqual(intact)

    const next = makeSource(4)
    await reopened.save([next])
    expect((await openCatalog(path)).data.sources).toEqual([...sources, next])
  })

  it('ignores a whole last line whose checksum does not match (the write was torn inside)', async () => {
    const { path, journal, sources } = await savedCatalog()
    const intact = await size(journal)
    // The newline reached the disk, a block in the middle of the line did not.
    const torn = journalLine([makeSource(9)]).replace('Source 9', 'Source\u00009')
    await appendFile(journal, torn)
    expect((await openCatalog(path)).data.sources).toEqual(sources)
    expect(await size(journal)).toBe(intact)
  })

  it('refuses a damaged line before the last, naming the file and the line, and leaves it', async () => {
    const { dir, journal } = await savedCatalog()
    const lines = (await readFile(journal, 'utf8')).split('\n')
    lines[1] = (lines[1] ?? '').replace('Source 3', 'Source 8')
    const damaged = lines.join('\n')
    await writeFile(journal, damaged)
    await expect(Library.open(dir)).rejects.toMatchObject({
      code: 'library_corrupt',
      message: expect.stringMatching(/casefile\.journal cannot be read \(line 2 is damaged\)/),
    })
    expect(await readFile(journal, 'utf8')).toBe(damaged)
    expect(await size(join(dir, 'casefile.json'))).toBe(0)
  })

  it('refuses an intact last line that does not hold source records', async () => {
    const { path, journal } = await savedCatalog()
    const json = JSON.stringify({ sources: [{ id: 'x' }] })
    const line = `${sha256(json).slice(0, 16)} ${json}\n`
    await appendFile(journal, line)
    const before = await readFile(journal, 'utf8')
    await expect(openCatalog(path)).rejects.toMatchObject({
      code: 'library_corrupt',
      message: expect.stringContaining('casefile.journal cannot be read (line 4'),
    })
    expect(await readFile(journal, 'utf8')).toBe(before)
  })

  it('is folded into the snapshot once it outgrows it, and reopens the same', async () => {
    const dir = await tempDir()
    const path = join(dir, 'casefile.json')
    const catalog = await openCatalog(path)
    const sources = Array.from({ length: 3000 }, (_, n) => makeSource(n))
    for (let n = 0; n < sources.length; n += 50) await catalog.save(sources.slice(n, n + 50))
    const appended = sources.length * journalLine([makeSource(0)]).length
    expect(await size(join(dir, 'casefile.journal'))).toBeLessThan(appended)
    const snapshot = JSON.parse(await readFile(path, 'utf8')) as { sources: Source[] }
    expect(snapshot.sources.length).toBeGreaterThan(1000)
    expect((await openCatalog(path)).data.sources).toEqual(sources)
  })

  it('changes nothing when a crash left both the new snapshot and the journal', async () => {
    const { path, journal, catalog, sources } = await savedCatalog()
    const [a] = sources
    if (!a) throw new Error('no source')
    a.tlp = 'RED'
    await catalog.save([a])
    const lines = await readFile(journal)
    await catalog.close()
    // As if the crash came after the snapshot was rewritten and before the journal was emptied.
    await writeFile(journal, lines)
    const reopened = await openCatalog(path)
    expect(reopened.data.sources).toEqual(sources)
    expect(reopened.data.sources[0]).toMatchObject({ tlp: 'RED', tags: ['harbour'] })
  })
})
