import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { BlockSchema, type Block } from '../../shared/model'
import { blocksOf } from '../../shared/text'
import { writeFileDurably } from './durableFile'
import type { LibraryLayout } from './paths'

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

const BlocksSchema = z.array(BlockSchema)

/**
 * Content-addressed storage: canonical texts in `bodies/<sha256>.txt` (with their block structure
 * beside them) and imported bytes in `originals/<sha256><ext>`. Written once, never rewritten.
 */
export class ContentStore {
  private readonly textCache = new Map<string, string>()

  constructor(private readonly layout: LibraryLayout) {}

  async putOriginal(bytes: Uint8Array, extension: string): Promise<string> {
    const hash = sha256(bytes)
    await writeOnce(join(this.layout.originals, `${hash}${safeExtension(extension)}`), bytes)
    return hash
  }

  async putText(text: string, blocks: readonly Block[]): Promise<string> {
    const hash = sha256(text)
    await writeOnce(this.bodyPath(hash), text)
    await writeOnce(join(this.layout.bodies, `${hash}.blocks.json`), JSON.stringify(blocks))
    return hash
  }

  async text(hash: string): Promise<string> {
    const cached = this.textCache.get(hash)
    if (cached !== undefined) return cached
    const text = await readFile(this.bodyPath(hash), 'utf8')
    if (sha256(text) !== hash)
      throw new Error(`bodies/${hash}.txt does not match its hash: the file was changed on disk.`)
    this.remember(hash, text)
    return text
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

  /** A small cache: search snippets read the same few texts again and again. */
  private remember(hash: string, text: string): void {
    if (this.textCache.size >= 256) {
      const oldest = this.textCache.keys().next().value
      if (oldest !== undefined) this.textCache.delete(oldest)
    }
    this.textCache.set(hash, text)
  }
}

async function writeOnce(path: string, data: string | Uint8Array): Promise<void> {
  const exists = await stat(path).then(
    () => true,
    () => false,
  )
  if (!exists) await writeFileDurably(path, data)
}

function safeExtension(extension: string): string {
  return /^\.[a-z0-9]{1,10}$/i.test(extension) ? extension.toLowerCase() : '.bin'
}
