/**
 * Child process of run.ts (through formats.ts): the import rate of one format. Writes the files
 * to a folder (not timed), imports one into a scratch library to load the importer and to check
 * that the extension is accepted, then times `importPaths` on the folder (8 files in flight,
 * `Library.importFile` each, as an analyst's folder import runs) into a fresh library per round.
 * For HTML it then imports each page alone into another fresh library, for the slowest page.
 *
 * Usage: node --expose-gc --import tsx tests/bench/importFormats.ts <format> <work folder> <pool cache.json> [options] <out.json>
 */
import { readFile, rm, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { Library } from '../../electron/core/library'
import { importPaths } from '../../electron/core/importPaths'
import { toApiError } from '../../shared/api'
import { parseOptions, reportCrash, writeResult } from './child'
import {
  copyEmails,
  copyWebPages,
  emailDir,
  textPool,
  webPagesDir,
  writeMarkdown,
  writePdfs,
  writePlainText,
} from './formatFiles'
import { formatNames, formatPlans, type FormatName, type FormatResult } from './formats'
import { progress, round, summarize } from './stats'

const pdfPages = 5

async function writeFiles(
  format: FormatName,
  folder: string,
  seed: number,
  poolCache: string,
): Promise<{ paths: string[] | undefined; describe: string; absent: string }> {
  const { count } = formatPlans[format]
  const generated = async (
    make: (pool: Awaited<ReturnType<typeof textPool>>) => Promise<string[]>,
  ) => {
    const pool = await textPool(seed, poolCache)
    return { paths: await make(pool), synthetic: pool.synthetic }
  }
  const words = (synthetic: boolean) => (synthetic ? ', synthetic words: no corpora' : '')
  switch (format) {
    case 'text': {
      const { paths, synthetic } = await generated(({ pool }) =>
        writePlainText(folder, pool, count, seed + 11),
      )
      return { paths, describe: `${paths.length} × ≈5 KB${words(synthetic)}`, absent: '' }
    }
    case 'markdown': {
      const { paths, synthetic } = await generated(({ pool }) =>
        writeMarkdown(folder, pool, count, seed + 12),
      )
      return {
        paths,
        describe: `${paths.length} × ≈5 KB notes with front matter${words(synthetic)}`,
        absent: '',
      }
    }
    case 'pdf': {
      const { paths, synthetic } = await generated(({ pool }) =>
        writePdfs(folder, pool, count, pdfPages, seed + 13),
      )
      return {
        paths,
        describe: `${paths.length} × ${pdfPages} pages${words(synthetic)}`,
        absent: '',
      }
    }
    case 'html': {
      const paths = await copyWebPages(folder)
      const rounds = formatPlans.html.rounds
      return {
        paths,
        describe: paths ? `${paths.length} real pages × ${rounds} rounds` : '',
        absent: `${webPagesDir} is absent`,
      }
    }
    case 'email': {
      const paths = await copyEmails(folder)
      return {
        paths,
        describe: paths ? `${paths.length} real e-mails` : '',
        absent: `${emailDir} is absent`,
      }
    }
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const [format, work, poolCache, out] = [argv[0], argv[1], argv[2], argv.at(-1)]
  if (!formatNames.includes(format as FormatName) || !work || !poolCache || !out || argv.length < 4)
    throw new Error(
      `usage: importFormats.ts <${formatNames.join('|')}> <work folder> <pool cache.json> [options] <out.json>`,
    )
  const name = format as FormatName
  const options = parseOptions(argv)
  const { rounds } = formatPlans[name]
  const result: FormatResult = {
    format: name,
    notMeasured: null,
    files: 0,
    describe: '',
    rounds,
    imported: 0,
    duplicates: 0,
    skipped: 0,
    failed: 0,
    firstFailure: null,
    bytes: 0,
    seconds: 0,
    perSecond: 0,
    mbPerSecond: 0,
    coldFirstFileMs: null,
    roundSeconds: [],
    alone: null,
  }
  const folder = join(work, 'files')
  const writing = performance.now()
  const { paths, describe, absent } = await writeFiles(name, folder, options.seed, poolCache)
  result.describe = describe
  if (!paths) {
    result.notMeasured = absent
    return writeResult(out, result)
  }
  result.files = paths.length
  const sizes = await Promise.all(paths.map((path) => stat(path).then((info) => info.size)))
  const bytesPerRound = sizes.reduce((sum, size) => sum + size, 0)
  progress(
    `import ${name}: wrote ${paths.length} files (${round(bytesPerRound / 1048576, 1)} MB) in ${round((performance.now() - writing) / 1000, 1)} s`,
  )

  // One file into a scratch library: loads the importer (jsdom, pdf.js, postal-mime…) outside the
  // timed rounds, and finds out whether the extension is accepted at all.
  const first = paths[0] as string
  const scratch = await Library.open(join(work, 'scratch'))
  try {
    const bytes = await readFile(first)
    const started = performance.now()
    await scratch.importFile(first, bytes)
    result.coldFirstFileMs = round(performance.now() - started, 1)
  } catch (error) {
    // Any other refusal is this one file's: the timed rounds count it with the others.
    if (toApiError(error).code === 'unsupported_format') {
      result.notMeasured = `${extname(first)} files are not accepted yet (unsupported_format)`
      return writeResult(out, result)
    }
  } finally {
    await scratch.close()
    await rm(join(work, 'scratch'), { recursive: true, force: true })
  }

  for (let run = 1; run <= rounds; run++) {
    const dir = join(work, `library-${run}`)
    const library = await Library.open(dir)
    const started = performance.now()
    for await (const file of importPaths(library, [folder])) {
      if (file.status === 'imported') result.imported++
      else if (file.status === 'duplicate') result.duplicates++
      else if (file.status === 'skipped') result.skipped++
      else if (file.status === 'error') {
        result.failed++
        result.firstFailure ??= file.error
      }
    }
    const seconds = (performance.now() - started) / 1000
    result.roundSeconds.push(round(seconds, 2))
    result.seconds = round(result.seconds + seconds, 2)
    result.bytes += bytesPerRound
    progress(
      `import ${name}${rounds > 1 ? `, round ${run}/${rounds}` : ''}: ${paths.length} files in ${round(seconds, 2)} s (${round(paths.length / seconds, 1)} files/s)`,
    )
    await library.close() // saves the index: not part of the import rate
    await rm(dir, { recursive: true, force: true })
  }
  result.perSecond = round(result.imported / result.seconds, 1)
  result.mbPerSecond = round(result.bytes / 1048576 / result.seconds, 2)
  await writeResult(out, result)

  if (name === 'html') {
    // Each page alone, one at a time, so a page's time is its own and not its neighbours'.
    const dir = join(work, 'library-alone')
    const library = await Library.open(dir)
    const times: Array<{ file: string; ms: number }> = []
    for (const path of paths) {
      const bytes = await readFile(path)
      const started = performance.now()
      await library.importFile(path, bytes).catch(() => undefined) // failures are counted above
      times.push({ file: basename(path), ms: performance.now() - started })
    }
    await library.close()
    await rm(dir, { recursive: true, force: true })
    const slowest = times.reduce((a, b) => (b.ms > a.ms ? b : a))
    result.alone = {
      slowestFile: slowest.file,
      slowestMs: round(slowest.ms, 0),
      medianMs: round(summarize(times.map((t) => t.ms)).p50, 0),
    }
    progress(`import html: slowest page alone ${slowest.file} ${result.alone.slowestMs} ms`)
    await writeResult(out, result)
  }
}

main().then(() => process.exit(0), reportCrash)
