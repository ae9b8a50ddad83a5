import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { PDFDocumentProxy, TextItem } from 'pdfjs-dist/types/src/display/api'
import { CasefileError } from '../../../shared/api'
import type { DraftBlock } from '../../../shared/text'
import { canonicalLanguage } from './detectLanguage'
import { titleFromFileName, type Importer } from './importedDocument'

/** One line of a page's text, at the baseline `y` (PDF space: y grows up the page). */
type Line = { text: string; y: number; size: number }

/**
 * PDF, through pdf.js's text layer: items gather into lines (by end-of-line marks and baselines),
 * lines into paragraphs (a gap noticeably taller than the document's line spacing, or a change of
 * font size, ends one), each block on one page. Nothing in the file is run or fetched.
 */
export const pdfImporter: Importer = {
  name: 'pdf',
  version: '1',
  extensions: ['.pdf'],
  async parse(bytes, fileName) {
    checkEnvelope(bytes, fileName)
    const pdfjs = await loadPdfJs()
    const task = pdfjs.getDocument({
      // A copy: pdf.js takes the buffer over (detaches it), and the caller still needs the bytes.
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      enableXfa: false,
      useWasm: false,
      useWorkerFetch: false,
      isOffscreenCanvasSupported: false,
      isImageDecoderSupported: false,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
      ...(cMapUrl ? { cMapUrl } : {}),
    })
    try {
      const document = await task.promise.catch((error: unknown) => {
        throw openError(error, fileName)
      })
      const pages = await readLines(document, fileName)
      const { info, metadata } = await document.getMetadata().catch(() => ({
        info: {},
        metadata: null,
      }))
      const field = (key: string) => text((info as Record<string, unknown>)[key])
      const xmp = (key: string) => metadata?.get(key) as unknown
      const spacing = lineSpacing(pages)
      const blocks = pages.flatMap((lines, index) => paragraphs(lines, spacing, index + 1))
      if (blocks.length === 0) {
        throw new CasefileError(
          'bad_file',
          `${fileName} has no text layer (a scanned image?); Casefile does not do OCR.`,
        )
      }
      const creator = xmp('dc:creator')
      const author = field('Author')
      return {
        kind: 'pdf',
        charset: 'binary',
        title:
          usefulTitle(field('Title')) ??
          usefulTitle(text(xmp('dc:title'))) ??
          usefulTitle(pages[0]?.[0]?.text.slice(0, 200) ?? '') ??
          titleFromFileName(fileName),
        authors: author
          ? [author]
          : Array.isArray(creator)
            ? creator.map(text).filter((name) => name !== '')
            : [],
        publishedAt: pdfDate(field('CreationDate')) ?? isoDate(text(xmp('xmp:createdate'))),
        url: null,
        language: canonicalLanguage(field('Language') || text(xmp('dc:language'))),
        details: { pageCount: document.numPages },
        blocks,
      }
    } finally {
      await task.destroy()
    }
  },
}

let pdfjsModule: Promise<typeof PdfJs> | undefined
/** Loaded on the first PDF: pdf.js is large and most sessions import none. */
function loadPdfJs(): Promise<typeof PdfJs> {
  // In Node pdf.js runs its "fake worker": the worker module, imported on this thread.
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs')
  return pdfjsModule
}

/** pdf.js's own CMaps (local files, names checked against its list) decode CJK text. */
const cMapUrl = (() => {
  try {
    const require = createRequire(import.meta.url)
    return join(dirname(require.resolve('pdfjs-dist/package.json')), 'cmaps') + '/'
  } catch {
    return undefined
  }
})()

/** Refusals that need no parser: empty, not a PDF at all, or cut short. */
function checkEnvelope(bytes: Uint8Array, fileName: string): void {
  if (bytes.length === 0) throw new CasefileError('bad_file', `${fileName} is empty.`)
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024))
  if (!head.includes('%PDF-')) {
    throw new CasefileError(
      'bad_file',
      `${fileName} is not a PDF: it does not start with the %PDF- header (another kind of file named .pdf?).`,
    )
  }
  // Acrobat too wants %%EOF in the last 1024 bytes; without it the end of the file was lost.
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 1024)))
  if (!tail.includes('%%EOF')) {
    throw new CasefileError(
      'bad_file',
      `${fileName} is a truncated PDF: its end is missing (an incomplete download or copy?); Casefile cannot read it.`,
    )
  }
}

function openError(error: unknown, fileName: string): CasefileError {
  const name = error instanceof Error ? error.name : ''
  if (name === 'PasswordException') {
    return new CasefileError(
      'bad_file',
      `${fileName} is password-protected; Casefile cannot read it.`,
      { cause: error },
    )
  }
  return new CasefileError(
    'bad_file',
    `${fileName} is a damaged PDF: its structure cannot be read; Casefile cannot import it.`,
    { cause: error },
  )
}

/** Every page's lines, page by page; a page that cannot be read makes the whole file damaged. */
async function readLines(document: PDFDocumentProxy, fileName: string): Promise<Line[][]> {
  const pages: Line[][] = []
  for (let number = 1; number <= document.numPages; number++) {
    try {
      const page = await document.getPage(number)
      const content = await page.getTextContent()
      pages.push(linesOf(content.items.filter((item): item is TextItem => 'str' in item)))
      page.cleanup()
    } catch (error) {
      throw new CasefileError(
        'bad_file',
        `${fileName} is a damaged PDF: page ${number} cannot be read; Casefile cannot import it.`,
        { cause: error },
      )
    }
  }
  return pages
}

/** Text items in content order into lines: a line ends at an end-of-line mark or a new baseline. */
function linesOf(items: readonly TextItem[]): Line[] {
  const lines: Line[] = []
  let line: Line | undefined
  let end = 0
  const finish = () => {
    if (line && line.text.trim() !== '') lines.push({ ...line, text: squash(line.text) })
    line = undefined
  }
  for (const item of items) {
    const [, , c = 0, d = 0, x = 0, y = 0] = item.transform as number[]
    const size = Math.hypot(c, d) || item.height
    if (line && Math.abs(y - line.y) > Math.max(size, line.size) / 2) finish()
    if (line) {
      // Items apart on the line without a space between them are separate words.
      const apart =
        (x > end + size * 0.15 || x < end - size) && !/\s$/.test(line.text) && !/^\s/.test(item.str)
      line.text += (apart ? ' ' : '') + item.str
      line.size = Math.max(line.size, size)
    } else if (item.str.trim() !== '') {
      line = { text: item.str, y, size }
    }
    end = x + item.width
    if (item.hasEOL) finish()
  }
  finish()
  return lines
}

/**
 * The document's usual line spacing as a multiple of the font size: the most common gap between
 * consecutive lines of one size, which paragraph breaks are measured against.
 */
function lineSpacing(pages: readonly Line[][]): number {
  const counts = new Map<number, number>()
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const above = lines[i - 1]
      const below = lines[i]
      if (!above || !below || Math.abs(above.size - below.size) > 0.5 || below.size <= 0) continue
      const ratio = (above.y - below.y) / below.size
      if (ratio <= 0.8 || ratio >= 3) continue
      const bucket = Math.round(ratio * 20) / 20
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1)
    }
  }
  let best = 1.2
  let bestCount = 0
  for (const [ratio, count] of counts) {
    if (count > bestCount || (count === bestCount && ratio < best))
      [best, bestCount] = [ratio, count]
  }
  // Lines are rarely set wider than 1.6 times their size: a wider "most common gap" is the
  // space between one-line paragraphs, not between lines.
  return Math.min(Math.max(best, 1), 1.6)
}

/** One page's lines into paragraphs, each tagged with the page. */
function paragraphs(lines: readonly Line[], spacing: number, page: number): DraftBlock[] {
  const blocks: DraftBlock[] = []
  let text = ''
  let previous: Line | undefined
  for (const line of lines) {
    if (previous && text !== '' && endsParagraph(previous, line, spacing)) {
      blocks.push({ type: 'paragraph', text, page })
      text = ''
    }
    text = text === '' ? line.text : joinLines(text, line.text)
    previous = line
  }
  if (text !== '') blocks.push({ type: 'paragraph', text, page })
  return blocks
}

function endsParagraph(above: Line, below: Line, spacing: number): boolean {
  const size = Math.max(above.size, below.size)
  if (Math.abs(above.size - below.size) > size * 0.15) return true
  const gap = above.y - below.y
  // Upwards (a new column, a text box) or noticeably taller than the usual line spacing.
  return gap <= 0 || gap > size * spacing * 1.3
}

/** "inci-" + "dent" → "incident"; "e-" + "Albania" → "e-Albania"; otherwise a space. */
function joinLines(text: string, next: string): string {
  if (text.endsWith('\u00ad')) return text.slice(0, -1) + next
  if (/\p{L}[-\u2010]$/u.test(text) && /^\p{Ll}/u.test(next)) return text.slice(0, -1) + next
  if (/[\p{L}\p{N}][-\u2010]$/u.test(text)) return text + next
  return `${text} ${next}`
}

function squash(value: string): string {
  return value.replace(/\s+/g, ' ').trim()
}

function text(value: unknown): string {
  return typeof value === 'string' ? squash(value) : ''
}

/** Producers' placeholders are not titles. */
function usefulTitle(title: string): string | undefined {
  return title === '' || /^(untitled|no title|title)$/i.test(title) ? undefined : title
}

/**
 * A PDF date (`D:YYYYMMDDHHmmSSOHH'mm'`, every part after the year optional) as ISO 8601, as
 * precise as the date is and with its offset; null if it is not one.
 */
export function pdfDate(value: string): string | null {
  const match =
    /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?/.exec(
      value.trim(),
    )
  if (!match) return null
  const [, year, month, day, hour, minute, second, zulu, sign, offsetHour, offsetMinute] = match
  if (month && !inRange(month, 1, 12)) return null
  if (day && !inRange(day, 1, 31)) return null
  if (!month || !day) return month ? `${year}-${month}` : (year ?? null)
  if (!hour || !inRange(hour, 0, 23)) return `${year}-${month}-${day}`
  const time = `${hour}:${minute && inRange(minute, 0, 59) ? minute : '00'}:${second && inRange(second, 0, 59) ? second : '00'}`
  const zone = zulu ? 'Z' : sign && offsetHour ? `${sign}${offsetHour}:${offsetMinute ?? '00'}` : ''
  return `${year}-${month}-${day}T${time}${zone}`
}

function inRange(digits: string, low: number, high: number): boolean {
  const value = Number(digits)
  return value >= low && value <= high
}

/** An XMP date is ISO 8601 already; kept if it is a date at all. */
function isoDate(value: string): string | null {
  return value !== '' && !Number.isNaN(Date.parse(value)) ? value : null
}
