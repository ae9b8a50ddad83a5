import { readFileSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { NoteSchema, type Note } from '../../shared/model'
import { JsonStore } from './jsonStore'

// Loose: fields written by a newer Casefile survive this one's writes.
export const NoteFileSchema = NoteSchema.loose()

/**
 * What opening a library reads of each note: everything but the document's structure, which was
 * checked when it was saved and is checked again when the note is opened for editing. Reading a
 * thousand notes this way costs a fraction of walking every document.
 */
const NoteHeadSchema = NoteSchema.extend({ doc: z.unknown() }).loose()
export type NoteHead = Omit<Note, 'doc'>

/** How many note files are read at once when a library opens. */
const readsAtOnce = 32

/**
 * Each note lives in its own small lowdb file (`notes/<id>.json`, the note itself), so saving a
 * note rewrites that note only. Files are opened when a note is read or changed, and stay open.
 */
export class NoteStore {
  private readonly open = new Map<string, Promise<JsonStore<Note>>>()
  /** The files of `open` that have finished opening, for `peek`. */
  private readonly ready = new Map<string, JsonStore<Note>>()

  constructor(private readonly folder: string) {}

  /**
   * Every note's head, from every `.json` file of the folder. A file that cannot be read is left
   * untouched and named in `skipped` (one damaged note does not keep the library closed).
   */
  async heads(skipped: string[]): Promise<NoteHead[]> {
    const names = (await readdir(this.folder)).filter((name) => name.endsWith('.json')).sort()
    const heads: NoteHead[] = []
    for (let at = 0; at < names.length; at += readsAtOnce) {
      const batch = names.slice(at, at + readsAtOnce)
      const read = await Promise.all(batch.map((name) => this.head(name, skipped)))
      for (const head of read) if (head) heads.push(head)
    }
    return heads
  }

  /** The note's file, open for changes. */
  file(id: string): Promise<JsonStore<Note>> {
    let store = this.open.get(id)
    if (!store) {
      // No default: a note whose file has gone is refused (the empty object does not validate).
      store = JsonStore.open(this.path(id), {} as Note, (data) => NoteFileSchema.parse(data))
      this.track(id, store)
    }
    return store
  }

  /** A new note's file: open, holding `note`, not yet written (the caller's `update` writes it). */
  create(note: Note): Promise<JsonStore<Note>> {
    const store = JsonStore.open(this.path(note.id), note, (data) => NoteFileSchema.parse(data))
    this.track(note.id, store)
    return store
  }

  /**
   * A note as it stands, at once, for search (which reads a few per query, where a file read
   * through the thread pool cost more than the read): the open file's data, else the file read
   * from disk (nothing else writes it while it is closed). Undefined when the file is missing or
   * damaged (the library names it when it opens).
   */
  peek(id: string): NoteHead | undefined {
    const ready = this.ready.get(id)
    if (ready) return ready.damage ? undefined : ready.data
    try {
      return NoteHeadSchema.parse(JSON.parse(readFileSync(this.path(id), 'utf8')))
    } catch {
      return undefined
    }
  }

  private track(id: string, store: Promise<JsonStore<Note>>): void {
    store.then(
      (opened) => this.ready.set(id, opened),
      () => this.open.delete(id),
    )
    this.open.set(id, store)
  }

  /** A note's title and text, for an index rebuild, without keeping its file open. */
  async read(id: string): Promise<NoteHead> {
    const open = this.open.get(id)
    if (open) return (await open).data
    return NoteHeadSchema.parse(JSON.parse(await readFile(this.path(id), 'utf8')))
  }

  private async head(name: string, skipped: string[]): Promise<NoteHead | undefined> {
    try {
      const head = NoteHeadSchema.parse(JSON.parse(await readFile(join(this.folder, name), 'utf8')))
      if (`${head.id}.json` !== name) throw new Error(`it holds the note ${head.id}`)
      return head
    } catch (error) {
      skipped.push(`notes/${name}: ${error instanceof Error ? error.message : String(error)}`)
      return undefined
    }
  }

  private path(id: string): string {
    return join(this.folder, `${id}.json`)
  }
}
