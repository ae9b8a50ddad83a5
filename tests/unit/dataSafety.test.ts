import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Library } from '../../electron/core'
import { describeRange } from '../../shared/anchoring'
import { escapeMarkdown } from '../../shared/brief'
import { makeSnippet } from '../../shared/search'
import { makeLibrary, makeTempDir, type TestLibrary } from '../support/makeLibrary'

const encode = (text: string) => new TextEncoder().encode(text)

let open: TestLibrary | undefined
afterEach(async () => {
  await open?.close()
  open = undefined
})

describe('when the disk refuses a write', () => {
  it('reports the failure, then accepts no more changes, and never saves the index as clean', async () => {
    open = await makeLibrary({ indexPersistDelayMs: 60_000 })
    const { library, path } = open
    // A folder where the catalog's journal should be: appending to it fails, as on a full disk.
    await rm(join(path, 'casefile.journal'), { force: true })
    await mkdir(join(path, 'casefile.journal', 'blocker'), { recursive: true })
    await expect(library.importFile('a.txt', encode('First\n\nOne.'))).rejects.toMatchObject({
      code: 'io_error',
      message: expect.stringContaining('casefile.journal could not be saved'),
    })
    await expect(library.importFile('b.txt', encode('Second\n\nTwo.'))).rejects.toThrow(
      /no more changes are accepted/,
    )
    await library.close()
    const manifest = JSON.parse(await readFile(join(path, 'index', 'manifest.json'), 'utf8')) as {
      clean: boolean
    }
    expect(manifest.clean).toBe(false)
  })
})

describe('the trash', () => {
  it('does not let a trashed annotation be edited back to life', async () => {
    open = await makeLibrary({ indexPersistDelayMs: 60_000 })
    const { client } = open
    const { source } = await client.call('sources.import', {
      fileName: 'a.txt',
      text: 'Title\n\nThe gate failed.',
    })
    const quote = describeRange('The gate failed.', 4, 8)
    const annotation = await client.call('annotations.create', {
      sourceId: source.id,
      quote,
      position: { start: 4, end: 8 },
    })
    const [deleted, updated] = await Promise.allSettled([
      client.call('annotations.delete', { id: annotation.id }),
      client.call('annotations.update', { id: annotation.id, comment: 'back?' }),
    ])
    expect(deleted.status).toBe('fulfilled')
    expect(updated).toMatchObject({ status: 'rejected', reason: { code: 'not_found' } })
    await expect(client.call('annotations.delete', { id: annotation.id })).rejects.toMatchObject({
      code: 'not_found',
    })
    expect((await client.call('library.info', {})).counts).toMatchObject({
      sources: 1,
      annotations: 0,
      trash: 1,
    })
  })
})

describe('files written by someone else', () => {
  it('keeps fields it does not know when it rewrites the catalog', async () => {
    const dir = await makeTempDir()
    try {
      const catalog = {
        schemaVersion: 1,
        sources: [],
        settings: {},
        actors: [{ id: 'x', name: 'Harbour Spider' }],
      }
      await writeFile(join(dir.path, 'casefile.json'), JSON.stringify(catalog))
      const library = await Library.open(dir.path)
      await library.importFile('a.txt', encode('Title\n\nText.'))
      await library.close()
      expect(JSON.parse(await readFile(join(dir.path, 'casefile.json'), 'utf8'))).toMatchObject({
        actors: catalog.actors,
      })
    } finally {
      await dir.remove()
    }
  })

  it.each(['null', 'false', '0', '[]'])(
    'refuses a catalog holding %s instead of overwriting it',
    async (content) => {
      const dir = await makeTempDir()
      try {
        await writeFile(join(dir.path, 'casefile.json'), content)
        await expect(Library.open(dir.path)).rejects.toMatchObject({ code: 'library_corrupt' })
        expect(await readFile(join(dir.path, 'casefile.json'), 'utf8')).toBe(content)
      } finally {
        await dir.remove()
      }
    },
  )

  it('opens a library with one damaged annotation file, skipping it and saying so', async () => {
    const dir = await makeTempDir()
    try {
      const first = await Library.open(dir.path)
      const { source } = await first.importFile(
        'a.txt',
        encode('Harbour Title\n\nThe gate failed.'),
      )
      await first.close()
      await writeFile(join(dir.path, 'annotations', `${source.id}.json`), '{"annotations": [')
      await rm(join(dir.path, 'index', 'manifest.json'))
      const again = await Library.open(dir.path)
      expect(again.indexReport.skipped).toEqual([expect.stringContaining('Harbour Title')])
      await again.close()
    } finally {
      await dir.remove()
    }
  })
})

describe('hostile or broken input', () => {
  it('keeps the text of an unclosed code fence', async () => {
    open = await makeLibrary({ indexPersistDelayMs: 60_000 })
    const markdown = 'Intro paragraph.\n\n```\nlog line\n\nThe attacker exfiltrated data.'
    const { source } = await open.client.call('sources.import', {
      fileName: 'fence.md',
      text: markdown,
    })
    const { text } = await open.client.call('sources.get', { id: source.id })
    expect(text).toContain('The attacker exfiltrated data.')
  })

  it('strips control characters from file names, which become titles', async () => {
    open = await makeLibrary({ indexPersistDelayMs: 60_000 })
    const { source } = await open.client.call('sources.import', {
      fileName: '\u001b]0;owned\u0007\u001b[2J report.md',
      text: 'Only a line of text.',
    })
    expect(source.origin.fileName).toBe(']0;owned[2J report.md')
    expect(source.title).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/)
  })

  it('refuses base64 that is not base64', async () => {
    open = await makeLibrary({ indexPersistDelayMs: 60_000 })
    await expect(
      open.client.call('sources.import', {
        fileName: 'a.txt',
        base64: 'data:text/plain;base64,SGVsbG8=',
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('keeps bare URLs and addresses in a brief inert', () => {
    expect(escapeMarkdown('see https://evil.example/x, www.evil.example or a@evil.example')).toBe(
      'see https\\://evil.example/x, www\\.evil.example or a\\@evil.example',
    )
  })

  it('marks a letter with its combining accent and bounds the snippet on a giant word', () => {
    const accented = makeSnippet('ab\u0301 c', 'ab')
    expect(accented.highlights.map(([s, e]) => accented.text.slice(s, e))).toEqual(['ab\u0301'])
    const giant = makeSnippet(`${'x'.repeat(8000)} needle`, 'needle')
    expect(giant.text.length).toBeLessThan(300)
  })
})
