import { createHash } from 'node:crypto'
import { open, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { CasefileError } from '../../shared/api'
import { SourceSchema, type Source } from '../../shared/model'
import { savingFailed, syncFolder } from './durableFile'

/**
 * One line per group commit: `<checksum> <json>\n`, where the JSON is `{"sources": [...]}` (whole
 * source records, upserted by id when read) and the checksum is the first 16 hex digits of its
 * sha256. A group is one write and one fsync, so it is all there or not at all: its line is intact
 * (newline and checksum) or it is the torn tail of the last write, which was never acknowledged.
 */
const GroupSchema = z.looseObject({ sources: z.array(SourceSchema.loose()) })

const checksumLength = 16
const newline = 0x0a

function checksum(json: string | Uint8Array): string {
  return createHash('sha256').update(json).digest('hex').slice(0, checksumLength)
}

/** The line that records these sources as they are now (taken at once, before any wait). */
export function journalLine(sources: readonly Source[]): string {
  // JSON.stringify escapes every newline inside strings, so a record never spans two lines.
  const json = JSON.stringify({ sources })
  return `${checksum(json)} ${json}\n`
}

/** The JSON of an intact line, or undefined for a line a torn write could have left. */
function decodeLine(line: Buffer): unknown {
  if (line.length <= checksumLength || line[checksumLength] !== 0x20) return undefined
  const json = line.subarray(checksumLength + 1)
  if (checksum(json) !== line.toString('latin1', 0, checksumLength)) return undefined
  try {
    return JSON.parse(json.toString('utf8'))
  } catch {
    return undefined
  }
}

/**
 * The append-only journal beside the catalog snapshot (`casefile.journal` beside
 * `casefile.json`): each group commit of changed sources appends one line and fsyncs it, instead
 * of rewriting the whole catalog. See `CatalogStore` for when it is folded into the snapshot.
 */
export class CatalogJournal {
  private constructor(
    readonly path: string,
    private size: number,
    /** False until the file exists and its name is durable. */
    private created: boolean,
  ) {}

  /**
   * Reads the journal: its groups of source records, oldest first. A torn last line (a write cut
   * short by a crash, never acknowledged) is dropped and cut off the file, so the next append
   * does not land behind it; any other damaged line is refused and the file left untouched.
   */
  static async open(path: string): Promise<{ journal: CatalogJournal; groups: Source[][] }> {
    let bytes: Buffer
    try {
      bytes = await readFile(path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { journal: new CatalogJournal(path, 0, false), groups: [] }
      throw unreadable(path, error instanceof Error ? error.message : String(error), error)
    }
    const groups: Source[][] = []
    let offset = 0
    for (let lineNumber = 1; offset < bytes.length; lineNumber++) {
      const end = bytes.indexOf(newline, offset)
      const last = end === -1 || end === bytes.length - 1
      const data = end === -1 ? undefined : decodeLine(bytes.subarray(offset, end))
      if (data === undefined) {
        if (last) break
        throw unreadable(path, `line ${lineNumber} is damaged`)
      }
      const group = GroupSchema.safeParse(data)
      if (!group.success) {
        const issue = group.error.issues[0]
        const where = issue?.path.join('.') ?? ''
        const why = `${where === '' ? '' : `${where}: `}${issue?.message ?? 'invalid'}`
        throw unreadable(path, `line ${lineNumber} does not hold source records (${why})`)
      }
      groups.push(group.data.sources)
      offset = end + 1
    }
    if (offset < bytes.length) {
      const file = await open(path, 'r+')
      try {
        await file.truncate(offset)
        await file.datasync()
      } finally {
        await file.close()
      }
    }
    return { journal: new CatalogJournal(path, offset, true), groups }
  }

  /** Bytes of intact records in the journal. */
  get bytes(): number {
    return this.size
  }

  /**
   * Appends one line and resolves once it is durable. A failed append is taken back (as far as
   * the disk lets it), so no line cut short by a full disk stays before the next one, and a line
   * whose caller heard it failed does not come back at the next open.
   */
  async append(line: string): Promise<void> {
    try {
      const file = await open(this.path, 'a')
      try {
        await file.writeFile(line)
        await file.datasync()
      } catch (error) {
        await file.truncate(this.size).catch(() => undefined)
        throw error
      } finally {
        await file.close()
      }
      if (!this.created) {
        await syncFolder(dirname(this.path))
        this.created = true
      }
    } catch (error) {
      throw savingFailed(this.path, error)
    }
    this.size += Buffer.byteLength(line)
  }

  /** Empties the journal, once the snapshot holds everything it recorded. */
  async clear(): Promise<void> {
    if (!this.created) return
    const file = await open(this.path, 'r+')
    try {
      await file.truncate(0)
      await file.datasync()
    } finally {
      await file.close()
    }
    this.size = 0
  }
}

function unreadable(path: string, why: string, cause?: unknown): CasefileError {
  return new CasefileError(
    'library_corrupt',
    `${path} cannot be read (${why}). It has been left untouched.`,
    { cause },
  )
}
