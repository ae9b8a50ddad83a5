import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Bench material: ≈5 KB plain-text sources stitched from the shared corpora (e-mail bodies, web
 * pages with their tags crudely stripped, the seed article). Filler text only: nothing here is
 * an importer. Everything is drawn with a seeded PRNG, so two runs build the same library.
 */

export const corporaDir = fileURLToPath(new URL('../../../shared/corpora', import.meta.url))

export type Pool = {
  /** Distinct paragraphs, whitespace collapsed. */
  paragraphs: string[]
  /** Display names from e-mail `From:` headers and the seed author. */
  names: string[]
  /** E-mail subjects and the seed title, used in source titles. */
  subjects: string[]
  counts: { emails: number; undecodableAsUtf8: number; webPages: number }
}

/** mulberry32: small, fast, and repeatable. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)]
  if (item === undefined) throw new Error('pick from an empty list')
  return item
}

export function corporaAvailable(): boolean {
  return (
    existsSync(join(corporaDir, 'email', 'easy-ham-2')) && existsSync(join(corporaDir, 'web-pages'))
  )
}

export async function loadPool(): Promise<Pool> {
  const paragraphs = new Set<string>()
  const names = new Set<string>()
  const subjects = new Set<string>()
  const counts = { emails: 0, undecodableAsUtf8: 0, webPages: 0 }

  const mailDir = join(corporaDir, 'email', 'easy-ham-2')
  for (const file of (await readdir(mailDir)).filter((name) => name.endsWith('.txt')).sort()) {
    const bytes = await readFile(join(mailDir, file))
    let raw: string
    try {
      raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      raw = new TextDecoder('latin1').decode(bytes)
      counts.undecodableAsUtf8++
    }
    counts.emails++
    const mail = raw.replace(/\r\n?/g, '\n')
    const split = mail.indexOf('\n\n')
    if (split < 0) continue
    const header = mail.slice(0, split).replace(/\n[ \t]+/g, ' ')
    const from = /^From:\s*(.*)$/im.exec(header)?.[1]
    const name = from === undefined ? undefined : displayName(from)
    if (name) names.add(name)
    const subject = /^Subject:\s*(.*)$/im
      .exec(header)?.[1]
      ?.replace(/^((re|fwd?):\s*)+/i, '')
      .trim()
    if (subject && subject.length >= 6 && subject.length <= 80 && !/[=?]{2}/.test(subject))
      subjects.add(subject)
    let body = mail.slice(split + 2)
    // MIME scaffolding out: boundaries and part headers; a part in HTML loses its tags.
    body = body.replace(/^--.*$/gm, '\n').replace(/^Content-[\w-]+:.*(\n[ \t].*)*$/gim, '\n')
    if (/<(p|div|br|html|body)\b/i.test(body)) body = stripTags(body)
    for (const paragraph of splitParagraphs(body, true)) paragraphs.add(paragraph)
  }

  const webDir = join(corporaDir, 'web-pages')
  for (const page of (await readdir(webDir, { withFileTypes: true })).filter((entry) =>
    entry.isDirectory(),
  )) {
    const path = join(webDir, page.name, 'source.html')
    if (!existsSync(path)) continue
    counts.webPages++
    for (const paragraph of splitParagraphs(stripTags(await readFile(path, 'utf8')), false))
      paragraphs.add(paragraph)
  }

  const seedPath = join(corporaDir, 'seed', '000_8a4d57ad23c83c30.txt')
  if (existsSync(seedPath)) {
    const lines = (await readFile(seedPath, 'utf8')).split('\n')
    const author = /^From:\s*(.*)$/.exec(lines[0] ?? '')?.[1]?.trim()
    if (author) names.add(author)
    if (lines[1]) subjects.add(lines[1].trim())
    for (const paragraph of splitParagraphs(lines.slice(2).join('\n'), false))
      paragraphs.add(paragraph)
  }

  return { paragraphs: [...paragraphs], names: [...names], subjects: [...subjects], counts }
}

function displayName(from: string): string | undefined {
  const candidates = [
    /^"?([^"<]+?)"?\s*</.exec(from)?.[1], // "Name" <address>
    /\(([^)]+)\)/.exec(from)?.[1], // address (Name)
  ]
  for (const candidate of candidates) {
    const name = candidate?.trim()
    if (name && /^\p{L}[\p{L}.'’ -]{2,39}$/u.test(name) && name.includes(' ')) return name
  }
  return undefined
}

const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  rsquo: '’',
  lsquo: '‘',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
}

/** Crude, bench-only tag stripping: block ends become paragraph breaks, everything else goes. */
function stripTags(html: string): string {
  return html
    .replace(/<(script|style|head|svg|noscript)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(
      /<\/(p|div|h[1-6]|li|blockquote|section|article|td|tr|table|pre)>|<br\s*\/?>/gi,
      '\n\n',
    )
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => safeCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => safeCodePoint(parseInt(dec, 10)))
    .replace(/&([a-z]+);/gi, (whole, name: string) => entities[name.toLowerCase()] ?? whole)
}

function safeCodePoint(code: number): string {
  return code > 0 && code < 0x110000 && !(code >= 0xd800 && code < 0xe000)
    ? String.fromCodePoint(code)
    : ' '
}

function splitParagraphs(text: string, mail: boolean): string[] {
  const result: string[] = []
  for (const block of text.split(/\n[ \t]*\n/)) {
    let lines = block.split('\n')
    if (mail)
      lines = lines
        .map((line) => line.replace(/^\s*(>\s*)+/, ''))
        .filter((line) => !/^\s*[-_=*]{4,}\s*$/.test(line))
    const paragraph = lines.join(' ').replace(/\s+/g, ' ').trim()
    if (paragraph.length < 60 || paragraph.length > 1500) continue
    const letters = paragraph.match(/[\p{L}\s]/gu)?.length ?? 0
    if (letters / paragraph.length < 0.8) continue // base64, quoted-printable, code, tables
    if (/^[\w-]+:\s/.test(paragraph) && paragraph.length < 200) continue // stray header lines
    result.push(paragraph)
  }
  return result
}

export type SourcePlan = { title: string; author: string; paragraphs: number[] }

const targetChars = 5000

/**
 * N distinct sources: a numbered title, an author, and paragraphs drawn until ≈5 KB. No two
 * sources share the same paragraph sequence, so no import is a duplicate.
 */
export function planSources(pool: Pool, count: number, seed: number): SourcePlan[] {
  const random = prng(seed)
  const seen = new Set<string>()
  const plans: SourcePlan[] = []
  while (plans.length < count) {
    const chosen: number[] = []
    let length = 0
    while (length < targetChars) {
      const index = Math.floor(random() * pool.paragraphs.length)
      if (chosen.includes(index)) continue
      chosen.push(index)
      length += (pool.paragraphs[index]?.length ?? 0) + 2
    }
    const key = chosen.join(',')
    if (seen.has(key)) continue
    seen.add(key)
    const n = plans.length + 1
    plans.push({
      title: `${n}. ${pick(random, pool.subjects)}`,
      author: pick(random, pool.names),
      paragraphs: chosen,
    })
  }
  return plans
}

/** The file a source is imported from: a `From:` line, the title line, then the paragraphs. */
export function renderSource(pool: Pool, plan: SourcePlan): string {
  const body = plan.paragraphs.map((index) => pool.paragraphs[index] ?? '').join('\n\n')
  return `From: ${plan.author}\n${plan.title}\n\n${body}\n`
}
