import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { BlockSchema, type Block } from '../../shared/model'
import { foldWithMap, type FoldedText } from '../../shared/search'
import { blocksOf } from '../../shared/text'
import { FolderSync, writeFileAtomically } from './durableFile'
import type { LibraryLayout } from './paths'

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

const BlocksSchema = z.array(BlockSchema)

/**
 * Content-addressed storage: canonical texts in `bodies/<sha256>.txt` (with their block structure
 * beside them) and imported bytes in `originals/<sha256><ext>`. Written once, never rewritten.
 * Each put resolves once its files are durable, so a catalog record saved after it never points
 * at a file a crash could take away. Imports in flight share the fsync of each folder.
 */
export class ContentStore {
  private readonly textCache = new Map<string, string>()
  private readonly foldedCache = new Map<string, FoldedText>()
  private readonly originals: FolderSync
  private readonly bodies: FolderSync

  constructor(private readonly layout: LibraryLayout) {
    this.originals = new FolderSync(layout.originals)
    this.bodies = new FolderSync(layout.bodies)
  }

  async putOriginal(bytes: Uint8Array, extension: string): Promise<string> {
    const hash = sha256(bytes)
    const path = join(this.layout.originals, `${hash}${safeExtension(extension)}`)
    await writeOnce(path, bytes)
    await this.originals.sync()
    return hash
  }

  async putText(text: string, blocks: readonly Block[]): Promise<string> {
    const hash = sha256(text)
    await Promise.all([
      writeOnce(this.bodyPath(hash), text),
      writeOnce(join(this.layout.bodies, `${hash}.blocks.json`), JSON.stringify(blocks)),
    ])
    await this.bodies.sync()
    return hash
  }

  async text(hash: string): Promise<string> {
    return this.textNow(hash)
  }

  /**
   * A text, read at once: search reads the texts of twenty hits and more per query, and each read
   * through the thread pool (open, stat, read, close) cost more than the read itself.
   */
  textNow(hash: string): string {
    const cached = this.textCache.get(hash)
    if (cached !== undefined) return cached
    const text = readFileSync(this.bodyPath(hash), 'utf8')
    if (sha256(text) !== hash)
      throw new Error(`bodies/${hash}.txt does not match its hash: the file was changed on disk.`)
    remember(this.textCache, 256, hash, text) // search snippets read the same few texts again
    return text
  }

  /**
   * A text folded as search compares it (`foldWithMap`), at once: a phrase or an exclusion is
   * checked in the folded texts of up to hundreds of candidates, which the next queries mostly
   * share, and the snippet of one that matched is cut from the same fold. Kept for 2,048 texts
   * (about 10 MB at 5 KB each).
   */
  folded(hash: string): FoldedText {
    const cached = this.foldedCache.get(hash)
    if (cached !== undefined) return cached
    const folded = foldWithMap(this.textNow(hash))
    remember(this.foldedCache, 2048, hash, folded)
    return folded
  }

  async blocks(hash: string, text: string): Promise<Block[]> {
    try {
      return BlocksSchema.parse(
        JSON.parse(await readFile(join(this.layout.bodies, `${hash}.blocks.json`), 'utf8')),
      )
    } catch {
      return blocksOf(text) // the structure is a convenience; the text alone is the record
    }
  }

  private bodyPath(hash: string): string {
    return join(this.layout.bodies, `${hash}.txt`)
  }
}

/**
 * Writes a content-addressed file unless it is there. Its name is durable only after the next
 * fsync of its folder, which the caller awaits even when the file was there (a put still in
 * flight may have just renamed it).
 */
/** Keeps at most `size` entries, forgetting the oldest. */
function remember<T>(cache: Map<string, T>, size: number, key: string, value: T): void {
  if (cache.size >= size) {
    const oldest = cache.keys().next().value
    if (oldest !== undefined) cache.delete(oldest)
  }
  cache.set(key, value)
}

async function writeOnce(path: string, data: string | Uint8Array): Promise<void> {
  const exists = await stat(path).then(
    () => true,
    () => false,
  )
  if (!exists) await writeFileAtomically(path, data)
}

function safeExtension(extension: string): string {
  return /^\.[a-z0-9]{1,10}$/i.test(extension) ? extension.toLowerCase() : '.bin'
}
