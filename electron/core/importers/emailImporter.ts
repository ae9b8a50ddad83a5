import PostalMime, { addressParser, decodeWords, type Address, type Email } from 'postal-mime'
import { CasefileError } from '../../../shared/api'
import type { Attachment } from '../../../shared/model'
import { paragraphsOf } from '../../../shared/text'
import { decodeAs, decodeText, mendC1 } from './decodeText'
import { canonicalLanguage } from './detectLanguage'
import { documentFromHtml } from './htmlImporter'
import type { ImportedDocument, Importer } from './importedDocument'

/**
 * E-mail (RFC 822 / MIME), read by postal-mime. The From header is the author, the Subject the
 * title, the Date the publication date; the text/plain body is preferred to the HTML one, and
 * attachments are listed in the details, not imported. Three misreadings are mended on the way:
 * header bytes that are not UTF-8 (old mail writes Latin-1 raw) and body parts that declare no
 * charset, both of which postal-mime reads as UTF-8 with U+FFFD, and the C1 controls Node's
 * windows-1252 decoder leaves where curly quotes and dashes should be.
 */
export const emailImporter: Importer = {
  name: 'email',
  version: '2', // 2: HTML parts read by parse5 and linkedom, not jsdom
  extensions: ['.eml'],
  async parse(bytes, fileName) {
    decodeText(bytes.subarray(0, 8192), fileName) // refuses empty and binary files
    const { email, bodyCharsets } = await parseMime(bytes, fileName)
    if (!email.headers.some((header) => messageHeaders.has(header.key))) {
      throw new CasefileError(
        'bad_file',
        `${fileName} is not an e-mail (no From, Subject or Date header).`,
      )
    }
    const bodyCharset = bodyCharsets.get('text/plain') ?? bodyCharsets.get('text/html')
    const headers = headerReader(email, bytes, bodyCharset)
    const document: Omit<ImportedDocument, 'blocks'> = {
      kind: 'email',
      title: oneLine(mendC1(decodeWords(headers.first('subject')))) || '(no subject)',
      authors: addresses(headers.all('from')).slice(0, 1),
      publishedAt: isoDate(email.date),
      url: null,
      charset: bodyCharset ?? 'us-ascii',
      language: declaredLanguage(headers.first('content-language')),
      details: details(email, addresses(headers.all('to'))),
    }
    const text = mendC1(email.text ?? '')
    if (text.trim() !== '') return { ...document, blocks: paragraphsOf(text) }
    if (email.html !== undefined && email.html.trim() !== '') {
      const charset = bodyCharsets.get('text/html') ?? document.charset
      const html = documentFromHtml(mendC1(email.html), fileName, charset)
      return { ...document, charset, blocks: html.blocks }
    }
    throw new CasefileError('bad_file', `${fileName} has no text body (only attachments?).`)
  },
}

/** Any one of these makes a file an e-mail; postal-mime reads anything at all as one. */
const messageHeaders = new Set(['from', 'subject', 'date', 'message-id'])

type TextType = 'text/plain' | 'text/html'

/**
 * The parts of postal-mime 4's MIME tree that are read here. They are internal to it (its public
 * `Email` does not say which charset a part had), so every access is checked at run time.
 */
type MimePart = {
  contentType?: { parsed?: { value?: string; params?: Record<string, string> } }
  contentDisposition?: { parsed?: { value?: string } }
  content?: ArrayBuffer | null
}
type ParserInternals = { collectNode?: (part: MimePart, ...rest: unknown[]) => Promise<void> }

/**
 * Parses the message. Each text part's charset is settled just before postal-mime decodes it, so
 * that a part declaring none is read as UTF-8 only when it is valid UTF-8; the charset of the
 * first part of each text type is returned with the message.
 */
async function parseMime(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ email: Email; bodyCharsets: Map<TextType, string> }> {
  const parser = new PostalMime()
  const bodyCharsets = new Map<TextType, string>()
  const internals = parser as unknown as ParserInternals
  const collectNode = internals.collectNode?.bind(parser)
  if (collectNode) {
    internals.collectNode = (part, ...rest) => {
      settleCharset(part, bodyCharsets)
      return collectNode(part, ...rest)
    }
  }
  try {
    return { email: await parser.parse(bytes), bodyCharsets }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new CasefileError('bad_file', `${fileName} cannot be read as an e-mail: ${reason}.`, {
      cause: error,
    })
  }
}

function settleCharset(part: MimePart, bodyCharsets: Map<TextType, string>): void {
  const type = part.contentType?.parsed?.value
  const params = part.contentType?.parsed?.params
  if ((type !== 'text/plain' && type !== 'text/html') || !params) return
  if (part.contentDisposition?.parsed?.value === 'attachment') return
  const charset = partCharset(
    params.charset?.trim().toLowerCase() || undefined,
    new Uint8Array(part.content ?? new ArrayBuffer(0)),
  )
  params.charset = charset
  if (!bodyCharsets.has(type)) bodyCharsets.set(type, charset)
}

/** A declared charset, but RFC 2045's default US-ASCII only while the bytes are ASCII. */
function partCharset(declared: string | undefined, content: Uint8Array): string {
  if (declared && !asciiLabels.has(declared)) return declared
  if (isAscii(content)) return declared ?? 'us-ascii'
  return isUtf8(content) ? 'utf-8' : 'windows-1252'
}

const asciiLabels = new Set(['us-ascii', 'ascii', 'ansi_x3.4-1968'])

function isAscii(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte < 0x80)
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

/**
 * The top-level headers as a person reads them. postal-mime decodes header bytes as UTF-8, so a
 * value with U+FFFD is read again from the file's own bytes: UTF-8 if they are valid as such,
 * else the charset of the message's body, else Windows-1252.
 */
function headerReader(email: Email, bytes: Uint8Array, bodyCharset: string | undefined) {
  let raw: RawHeader[] | undefined
  const fallback = bodyCharset && !asciiLabels.has(bodyCharset) ? bodyCharset : 'windows-1252'
  const all = (key: string): string[] =>
    email.headers
      .filter((header) => header.key === key)
      .map(({ value }, nth) => {
        if (!value.includes('\uFFFD')) return mendC1(value)
        raw ??= rawHeaders(bytes)
        const original = raw.filter((header) => header.key === key)[nth]?.value
        return original ? decodeHeaderBytes(original, fallback) : value
      })
  return { all, first: (key: string): string => all(key)[0] ?? '' }
}

type RawHeader = { key: string; value: Uint8Array }

/** The top-level header block split as postal-mime splits it, keeping each value's bytes. */
function rawHeaders(bytes: Uint8Array): RawHeader[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const ends = [buffer.indexOf('\n\n'), buffer.indexOf('\n\r\n')].filter((at) => at >= 0)
  // One character per byte, so that a value's bytes come back unchanged.
  const block = buffer.toString('latin1', 0, ends.length > 0 ? Math.min(...ends) : undefined)
  const headers: { key: string; value: string }[] = []
  for (const line of block.split('\n').map((text) => text.replace(/\r+$/, ''))) {
    const last = headers.at(-1)
    if (last && /^[ \t]/.test(line)) {
      last.value += line
      continue
    }
    const separator = line.indexOf(':')
    const key = separator < 0 ? line : line.slice(0, separator)
    headers.push({
      key: key.trim().toLowerCase(),
      value: separator < 0 ? '' : line.slice(separator + 1),
    })
  }
  return headers.map(({ key, value }) => ({
    key,
    value: Buffer.from(value.replace(/\r/g, ' ').trim(), 'latin1'),
  }))
}

function decodeHeaderBytes(bytes: Uint8Array, fallback: string): string {
  if (isUtf8(bytes)) return new TextDecoder('utf-8').decode(bytes)
  try {
    return decodeAs(bytes, fallback).text
  } catch {
    return decodeAs(bytes, 'windows-1252').text // a label no decoder knows
  }
}

/** Each mailbox of address headers as written for a reader: `Name <address>`, or the address. */
function addresses(values: string[]): string[] {
  const mailboxes = values
    .flatMap((value) => addressParser(value))
    .flatMap((address: Address) => (address.group ? address.group : [address]))
  return mailboxes
    .map(({ name, address }) => {
      const shown = oneLine(mendC1(name))
      return shown && address ? `${shown} <${address}>` : shown || address
    })
    .filter((shown) => shown !== '')
}

function details(email: Email, to: string[]): ImportedDocument['details'] {
  const result: ImportedDocument['details'] = {}
  const messageId = oneLine(email.messageId ?? '')
  if (messageId) result.messageId = messageId
  if (to.length > 0) result.to = to
  const attachments: Attachment[] = email.attachments.map((attachment) => ({
    fileName: oneLine(mendC1(attachment.filename ?? '')),
    contentType: attachment.mimeType,
    size: attachmentSize(attachment.content),
  }))
  if (attachments.length > 0) result.attachments = attachments
  return result
}

function attachmentSize(content: ArrayBuffer | Uint8Array | string): number {
  return typeof content === 'string' ? new TextEncoder().encode(content).length : content.byteLength
}

/** postal-mime gives the Date header as ISO 8601 when it parses, else as written. */
function isoDate(date: string | undefined): string | null {
  const time = Date.parse(date ?? '')
  return Number.isNaN(time) ? null : new Date(time).toISOString()
}

function declaredLanguage(header: string): string | null {
  const first = header.split(',')[0]?.trim() ?? ''
  return first === '' ? null : canonicalLanguage(first)
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
