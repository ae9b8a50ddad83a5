import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import { html, parse, serialize, type DefaultTreeAdapterMap } from 'parse5'
import { CasefileError } from '../../../shared/api'
import type { DraftBlock } from '../../../shared/text'
import { decodeAs, decodeText } from './decodeText'
import { canonicalLanguage } from './detectLanguage'
import {
  fitsTitle,
  titleFromFileName,
  type ImportedDocument,
  type Importer,
} from './importedDocument'

/**
 * Saved web pages. The article is extracted by Mozilla Readability from a document that never
 * runs a script and never loads a resource (`parseHtml`); its text becomes headings, paragraphs,
 * list items and quotes. A page Readability finds no article in is read whole, minus what a browser
 * would not show.
 */
export const htmlImporter: Importer = {
  name: 'html-readability',
  version: '2', // 2: parse5 and linkedom, not jsdom
  extensions: ['.html', '.htm', '.xhtml'],
  parse(bytes, fileName) {
    const { text, charset } = decodeHtml(bytes, fileName)
    return Promise.resolve(documentFromHtml(text, fileName, charset))
  },
}

/**
 * An HTML page's text. A BOM decides; then bytes that are valid UTF-8 (beyond ASCII) are UTF-8,
 * whatever the page declares (saved pages keep their old `<meta charset>` after being re-encoded);
 * then the charset the page declares; then Windows-1252.
 */
export function decodeHtml(bytes: Uint8Array, fileName: string): { text: string; charset: string } {
  const decoded = decodeText(bytes, fileName) // refuses empty and binary files
  const declared = declaredCharset(bytes)
  if (decoded.charset !== 'windows-1252' || !declared) return decoded
  try {
    return decodeAs(bytes, declared)
  } catch {
    return decoded // a label no decoder knows: Windows-1252 reads every byte
  }
}

function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096))
  const meta =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head)
  return meta?.[1]?.toLowerCase()
}

/** More text than this (some 200 book pages) is no article: the page is read whole. */
const maxArticleLength = 1_000_000

/** The document an HTML text makes: Readability's article, or the whole visible page. */
export function documentFromHtml(
  html: string,
  fileName: string,
  charset: string,
): ImportedDocument {
  const { document, visibleText, title: titleElement } = parseHtml(html)
  // Read before Readability, which rewrites the document as it goes.
  const url = canonicalUrl(document)
  const metaPublished = publishedTime(document)
  const declaredLanguage = document.documentElement.getAttribute('lang')
  const declaredDir = document.documentElement.getAttribute('dir')
  const pageTitle = document.title || titleElement
  // Readability looks for an article in pages of article size; through a page of megabytes of
  // text it walks the tree again and again (a 10 MB page: 6 s, 600 MB). Such a page is read whole.
  const whole = visibleText > maxArticleLength
  // Readability reads the document itself, not a copy (copying it was a tenth of an import);
  // where it finds no article, it has taken the page apart: a fresh parse is read whole.
  const article = whole
    ? null
    : new Readability<Element>(document, { serializer: (node) => node as Element }).parse()
  const root =
    article?.content ?? visibleBody(article || whole ? document : parseHtml(html).document)
  const blocks = root ? blocksOfElement(root) : []
  if (blocks.length === 0) {
    throw new CasefileError(
      'bad_file',
      `${fileName} has no readable text (an empty or script-only page).`,
    )
  }
  const siteName = clean(article?.siteName ?? '')
  const title =
    withoutSiteName(clean(article?.title || pageTitle), siteName) || titleFromFileName(fileName)
  const first = blocks[0]
  const repeatsTitle = first?.type === 'heading' && clean(first.text) === title
  // The heading that repeats the title goes. A title too long to keep whole (it is cut) stays
  // in the text, or is put there: Readability drops a heading that repeats the title.
  if (!fitsTitle(title)) {
    if (!repeatsTitle) blocks.unshift({ type: 'heading', level: 1, text: title })
  } else if (repeatsTitle && blocks.length > 1) blocks.shift()
  const byline = clean(article?.byline ?? '')
  const language = canonicalLanguage(article?.lang ?? declaredLanguage ?? '')
  const details: ImportedDocument['details'] = {}
  if (siteName) details.siteName = siteName
  const excerpt = clean(article?.excerpt ?? '')
  if (excerpt) details.excerpt = excerpt
  const dir = article?.dir ?? declaredDir
  if (dir === 'rtl' || dir === 'ltr') details.dir = dir
  return {
    kind: 'html',
    title,
    authors: byline ? [byline] : [],
    publishedAt: clean(article?.publishedTime ?? '') || metaPublished,
    url,
    charset,
    language: language === 'und' ? null : language,
    blocks,
    details,
  }
}

/**
 * A document that never runs a script and never loads a resource, and how much visible text it
 * holds. parse5 builds the tree as a browser would (the HTML standard's parsing: fragments, broken
 * and hostile markup included); linkedom, a DOM with no script engine and no network, reads back
 * parse5's serialization of it, which is well formed, for Readability. jsdom, which did both in
 * one, was five times slower (9 pages of the corpus a second, against 40).
 *
 * The text of elements whose contents a browser never shows as text (script, style, iframe,
 * noscript…) is written out raw by parse5, and linkedom's parser would read some of it as markup
 * (a `</script>` inside a script's comment, a `<style>` inside an iframe hid the rest of a page):
 * those elements are emptied first, and `xmp`/`plaintext` become `pre`, their text escaped.
 */
function parseHtml(html: string): { document: Document; visibleText: number; title: string } {
  const tree = parse(html)
  const { text, title } = tidy(tree)
  return { document: parseHTML(serialize(tree)).document, visibleText: text, title }
}

type TreeNode = DefaultTreeAdapterMap['node']

/** Never shown as text: emptied before the tree is written out again. */
const rawTextElements = new Set([
  'script',
  'style',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
  'textarea',
])
/** Shown as their raw text: kept as preformatted text. */
const literalElements = new Set(['xmp', 'plaintext', 'listing'])

function isLinkedData(element: DefaultTreeAdapterMap['element']): boolean {
  const type = element.attrs.find((attr) => attr.name === 'type')?.value
  return type?.trim().toLowerCase() === 'application/ld+json'
}

/**
 * Empties or rewrites the elements above (see `parseHtml`); returns the length of the text left,
 * and the page's title (its first HTML `title`, wherever it stands: linkedom looks in the head only).
 */
function tidy(root: TreeNode): { text: number; title: string } {
  let text = 0
  let title: string | undefined
  const stack: TreeNode[] = [root]
  while (stack.length > 0) {
    const node = stack.pop() as TreeNode
    if (node.nodeName === '#text') {
      text += (node as DefaultTreeAdapterMap['textNode']).value.length
      continue
    }
    if (!('childNodes' in node)) continue
    if ('tagName' in node) {
      const tag = node.tagName
      if (tag === 'title' && title === undefined && node.namespaceURI === html.NS.HTML)
        title = node.childNodes.map((child) => ('value' in child ? child.value : '')).join('')
      if (tag === 'template') {
        ;(node as DefaultTreeAdapterMap['template']).content.childNodes = []
        continue
      }
      if (rawTextElements.has(tag)) {
        // Linked data (JSON-LD) is kept: Readability reads the byline and dates from it.
        if (!(tag === 'script' && isLinkedData(node))) node.childNodes = []
        continue
      }
      if (literalElements.has(tag)) {
        node.nodeName = node.tagName = 'pre' // its text is then escaped when written out
      }
    }
    // In document order, so that the first title found is the first in the page.
    for (let n = node.childNodes.length - 1; n >= 0; n--) stack.push(node.childNodes[n] as TreeNode)
  }
  return { text, title: title ?? '' }
}

/** `Statement | Coast Courier` → `Statement`, when the site is named (either end, any usual separator). */
function withoutSiteName(title: string, siteName: string): string {
  if (siteName === '' || title === siteName) return title
  const escaped = siteName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const separator = '\\s+[|\\-–—:·•»]\\s+'
  const stripped = title
    .replace(new RegExp(`${separator}${escaped}$`, 'i'), '')
    .replace(new RegExp(`^${escaped}${separator}`, 'i'), '')
  return stripped.trim() || title
}

/** The page's own address, when it names an absolute http(s) one (canonical link, then og:url). */
function canonicalUrl(document: Document): string | null {
  const candidates = [
    document.querySelector('link[rel~="canonical" i]')?.getAttribute('href'),
    document.querySelector('meta[property="og:url" i]')?.getAttribute('content'),
  ]
  for (const candidate of candidates) {
    try {
      const url = new URL(candidate?.trim() ?? '')
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href
    } catch {
      // not an absolute URL: keep looking
    }
  }
  return null
}

/** The publication time the page's metadata states, for what Readability does not read. */
function publishedTime(document: Document): string | null {
  const selectors = [
    'meta[property="article:published_time" i]',
    'meta[name="parsely-pub-date" i]',
    'meta[itemprop="datePublished" i]',
    'meta[name="dc.date" i]',
    'meta[name="date" i]',
  ]
  for (const selector of selectors) {
    const value = clean(document.querySelector(selector)?.getAttribute('content') ?? '')
    if (value !== '') return value
  }
  return null
}

const hiddenTags = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'CANVAS',
  'HEAD',
  'TITLE',
  'META',
  'LINK',
  'BUTTON',
  'SELECT',
  'INPUT',
  'TEXTAREA',
])

/** The body without what a reader never sees: scripts, styles, hidden and aria-hidden nodes. */
function visibleBody(document: Document): Element | null {
  const body = document.body as Element | null
  if (!body) return null
  for (const element of [...body.querySelectorAll('*')]) {
    if (isHidden(element)) element.remove()
  }
  return body
}

function isHidden(element: Element): boolean {
  if (hiddenTags.has(element.tagName.toUpperCase())) return true
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true
  const style = element.getAttribute('style') ?? ''
  return /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)
}

const blockTags = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
])

/**
 * An element's text as blocks: headings keep their level, list items and quotes their kind, a
 * table row becomes one paragraph of its cells, and any other block element ends a paragraph.
 */
export function blocksOfElement(root: Element): DraftBlock[] {
  const blocks: DraftBlock[] = []
  let inline = ''
  let context: Pick<DraftBlock, 'type' | 'level'> = { type: 'paragraph' }
  const flush = () => {
    const text = clean(inline)
    if (text !== '') blocks.push({ ...context, text })
    inline = ''
  }
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      inline += node.nodeValue ?? ''
      return
    }
    if (node.nodeType !== 1) return
    const element = node as Element
    const tag = element.tagName.toUpperCase()
    if (isHidden(element)) return
    if (tag === 'BR') {
      inline += ' '
      return
    }
    if (!blockTags.has(tag)) {
      for (const child of element.childNodes) walk(child)
      return
    }
    flush()
    const outer = context
    if (/^H[1-6]$/.test(tag)) context = { type: 'heading', level: Number(tag.slice(1)) }
    else if (tag === 'LI' || tag === 'DT' || tag === 'DD') context = { type: 'list-item' }
    else if (tag === 'BLOCKQUOTE') context = { type: 'quote' }
    if (tag === 'TR') {
      const cells = [...element.children].map((cell) => clean(cell.textContent ?? ''))
      inline = cells.filter((cell) => cell !== '').join(' | ')
    } else {
      for (const child of element.childNodes) walk(child)
    }
    flush()
    context = outer
  }
  walk(root)
  flush()
  return blocks
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
