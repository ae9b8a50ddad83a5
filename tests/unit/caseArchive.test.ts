import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate'
import { describe, expect, it } from 'vitest'
import { createHandlers, Library, resourcesDir } from '../../electron/core'
import {
  exportCaseArchive,
  importCaseArchive,
  verifyCaseArchive,
  type CaseArchiveManifest,
} from '../../electron/core/caseArchive'
import { createClient, createMemoryTransport, type Client } from '../../shared/rpc'
import { importAndHighlight } from '../support/libraryHelpers'
import { libraryPerTest, makeTempDir } from '../support/makeLibrary'
import { makePdf } from '../support/makePdf'

const library = libraryPerTest()
const closed = <T>(work: () => Promise<T>) => work()
const noAnnotations = async () => '{}'

const article =
  'Iran Denies Albanian Cyberattack\n\nThe Iranian government denied any involvement in the 15 July cyberattack.'

/** Every file under `root` (but the index and the lock) with its sha256. */
async function hashTree(root: string, under = ''): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const entry of await readdir(join(root, under), { withFileTypes: true })) {
    const relative = under === '' ? entry.name : `${under}/${entry.name}`
    if (relative === 'index' || relative === 'backups' || relative === '.lock') continue
    if (entry.isDirectory()) Object.assign(files, await hashTree(root, relative))
    else files[relative] = sha256(await readFile(join(root, relative)))
  }
  return files
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex')

/** What a client sees of a case: everything the archive must bring back. */
async function caseOf(client: Client) {
  const { sources } = await client.call('sources.list', {})
  const annotations = []
  for (const source of sources)
    annotations.push(
      ...(await client.call('annotations.list', { sourceId: source.id })).annotations,
    )
  return {
    sources,
    annotations,
    notes: (await client.call('notes.list', {})).notes,
    actors: (await client.call('actors.list', {})).actors,
    events: (await client.call('events.list', {})).events,
    relations: (await client.call('relations.list', {})).relations,
    searches: (await client.call('searches.list', {})).searches,
    trash: (await client.call('trash.list', {})).items,
  }
}

/** A case with text and PDF sources, passages, a note, actors, an event, a relation, a search. */
async function buildCase(client: Client) {
  const { source, annotation } = await importAndHighlight(client, article, 'denied any involvement')
  await client.call('annotations.update', { id: annotation.id, comment: 'Denial, same day.' })
  const second = await importAndHighlight(
    client,
    'Albania Cuts Ties\n\nAlbania severed diplomatic ties with Iran in September.',
    'severed diplomatic ties',
    'albania.txt',
  )
  await client.call('annotations.delete', { id: second.annotation.id })
  const pdf = await makePdf([[['Harbour Report'], ['The harbour authority closed quay seven.']]])
  await client.call('sources.import', {
    fileName: 'harbour.pdf',
    base64: Buffer.from(pdf).toString('base64'),
  })
  const iran = await client.call('actors.create', { name: 'Iran', kind: 'state' })
  await client.call('actors.create', { name: 'Albania', kind: 'state', aliases: ['Shqipëria'] })
  const attack = await client.call('events.create', {
    title: '15 July cyberattack',
    occurred: { precision: 'day', start: '2022-07-15' },
  })
  await client.call('relations.create', {
    from: { kind: 'actor', id: iran.id },
    to: { kind: 'event', id: attack.id },
    type: 'denies',
    confidence: 'likely',
    evidence: [annotation.id],
  })
  await client.call('notes.create', { markdown: '# Working theory\n\nThe denial came fast.' })
  await client.call('searches.save', { name: 'Denials', query: 'denied' })
  return { source }
}

async function openClient(path: string) {
  const opened = await Library.open(path, { indexPersistDelayMs: 60_000 })
  const client = createClient(
    createMemoryTransport(createHandlers(opened, { resourcesDir }), opened.events),
  )
  return { library: opened, client }
}

describe('case archive', () => {
  it('exports a library and imports it into an empty folder: every file and item equal', async () => {
    const t = await library()
    await buildCase(t.client)
    const before = await caseOf(t.client)
    const { document } = await t.client.call('annotations.export', {})
    await t.library.close()
    const original = await hashTree(t.path)
    const out = await makeTempDir()
    const file = join(out.path, 'case.zip')
    const progress: number[] = []

    const exported = await exportCaseArchive({
      library: t.path,
      file,
      quiet: closed,
      webAnnotations: async () => JSON.stringify(document),
      onProgress: ({ done }) => progress.push(done),
    })

    expect(exported.manifest.counts).toEqual({
      sources: 3,
      annotations: 1,
      notes: 1,
      actors: 2,
      events: 1,
      relations: 1,
    })
    expect(exported.skipped).toEqual([])
    expect(await readdir(out.path)).toEqual(['case.zip'])
    const listed = Object.fromEntries(
      exported.manifest.files.map((entry) => [entry.path, entry.sha256]),
    )
    const { ['w3c/annotations.jsonld']: w3c, ...libraryFiles } = listed
    expect(w3c).toBe(sha256(JSON.stringify(document)))
    expect(libraryFiles).toEqual(
      Object.fromEntries(Object.entries(original).map(([path, hash]) => [`library/${path}`, hash])),
    )
    expect(progress.at(-1)).toBe(exported.manifest.files.length)

    const target = join(out.path, 'restored')
    const imported = await importCaseArchive({ file, library: target })
    expect(imported.files).toBe(exported.manifest.files.length)
    expect(await hashTree(target)).toEqual(original)
    expect(await readdir(out.path)).toEqual(['case.zip', 'restored'])

    const restored = await openClient(target)
    try {
      expect(restored.library.indexReport.openedFrom).toBe('rebuild')
      expect(await caseOf(restored.client)).toEqual(before)
      const { hits } = await restored.client.call('search.query', { query: 'quay' })
      expect(hits.map((hit) => hit.kind)).toContain('source')
    } finally {
      await restored.library.close()
      await out.remove()
    }
  })

  it('exports an open library as it is: the journal travels, the lock, index and temp files do not', async () => {
    const t = await library()
    await importAndHighlight(t.client, article, 'denied any involvement')
    await writeFile(join(t.path, 'notes', 'readme.txt'), 'not a note')
    await writeFile(join(t.path, 'casefile.json.123.abc.tmp'), 'half-written')
    const out = await makeTempDir()
    try {
      const file = join(out.path, 'open.zip')
      const { manifest, skipped } = await exportCaseArchive({
        library: t.path,
        file,
        quiet: closed, // nothing writes during the test
        webAnnotations: noAnnotations,
      })
      const paths = manifest.files.map((entry) => entry.path)
      expect(paths).toContain('library/casefile.journal')
      expect(paths.some((path) => /library\/index\/|\.lock|\.tmp|readme/.test(path))).toBe(false)
      expect(skipped).toEqual(['notes/readme.txt'])
      expect(manifest.counts.sources).toBe(1)

      await importCaseArchive({ file, library: join(out.path, 'copy') })
      const copy = await openClient(join(out.path, 'copy'))
      const { sources } = await copy.client.call('sources.list', {})
      await copy.library.close()
      expect(sources).toEqual((await t.client.call('sources.list', {})).sources)
    } finally {
      await out.remove()
    }
  })

  it('verifies an archive without unpacking it, and finds a changed byte', async () => {
    const t = await library()
    await buildCase(t.client)
    await t.library.close()
    const out = await makeTempDir()
    try {
      const file = join(out.path, 'case.zip')
      const { manifest } = await exportCaseArchive({
        library: t.path,
        file,
        quiet: closed,
        webAnnotations: noAnnotations,
      })
      const verified = await verifyCaseArchive(file)
      expect(verified.manifest).toEqual(manifest)
      expect(verified.files).toBe(manifest.files.length)

      // Change the PDF's version, stored as it is: the zip stays readable, the hash does not.
      const bytes = await readFile(file)
      const at = bytes.indexOf('%PDF-1.')
      expect(at).toBeGreaterThan(0)
      bytes[at + 7] = '9'.charCodeAt(0)
      await writeFile(file, bytes)
      await expect(verifyCaseArchive(file)).rejects.toMatchObject({
        code: 'bad_file',
        message: expect.stringMatching(
          /cannot be verified: the entry "library\/originals\/.*\.pdf" does not match its sha256/,
        ),
      })
    } finally {
      await out.remove()
    }
  })

  it('leaves nothing behind when an export fails', async () => {
    const t = await library()
    await importAndHighlight(t.client, article, 'denied any involvement')
    await t.library.close()
    const out = await makeTempDir()
    try {
      await expect(
        exportCaseArchive({
          library: t.path,
          file: join(out.path, 'missing', 'case.zip'),
          quiet: closed,
          webAnnotations: noAnnotations,
        }),
      ).rejects.toMatchObject({ code: 'io_error', message: expect.stringContaining('case.zip') })
      await expect(
        exportCaseArchive({
          library: t.path,
          file: join(out.path, 'case.zip'),
          quiet: closed,
          webAnnotations: () => Promise.reject(new Error('the disk is full')),
        }),
      ).rejects.toMatchObject({ message: expect.stringContaining('the disk is full') })
      expect(await readdir(out.path)).toEqual([])
      await expect(
        exportCaseArchive({
          library: join(out.path, 'nothing'),
          file: join(out.path, 'case.zip'),
          quiet: closed,
          webAnnotations: noAnnotations,
        }),
      ).rejects.toMatchObject({ code: 'not_found' })
      expect(await readdir(out.path)).toEqual([])
    } finally {
      await out.remove()
    }
  })
})

type Entry = { name: string; data: Uint8Array | string; stored?: boolean }

/** A zip of these entries, in this order (duplicates allowed), written with fflate's `Zip`. */
function zipOf(entries: Entry[]): Uint8Array {
  const chunks: Uint8Array[] = []
  const zip = new Zip((error, data) => {
    if (error) throw error
    chunks.push(data)
  })
  for (const { name, data, stored } of entries) {
    const file = stored ? new ZipPassThrough(name) : new ZipDeflate(name)
    zip.add(file)
    file.push(typeof data === 'string' ? Buffer.from(data) : data, true)
  }
  zip.end()
  return Buffer.concat(chunks)
}

const catalog = JSON.stringify({ schemaVersion: 1, sources: [], settings: {} })

function manifestOf(entries: Entry[], change: Partial<CaseArchiveManifest> = {}): Entry {
  const manifest: CaseArchiveManifest = {
    format: 'casefile-archive',
    version: 1,
    createdAt: '2024-01-01T00:00:00.000Z',
    generator: 'test',
    schemaVersion: 1,
    counts: { sources: 0, annotations: 0, notes: 0, actors: 0, events: 0, relations: 0 },
    files: entries.map(({ name, data }) => ({
      path: name,
      size: typeof data === 'string' ? Buffer.byteLength(data) : data.length,
      sha256: sha256(data),
    })),
    ...change,
  }
  return { name: 'manifest.json', data: JSON.stringify(manifest) }
}

/** A small valid archive's entries, and the same with its manifest. */
const minimal: Entry[] = [{ name: 'library/casefile.json', data: catalog }]
const withManifest = (entries: Entry[]) => zipOf([...entries, manifestOf(entries)])

/** Sets the uncompressed size the central directory declares for an entry (a lying zip). */
function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const bytes = Buffer.from(zip)
  for (let at = bytes.indexOf(name); at >= 0; at = bytes.indexOf(name, at + 1)) {
    const header = at - 46
    if (header >= 0 && bytes.readUInt32LE(header) === 0x02014b50) {
      bytes.writeUInt32LE(size, header + 24)
      return bytes
    }
  }
  throw new Error(`no central entry for ${name}`)
}

const zeros = new Uint8Array(20 << 20)
const zerosBody = `library/bodies/${sha256(zeros)}.txt`

const hostile: Array<[string, () => Uint8Array | string, RegExp, number?]> = [
  ['a name climbing out', () => withManifest([...minimal, { name: '../evil.json', data: 'x' }]), /the entry "\.\.\/evil\.json" climbs out of its folder/],
  ['an absolute path', () => withManifest([...minimal, { name: '/abs.json', data: 'x' }]), /the entry "\/abs\.json" is an absolute path/],
  ['a drive letter', () => withManifest([...minimal, { name: 'C:/x.json', data: 'x' }]), /the entry "C:\/x\.json" names a drive/],
  ['a backslash', () => withManifest([...minimal, { name: 'C:\\x', data: 'x' }]), /the entry "C:\\\\x" has a backslash/],
  ['a NUL in a name', () => withManifest([...minimal, { name: 'library/notes/a\u0000.json', data: 'x' }]), /the entry "library\/notes\/a\\u0000\.json" has a NUL or control character/],
  ['an unknown name', () => withManifest([...minimal, { name: 'autorun.inf', data: 'x' }]), /the entry "autorun\.inf" is not part of a Casefile library/],
  ['a name inside the index', () => withManifest([...minimal, { name: 'library/index/manifest.json', data: '{}' }]), /the entry "library\/index\/manifest\.json" is not part of/],
  ['a device name', () => withManifest([...minimal, { name: 'library/notes/con.json', data: '{}' }]), /the entry "library\/notes\/con\.json" uses a device name Windows reserves/],
  ['a duplicate entry', () => zipOf([...minimal, ...minimal, manifestOf(minimal)]), /the entry "library\/casefile\.json" appears twice/],
  ['names that differ only in case', () => withManifest([...minimal, { name: 'library/notes/Abc-1.json', data: '{}' }, { name: 'library/notes/abc-1.json', data: '{}' }]), /the entry "library\/notes\/abc-1\.json" appears twice/],
  ['a tampered file', () => zipOf([{ name: 'library/casefile.json', data: catalog.replace('[]', '[ ]').slice(0, -1) }, manifestOf(minimal)]), /the entry "library\/casefile\.json" does not match its sha256/],
  ['a file missing from the manifest', () => zipOf([...minimal, { name: 'library/trash.json', data: '{"items":[]}' }, manifestOf(minimal)]), /the entry "library\/trash\.json" is not in its manifest/],
  ['a manifest file missing from the archive', () => zipOf([...minimal, manifestOf([...minimal, { name: 'library/trash.json', data: '{"items":[]}' }])]), /its manifest lists "library\/trash\.json", which the archive does not hold/],
  ['no manifest', () => zipOf(minimal), /it has no manifest\.json/],
  ['a malformed manifest', () => zipOf([...minimal, { name: 'manifest.json', data: '{"format":"casefile-archive","version":1}' }]), /its manifest\.json is malformed \(createdAt/],
  ['a manifest that is not JSON', () => zipOf([...minimal, { name: 'manifest.json', data: '{"format' }]), /its manifest\.json is not JSON/],
  ['a newer archive version', () => zipOf([...minimal, manifestOf(minimal, { version: 2 as 1 })]), /it was written by a newer Casefile \(archive version 2\)/],
  ['a truncated zip', () => withManifest(minimal).subarray(0, -30), /it is truncated or damaged/],
  ['not a zip at all', () => 'Subject: hello\n\nThis is an e-mail, not an archive.', /it is not a zip archive/],
  ['an empty file', () => '', /it is not a zip archive/],
  ['a zip bomb over the size limit', () => withManifest([...minimal, { name: zerosBody, data: zeros }]), /it would unpack to 20971\d+ bytes, over the limit of 1048576 bytes/, 1 << 20],
  ['a zip bomb that lies about its size', () => declareSize(zipOf([...minimal, { name: zerosBody, data: zeros }, manifestOf([...minimal, { name: zerosBody, data: 'x'.repeat(100) }])]), zerosBody, 100), /the entry ".*\.txt" inflates to more than the 100 bytes it declares/],
] // prettier-ignore

describe('importing a hostile archive', () => {
  it('imports the small valid archive the hostile ones are made from', async () => {
    const folder = await makeTempDir()
    try {
      const file = join(folder.path, 'case.zip')
      await writeFile(file, withManifest(minimal))
      await importCaseArchive({ file, library: join(folder.path, 'library') })
      expect(await readFile(join(folder.path, 'library', 'casefile.json'), 'utf8')).toBe(catalog)
    } finally {
      await folder.remove()
    }
  })

  for (const [what, archive, problem, maxBytes] of hostile) {
    it(`refuses ${what}, naming the archive, and leaves the target as it was`, async () => {
      const folder = await makeTempDir()
      try {
        const file = join(folder.path, 'hostile.zip')
        await writeFile(file, archive())
        await mkdir(join(folder.path, 'empty'))
        for (const target of ['absent', 'empty']) {
          const options = { file, library: join(folder.path, target) }
          await expect(
            importCaseArchive(maxBytes ? { ...options, maxBytes } : options),
          ).rejects.toMatchObject({
            code: 'bad_file',
            message: expect.stringMatching(
              new RegExp(`^The archive ${escape(file)} cannot be imported: ${problem.source}`),
            ),
          })
          expect((await readdir(folder.path)).sort()).toEqual(['empty', 'hostile.zip'])
          expect(await readdir(join(folder.path, 'empty'))).toEqual([])
        }
        await expect(verifyCaseArchive(file, maxBytes ? { maxBytes } : {})).rejects.toMatchObject({
          code: 'bad_file',
          message: expect.stringMatching(problem),
        })
      } finally {
        await folder.remove()
      }
    })
  }

  it('refuses a folder that is not empty, and leaves it as it was', async () => {
    const folder = await makeTempDir()
    try {
      const file = join(folder.path, 'case.zip')
      await writeFile(file, withManifest(minimal))
      const target = join(folder.path, 'busy')
      await mkdir(target)
      await writeFile(join(target, 'casefile.json'), 'mine')
      await expect(importCaseArchive({ file, library: target })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining(`${target} is not empty`),
      })
      expect(await readdir(target)).toEqual(['casefile.json'])
      expect(await readFile(join(target, 'casefile.json'), 'utf8')).toBe('mine')
      expect((await readdir(folder.path)).sort()).toEqual(['busy', 'case.zip'])
    } finally {
      await folder.remove()
    }
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
