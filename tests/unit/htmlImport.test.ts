import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { htmlImporter } from '../../electron/core/importers/htmlImporter'
import { corporaDir, corporaMissing, corporaPresent } from '../support/corpora'
import { libraryPerTest } from '../support/makeLibrary'

const library = libraryPerTest()

const utf8 = (text: string) => new TextEncoder().encode(text)
const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim()

type Expected = {
  title: string
  byline: string | null
  lang?: string | null
  siteName: string | null
  publishedTime: string | null
}

const pagesDir = join(corporaDir, 'web-pages')
const pages = corporaPresent
  ? readdirSync(pagesDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
  : []

describe.skipIf(!corporaPresent)(
  corporaPresent ? 'the web pages of the corpus' : corporaMissing,
  () => {
    it('all import, with the title Readability finds for at least 90% and every byline', async () => {
      const t = await library()
      const titles: string[] = []
      const bylines: string[] = []
      let duplicates = 0
      for (const page of pages) {
        const expected = JSON.parse(
          readFileSync(join(pagesDir, page, 'expected-metadata.json'), 'utf8'),
        ) as Expected
        const bytes = readFileSync(join(pagesDir, page, 'source.html'))
        const { status, source } = await t.library.importFile(`${page}.html`, bytes)
        if (status === 'duplicate') duplicates++
        // The metadata is the importer's: a page whose text another page already brought is a
        // duplicate in the library, with the first page's metadata.
        const document = await htmlImporter.parse(bytes, `${page}.html`)
        expect(document.kind).toBe('html')
        // A page that names no title is titled by its file name, as every untitled source is.
        const wanted = squash(expected.title) || page
        if (squash(document.title) !== wanted)
          titles.push(`${page}: “${document.title}” ≠ “${wanted}”`)
        if (expected.byline && document.authors[0] !== squash(expected.byline))
          bylines.push(`${page}: ${String(document.authors[0])} ≠ ${expected.byline}`)
        if (expected.lang)
          expect(document.language, page).toBe(Intl.getCanonicalLocales(expected.lang)[0])
        if (expected.siteName)
          expect(document.details.siteName, page).toBe(squash(expected.siteName))
        if (expected.publishedTime) expect(document.publishedAt, page).toBe(expected.publishedTime)
        const { text } = await t.library.getSource(source.id)
        expect(text, page).not.toMatch(/<script|<\/?div|function\s*\(/i)
      }
      expect(pages.length).toBeGreaterThanOrEqual(30)
      expect(t.library.info().counts.sources).toBe(pages.length - duplicates)
      // Several edge-case pages carry the same lorem ipsum article.
      expect(duplicates).toBeLessThanOrEqual(5)
      expect(titles.length / pages.length, titles.join('\n')).toBeLessThanOrEqual(0.1)
      expect(bylines).toEqual([])
    }, 120_000)

    it('reads the Chinese page in the charset its bytes are in, and finds it by a CJK word', async () => {
      const t = await library()
      const { source } = await t.library.importFile(
        'qq.html',
        readFileSync(join(pagesDir, 'qq', 'source.html')),
      )
      expect(source.title).toBe('DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶_科技_腾讯网')
      expect(source.language).toBe('zh')
      const { text } = await t.library.getSource(source.id)
      expect(text).toContain('DeepMind')
      expect(text).not.toContain('\uFFFD')
    })

    it('records the writing direction an RTL page declares', async () => {
      const t = await library()
      const { source } = await t.library.importFile(
        'rtl.html',
        readFileSync(join(pagesDir, 'rtl-1', 'source.html')),
      )
      expect(source.details?.dir).toBe('rtl')
    })
  },
)

describe('a hostile page', () => {
  let server: Server
  let requests: string[]
  let origin: string
  beforeAll(async () => {
    requests = []
    server = createServer((request, response) => {
      requests.push(request.url ?? '')
      response.end('alert(1)')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('is read as text: no script runs, nothing is fetched, hidden nodes stay out', async () => {
    const t = await library()
    const page = `<!doctype html><html lang="en"><head>
      <title>Harbour report</title>
      <meta http-equiv="refresh" content="0; url=${origin}/refresh">
      <link rel="stylesheet" href="${origin}/style.css">
      <script src="${origin}/remote.js"></script>
      <script>globalThis.casefilePwned = true; document.write('INJECTED')</script>
      <style>p { background: url(${origin}/background.png) }</style>
    </head><body onload="globalThis.casefilePwned = true">
      <article>
        <h1>Harbour report</h1>
        <p>The gate system failed on Friday. <img src="${origin}/pixel.gif" onerror="globalThis.casefilePwned = true"></p>
        <p>Officials said the <b>attack</b> began at night &lt;script&gt;alert(1)&lt;/script&gt; and spread.</p>
        <p hidden>SECRET hidden paragraph</p>
        <p style="display:none">SECRET invisible paragraph</p>
        <p aria-hidden="true">SECRET aria paragraph</p>
        <iframe src="${origin}/frame.html"></iframe>
        <object data="${origin}/object.swf"></object>
        <noscript>SECRET noscript text</noscript>
      </article>
    </body></html>`
    const { source } = await t.library.importFile('hostile.html', utf8(page))
    const { text } = await t.library.getSource(source.id)
    expect(source.title).toBe('Harbour report')
    expect(text).toContain('The gate system failed on Friday.')
    // Markup written as text in the page stays text, exactly as the page shows it.
    expect(text).toContain('began at night <script>alert(1)</script> and spread.')
    expect(text).not.toMatch(/SECRET|INJECTED|casefilePwned|background\.png/)
    expect((globalThis as { casefilePwned?: boolean }).casefilePwned).toBeUndefined()
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(requests).toEqual([])
  })
})

describe('HTML metadata and charsets', () => {
  it('records the canonical URL, site name, byline and declared language', async () => {
    const t = await library()
    const page = `<html lang="fr-ca"><head><title>Panne au port | Le Quotidien</title>
      <link rel="canonical" href="https://news.example/panne-au-port">
      <meta property="og:site_name" content="Le Quotidien">
      <meta name="author" content="Marie Dupont">
      </head><body><article><p>${'Le système des portes est tombé en panne vendredi. '.repeat(12)}</p>
      <ul><li>Premier point</li><li>Second point</li></ul>
      <blockquote><p>Nous enquêtons, a dit le ministre.</p></blockquote>
      <table><tr><td>Vendredi</td><td>Panne</td></tr></table></article></body></html>`
    const { source } = await t.library.importFile('panne.htm', utf8(page))
    expect(source).toMatchObject({
      kind: 'html',
      authors: ['Marie Dupont'],
      language: 'fr-CA',
      origin: { fileName: 'panne.htm', url: 'https://news.example/panne-au-port' },
      details: { siteName: 'Le Quotidien', languageFrom: 'declared' },
    })
    const { text, blocks } = await t.library.getSource(source.id)
    const kinds = blocks.map((block) => [block.type, text.slice(block.start, block.end)])
    expect(kinds).toContainEqual(['list-item', 'Premier point'])
    expect(kinds).toContainEqual(['quote', 'Nous enquêtons, a dit le ministre.'])
    expect(kinds).toContainEqual(['paragraph', 'Vendredi | Panne'])
  })

  it('keeps Arabic and Hebrew text searchable, with its direction', async () => {
    const t = await library()
    const page = `<html dir="rtl" lang="ar"><head><title>تقرير الميناء</title></head><body>
      <p>توقف نظام البوابات في الميناء يوم الجمعة بعد الهجوم.</p>
      <p lang="he">מערכת השערים בנמל קרסה ביום שישי.</p></body></html>`
    const { source } = await t.library.importFile('port-ar.html', utf8(page))
    expect(source).toMatchObject({
      title: 'تقرير الميناء',
      language: 'ar',
      details: { dir: 'rtl' },
    })
    const hits = await t.library.searchQuery('البوابات', 5)
    expect(hits.map((hit) => hit.id)).toContain(source.id)
    expect((await t.library.searchQuery('השערים', 5)).map((hit) => hit.id)).toContain(source.id)
  })

  it('decodes a page in the legacy charset it declares', async () => {
    const t = await library()
    const head = utf8('<html><head><meta charset="windows-1251"><title>')
    const privet = Uint8Array.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]) // "Привет" in CP1251
    const rest = utf8('</title></head><body><p>Body text of the page.</p></body></html>')
    const { source } = await t.library.importFile(
      'cyrillic.html',
      Uint8Array.from([...head, ...privet, ...rest]),
    )
    expect(source.title).toBe('Привет')
    expect(source.charset).toBe('windows-1251')
  })

  it('salvages the text of a page cut off in the middle of a tag', async () => {
    const t = await library()
    const page =
      '<html><head><title>Cut short</title></head><body><article><p>The first paragraph arrived whole.</p><p>The second was cut <a href="https://x.exa'
    const { source } = await t.library.importFile('cut.html', utf8(page))
    const { text } = await t.library.getSource(source.id)
    expect(source.title).toBe('Cut short')
    expect(text).toContain('The first paragraph arrived whole.')
    expect(text).toContain('The second was cut')
  })

  it('keeps what a browser hides out of the text, and what it shows in it, however the markup nests', async () => {
    const t = await library()
    const article = (n: number) =>
      Array.from(
        { length: 4 },
        (_, k) =>
          `<p>Paragraph ${k + 1} of page ${n}: the harbour gates stayed shut, the crew said.</p>`,
      ).join('')
    const pages: Array<[string, string]> = [
      // An old ad script: its `</script>` inside a comment must not end it early.
      [
        'script',
        `<body><script><!--\ndocument.write("<script src='x.js'></script>");\n//--></script>${article(1)}</body>`,
      ],
      // Markup inside an iframe is its text, never read: it must not hide the rest of the page.
      [
        'iframe',
        `<body>${article(2).slice(0, 90)}<iframe><style></iframe>${article(2).slice(90)}</body>`,
      ],
      ['noembed', `<body><p>First of page 3.</p><noembed><script></noembed>${article(3)}</body>`],
    ]
    for (const [name, page] of pages) {
      const { source } = await t.library.importFile(`${name}.html`, utf8(page))
      const { text } = await t.library.getSource(source.id)
      expect(text, name).not.toMatch(/document\.write|<\/?script|<style|-->/)
      expect(text, name).toContain('Paragraph 4 of page')
    }
    // A megabyte of data in a script is no text: the article is still found, byline and all.
    const data = `<script id="__NEXT_DATA__" type="application/json">${JSON.stringify({ x: 'y'.repeat(1_100_000) })}</script>`
    const page = `<html><head><title>Data page</title><meta name="author" content="Ada Byline"></head><body><nav>Home News Sport</nav><article>${article(4)}</article>${data}<footer>Copyright</footer></body></html>`
    const { source } = await t.library.importFile('data.html', utf8(page))
    const { text } = await t.library.getSource(source.id)
    expect(text).not.toContain('Home News Sport')
    expect(text).toContain('Paragraph 4 of page 4')
    expect(source.authors).toEqual(['Ada Byline'])
    // A title written after the body's text is still the page's title.
    const late = await t.library.importFile(
      'late.html',
      utf8(`<body>${article(5)}<title>Late title</title></body>`),
    )
    expect(late.source.title).toBe('Late title')
  })

  it('reads a page of megabytes of text whole, not through Readability', async () => {
    const t = await library()
    const sentence = 'The harbour gates stayed shut through the <b>night</b>. '
    const paragraphs = Array.from({ length: 400 }, (_, n) => `<p>${n}: ${sentence.repeat(60)}</p>`)
    const page = `<html><head><title>Log</title></head><body><nav>Port menu</nav><main>${paragraphs.join('')}</main></body></html>`
    const { source } = await t.library.importFile('log.html', utf8(page))
    const { text, blocks } = await t.library.getSource(source.id)
    expect(text.length).toBeGreaterThan(1_000_000)
    expect(source.title).toBe('Log')
    // Read whole: what Readability would leave out as page furniture is there too.
    expect(text.startsWith('Port menu')).toBe(true)
    expect(blocks).toHaveLength(401)
    const plain = sentence
      .replace(/<\/?b>/g, '')
      .repeat(60)
      .trim()
    expect(text.endsWith(`399: ${plain}`)).toBe(true)
  })

  it('refuses an empty, binary or script-only page by name and leaves the library as it was', async () => {
    const t = await library()
    await t.library.importFile('kept.html', utf8('<p>A page that stays.</p>'))
    const before = { info: t.library.info(), sources: t.library.listSources() }
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['empty.html', new Uint8Array(0), /empty\.html is empty/],
      [
        'binary.html',
        Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]),
        /binary\.html.*binary/,
      ],
      [
        'scripts.html',
        utf8(
          '<html><head><script>alert(1)</script></head><body><script>x()</script></body></html>',
        ),
        /scripts\.html has no readable text/,
      ],
    ]
    for (const [name, bytes, message] of cases) {
      await expect(t.library.importFile(name, bytes)).rejects.toThrow(message)
    }
    expect(t.library.info()).toEqual(before.info)
    expect(t.library.listSources()).toEqual(before.sources)
  })
})
