import { existsSync } from 'node:fs'
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { makePdf, type Page } from '../support/makePdf'
import {
  corporaAvailable,
  corporaDir,
  loadPool,
  pick,
  planSources,
  prng,
  renderSource,
  type Pool,
} from './corpus'
import { inParallel } from './stats'

/**
 * The files of the "import rate by format" phase, written to a folder as an analyst would have
 * them on disk: generated plain text, Markdown and PDF (seeded, so two runs write the same files),
 * and the real web pages and e-mails of the shared corpora. Generating is never timed.
 */

export const webPagesDir = join(corporaDir, 'web-pages')
export const emailDir = join(corporaDir, 'email', 'easy-ham-2')

type TextPool = { pool: Pool; synthetic: boolean }

/**
 * The text the generated formats are made of: the corpora's paragraphs, else seeded word salad.
 * Kept in `cache` (a JSON file) for the next format's process: reading the corpora takes seconds.
 */
export async function textPool(seed: number, cache: string): Promise<TextPool> {
  const cached = await readFile(cache, 'utf8').then(
    (text) => JSON.parse(text) as TextPool,
    () => undefined,
  )
  if (cached) return cached
  const made: TextPool = corporaAvailable()
    ? { pool: await loadPool(), synthetic: false }
    : { pool: syntheticPool(seed), synthetic: true }
  await writeFile(cache, JSON.stringify(made))
  return made
}

const words = (
  'the a of to and in that for on with as by from at an was were is are be been has had have ' +
  'report analyst server network access account login password credential domain address mail ' +
  'message attachment link portal vendor ministry agency company office staff user users ' +
  'attack attacker campaign group operator operators actor infrastructure malware payload loader ' +
  'backdoor implant command control beacon traffic request response certificate update patch ' +
  'outage incident breach leak data file files record records archive database backup system ' +
  'systems service services customer customers public private internal external early late ' +
  'first second third last new old several many few some every each other same different ' +
  'found traced reported confirmed denied disputed observed noticed stopped started returned ' +
  'changed moved sent received opened closed deleted copied encrypted signed registered hosted ' +
  'morning evening night week month year hour day port harbour gate coast road city region ' +
  'country border police court lawyer official officials spokesperson statement notice letter ' +
  'investigation evidence sample samples hash hashes indicator indicators timeline source ' +
  'sources witness witnesses quickly slowly publicly quietly again later before after during ' +
  'while because although however therefore meanwhile according without within between'
).split(' ')

/** For a run without the corpora: sentences of common words, every paragraph different. */
function syntheticPool(seed: number): Pool {
  const random = prng(seed)
  const sentence = () => {
    const length = 8 + Math.floor(random() * 14)
    const text = Array.from({ length }, () => pick(random, words)).join(' ')
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
  }
  const paragraphs = new Set<string>()
  while (paragraphs.size < 4000) {
    const count = 2 + Math.floor(random() * 6)
    paragraphs.add(Array.from({ length: count }, sentence).join(' '))
  }
  const capital = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`
  const names = Array.from(
    { length: 200 },
    (_, n) => `${capital(pick(random, words))} ${capital(pick(random, words))}son ${n + 1}`,
  )
  const subjects = Array.from({ length: 300 }, () => sentence().slice(0, 60).replace(/\.$/, ''))
  return {
    paragraphs: [...paragraphs],
    names,
    subjects,
    counts: { emails: 0, undecodableAsUtf8: 0, webPages: 0 },
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** ≈5 KB plain-text articles, as the bench's own import writes them. */
export async function writePlainText(
  folder: string,
  pool: Pool,
  count: number,
  seed: number,
): Promise<string[]> {
  await mkdir(folder, { recursive: true })
  const plans = planSources(pool, count, seed)
  const paths = plans.map((_, index) => join(folder, `article-${pad(index + 1, 5)}.txt`))
  await inParallel(plans, 16, (plan, index) =>
    writeFile(paths[index] as string, renderSource(pool, plan)),
  )
  return paths
}

const tagChoices = ['phishing', 'apt', 'malware', 'infrastructure', 'follow-up', 'ioc', 'ddos']

/** Sentences of a paragraph, for list items. */
const sentencesOf = (paragraph: string) =>
  paragraph
    .split(/(?<=[.!?])\s+(?=\p{Lu})/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length >= 12)

/** A heading made of a paragraph's first few words. */
function headingOf(paragraph: string): string {
  const text = paragraph
    .split(' ')
    .slice(0, 3 + (paragraph.length % 4))
    .join(' ')
    .replace(/[#*_`[\]<>|]/g, '')
    .replace(/[\s.,;:!?-]+$/, '')
  return text === '' ? 'Notes' : text
}

/**
 * ≈5 KB Markdown notes: YAML front matter (title, author, date, tags), a title heading, then
 * sections with a heading, paragraphs (some with emphasis or a link), bullet and numbered lists
 * and the odd quote. Every note draws its own paragraph sequence, so none is a duplicate.
 */
export async function writeMarkdown(
  folder: string,
  pool: Pool,
  count: number,
  seed: number,
): Promise<string[]> {
  await mkdir(folder, { recursive: true })
  const random = prng(seed + 1)
  const paths: string[] = []
  for (const [index, plan] of planSources(pool, count, seed).entries()) {
    const day = new Date(Date.UTC(2022, 0, 1) + Math.floor(random() * 900) * 86_400_000)
    const tags = [...new Set([pick(random, tagChoices), pick(random, tagChoices)])]
    const lines = [
      '---',
      `title: ${JSON.stringify(plan.title)}`,
      `author: ${JSON.stringify(plan.author)}`,
      `date: ${day.toISOString().slice(0, 10)}`,
      `tags: [${tags.join(', ')}]`,
      '---',
      '',
      `# ${plan.title}`,
      '',
    ]
    for (const [k, at] of plan.paragraphs.entries()) {
      const paragraph = pool.paragraphs[at] ?? ''
      if (k % 3 === 1) lines.push(`## ${headingOf(paragraph)}`, '')
      const sentences = sentencesOf(paragraph)
      if (k % 4 === 2 && sentences.length >= 2) {
        const numbered = random() < 0.4
        sentences.forEach((sentence, n) =>
          lines.push(`${numbered ? `${n + 1}.` : '-'} ${sentence}`),
        )
      } else if (k % 7 === 5) {
        lines.push(`> ${paragraph}`)
      } else {
        const words = paragraph.split(' ')
        const w = Math.floor(random() * words.length)
        const word = words[w] ?? ''
        if (/^\p{L}{4,}$/u.test(word))
          words[w] = random() < 0.5 ? `**${word}**` : `[${word}](https://example.org/${index}/${k})`
        lines.push(words.join(' '))
      }
      lines.push('')
    }
    const path = join(folder, `note-${pad(index + 1, 4)}.md`)
    await writeFile(path, lines.join('\n'))
    paths.push(path)
  }
  return paths
}

const pageWidth = 595 - 2 * 60 // makePdf's A4 page and left margin, the same margin on the right
const linesPerPage = 52 // from y = 780 down to ≈ 60, at 14 points a line

/**
 * PDFs of 5 A4 pages each, Helvetica 11 pt (makePdf, as the PDF import tests make them), every
 * page filled with paragraphs dealt from a shuffled deck, so no two PDFs (nor two pages) match.
 * Helvetica draws WinAnsi only: the paragraphs are the pool's printable-ASCII ones.
 */
export async function writePdfs(
  folder: string,
  pool: Pool,
  count: number,
  pages: number,
  seed: number,
): Promise<string[]> {
  await mkdir(folder, { recursive: true })
  const random = prng(seed)
  const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica)
  const space = font.widthOfTextAtSize(' ', 11)
  const wrap = (paragraph: string): string[] => {
    const lines: string[] = []
    let line = ''
    let width = 0
    for (const word of paragraph.split(' ')) {
      const wordWidth = font.widthOfTextAtSize(word, 11)
      if (line !== '' && width + space + wordWidth > pageWidth) {
        lines.push(line)
        line = ''
      }
      width = line === '' ? wordWidth : width + space + wordWidth
      line = line === '' ? word : `${line} ${word}`
    }
    if (line !== '') lines.push(line)
    return lines
  }
  const printable = pool.paragraphs.filter((paragraph) => /^[\x20-\x7e]+$/.test(paragraph))
  let deck: string[] = []
  const deal = (): string => {
    if (deck.length === 0) {
      deck = [...printable]
      for (let i = deck.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1))
        ;[deck[i], deck[j]] = [deck[j] as string, deck[i] as string]
      }
    }
    return deck.pop() as string
  }
  const paths: string[] = []
  for (let index = 0; index < count; index++) {
    const content: Page[] = []
    for (let p = 0; p < pages; p++) {
      const page: Page = []
      let used = 0
      for (;;) {
        const lines = wrap(deal())
        if (used + lines.length > linesPerPage && page.length > 0) break
        page.push(lines)
        used += lines.length + 1 // the 10-point gap between paragraphs, rounded up to a line
      }
      content.push(page)
    }
    const bytes = await makePdf(content, {
      title: `${index + 1}. ${pick(random, pool.subjects)}`,
      author: pick(random, pool.names),
      created: new Date(Date.UTC(2023, 0, 1) + Math.floor(random() * 600) * 86_400_000),
    })
    const path = join(folder, `report-${pad(index + 1, 3)}.pdf`)
    await writeFile(path, bytes)
    paths.push(path)
  }
  return paths
}

/** The corpora's saved web pages, as `<page>.html` (the importer is chosen by the extension). */
export async function copyWebPages(folder: string): Promise<string[] | undefined> {
  if (!existsSync(webPagesDir)) return undefined
  await mkdir(folder, { recursive: true })
  const paths: string[] = []
  const pages = await readdir(webPagesDir, { withFileTypes: true })
  for (const page of pages.filter((entry) => entry.isDirectory()).sort(byName)) {
    const from = join(webPagesDir, page.name, 'source.html')
    if (!existsSync(from)) continue
    const path = join(folder, `${page.name}.html`)
    await copyFile(from, path)
    paths.push(path)
  }
  return paths
}

/** The corpora's e-mails, `<name>.txt` written as `<name>.eml`. */
export async function copyEmails(folder: string): Promise<string[] | undefined> {
  if (!existsSync(emailDir)) return undefined
  await mkdir(folder, { recursive: true })
  const names = (await readdir(emailDir)).filter((file) => file.endsWith('.txt')).sort()
  const paths = names.map((name) => join(folder, name.replace(/\.txt$/, '.eml')))
  await inParallel(names, 16, (name, index) =>
    copyFile(join(emailDir, name), paths[index] as string),
  )
  return paths
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name)
