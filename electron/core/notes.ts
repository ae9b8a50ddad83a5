import { randomUUID } from 'node:crypto'
import { CasefileError, type ParsedInput, type SearchHit } from '../../shared/api'
import type { Note, NoteDoc, NoteSummary, Tlp } from '../../shared/model'
import { TlpSchema } from '../../shared/model'
import {
  canonicalNoteDoc,
  emptyNoteDoc,
  firstHeading,
  markdownToNoteDoc,
  NoteDocError,
  noteExcerpt,
  noteLinks,
  noteText,
  noteToMarkdownFile,
  readMarkdownFile,
} from '../../shared/notes'
import type { EventHub } from '../../shared/rpc'
import type { NoteTrashItem, Trash } from './catalog'
import { nothingToSave, type ChangeQueue, type Staged } from './changeQueue'
import type { JsonStore } from './jsonStore'
import { noteItem, noteSearchHit } from './noteItems'
import { notFound } from './notFound'
import type { NoteHead, NoteStore } from './noteStore'
import type { SearchService } from './searchService'

/** What the notes of a library are kept with. */
export type NotesParts = {
  store: NoteStore
  /** Every note read when the library opened. */
  heads: readonly NoteHead[]
  /** The note files that could not be read when the library opened (left as they are). */
  unreadable: readonly string[]
  trash: JsonStore<Trash>
  search: SearchService
  queue: ChangeQueue
  events: EventHub
}

/** What stays in memory of each note: enough to list it and to find what mentions an actor. */
type NoteEntry = { summary: NoteSummary; actorIds: string[]; eventIds: string[] }

const untitled = 'Untitled note'

/**
 * The notes of a library: each in its own file, listed from summaries kept in memory, indexed for
 * search while live (`n:<id>`), and changed through the library's queue. A save names the
 * revision it was made on, so two windows editing one note cannot overwrite each other.
 */
export class Notes {
  private readonly entries = new Map<string, NoteEntry>()
  private unreadableFiles: readonly string[]

  constructor(private readonly parts: NotesParts) {
    for (const head of parts.heads) this.entries.set(head.id, entryOf(head))
    this.unreadableFiles = parts.unreadable
  }

  /** The note files that could not be read when the library opened (and are not yet restored). */
  get unreadable(): readonly string[] {
    return this.unreadableFiles
  }

  /**
   * Reads a note's file again once a backup was put back in place of a damaged one: listed,
   * searchable and changeable again, no longer unreadable. Runs inside the library's queue.
   */
  async readAgain(id: string): Promise<Note> {
    const note = (await this.parts.store.file(id)).data
    this.unreadableFiles = this.unreadableFiles.filter(
      (line) => !line.startsWith(`notes/${id}.json:`),
    )
    this.took(note)
    return note
  }

  private get search(): SearchService {
    return this.parts.search
  }

  /** How many notes are live. */
  get count(): number {
    let count = 0
    for (const entry of this.entries.values()) if (entry.summary.deletedAt === null) count++
    return count
  }

  async create(input: ParsedInput<'notes.create'>): Promise<Note> {
    const source = input.markdown !== undefined ? markdownToNoteDoc(input.markdown) : input.doc
    return this.add(
      source ?? emptyNoteDoc(),
      input.tlp,
      (heading) => input.title ?? heading ?? untitled,
    )
  }

  /** Makes a note of a Markdown file: front matter title, else first heading, else file name. */
  async import(input: ParsedInput<'notes.import'>): Promise<Note> {
    const { frontMatter, body } = readMarkdownFile(input.text)
    const tlp = TlpSchema.safeParse(frontMatter.tlp?.toUpperCase())
    const fileTitle = input.fileName
      .replace(/^.*[\\/]/, '')
      .replace(/\.(?:md|markdown|txt)$/i, '')
      .trim()
    return this.add(markdownToNoteDoc(body), tlp.success ? tlp.data : 'CLEAR', (heading) =>
      clipTitle(frontMatter.title ?? heading ?? (fileTitle === '' ? untitled : fileTitle)),
    )
  }

  /** The live notes, most recently changed first. */
  list(): NoteSummary[] {
    return [...this.entries.values()]
      .filter((entry) => entry.summary.deletedAt === null)
      .map((entry) => entry.summary)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.title.localeCompare(b.title))
  }

  /** A note, live or in the trash. */
  async get(id: string): Promise<Note> {
    if (!this.entries.has(id)) throw notFound('note', id)
    return (await this.parts.store.file(id)).data
  }

  /**
   * Saves a live note, refusing with `conflict` an edit made on another revision than the
   * current one. A save that changes nothing writes nothing and keeps the revision.
   */
  async update(input: ParsedInput<'notes.update'>): Promise<Note> {
    const checked = input.doc === undefined ? undefined : checkDoc(input.doc)
    const file = await this.liveFile(input.id)
    let changed = true
    const apply = async (): Promise<Staged<Note>> => {
      const note = file.data
      if (note.deletedAt !== null) throw inTrash(note)
      if (input.baseRevision !== note.revision) {
        throw new CasefileError(
          'conflict',
          `The note “${note.title}” changed elsewhere (another window or client saved revision ${note.revision}; this edit was made on revision ${input.baseRevision}). Nothing was saved: reload the note, merge this edit into it, and save again.`,
        )
      }
      const title = input.title ?? note.title
      const tlp = input.tlp ?? note.tlp
      const doc = checked?.doc ?? note.doc
      const same =
        title === note.title && tlp === note.tlp && JSON.stringify(doc) === JSON.stringify(note.doc)
      changed = !same
      if (same) return { result: note, saved: nothingToSave }
      const saved = file.update(() => {
        note.title = title
        note.tlp = tlp
        if (checked) Object.assign(note, checked.derived)
        note.doc = doc
        note.revision += 1
        note.updatedAt = new Date().toISOString()
      })
      this.took(note)
      return { result: note, saved }
    }
    return this.change(input.id, apply, () => changed)
  }

  /** Moves a note to the trash: it stays in its file, marked deleted, and is listed in trash.json. */
  async delete(id: string): Promise<Note> {
    const file = await this.liveFile(id)
    return this.change(id, async () => {
      const note = file.data
      if (note.deletedAt !== null) throw notFound('note', id)
      const deletedAt = new Date().toISOString()
      const saved = Promise.all([
        file.update(() => void (note.deletedAt = deletedAt)),
        this.parts.trash.update((data) => void data.items.push({ kind: 'note', id, deletedAt })),
      ])
      this.took(note)
      return { result: note, saved }
    })
  }

  /** Takes a note out of the trash: listed, searchable and linked again. */
  async restore(id: string): Promise<Note> {
    const entry = this.entries.get(id)
    if (!entry || entry.summary.deletedAt === null) throw notFound('note in the trash', id)
    const file = await this.parts.store.file(id)
    return this.change(id, async () => {
      const note = file.data
      if (note.deletedAt === null) throw notFound('note in the trash', id)
      const saved = Promise.all([
        file.update(() => void (note.deletedAt = null)),
        this.parts.trash.update((data) => {
          data.items = data.items.filter((item) => item.kind !== 'note' || item.id !== id)
        }),
      ])
      this.took(note)
      return { result: note, saved }
    })
  }

  /** A note as a Markdown file, named after its title. */
  async export(id: string): Promise<{ fileName: string; markdown: string }> {
    const note = await this.get(id)
    return { fileName: `${slug(note.title)}.md`, markdown: noteToMarkdownFile(note) }
  }

  /** How the trash lists a trashed note: its summary. */
  trashEntry(item: NoteTrashItem): { kind: 'note'; note: NoteSummary } | undefined {
    const summary = this.entries.get(item.id)?.summary
    return summary?.deletedAt ? { kind: 'note', note: summary } : undefined
  }

  /** The live notes that mention an actor or an event, most recently changed first. */
  mentioning(kind: 'actor' | 'event', id: string): NoteSummary[] {
    return this.list().filter((summary) => {
      const entry = this.entries.get(summary.id)
      return (kind === 'actor' ? entry?.actorIds : entry?.eventIds)?.includes(id)
    })
  }

  /** A live note, read from its file at once (for search), or undefined (also when unreadable). */
  live(id: string): NoteHead | undefined {
    if (this.entries.get(id)?.summary.deletedAt !== null) return undefined
    return this.parts.store.peek(id)
  }

  /** The search hit of an indexed note (`n:`), if it is still live. */
  async searchHit(id: string, query: string): Promise<SearchHit | undefined> {
    if (this.entries.get(id)?.summary.deletedAt !== null) return undefined
    return noteSearchHit(await this.parts.store.read(id), query)
  }

  /** Creates a note from a document, titled by `titleOf(first heading)`. */
  private async add(
    source: NoteDoc,
    tlp: Tlp,
    titleOf: (heading: string | undefined) => string,
  ): Promise<Note> {
    const { doc, derived, heading } = checkDoc(source)
    const now = new Date().toISOString()
    const note: Note = {
      id: randomUUID(),
      title: clipTitle(titleOf(heading)),
      doc,
      ...derived,
      tlp,
      revision: 1,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    }
    const file = await this.parts.store.create(note)
    return this.change(note.id, async () => {
      const saved = file.update(() => undefined)
      this.took(file.data)
      return { result: file.data, saved }
    })
  }

  /** A change to one note through the queue, announced once it is durable (if it changed). */
  private async change(
    id: string,
    apply: () => Promise<Staged<Note>>,
    changed: () => boolean = () => true,
  ): Promise<Note> {
    const note = await this.parts.queue.change(apply)
    if (changed()) this.parts.events.emit('library.changed', { what: 'notes', id })
    return note
  }

  /** Memory and the index take a note as it now is: listed and searchable while live. */
  private took(note: Note): void {
    this.entries.set(note.id, entryOf(note))
    if (note.deletedAt === null) this.search.add(noteItem(note))
    else this.search.remove(`n:${note.id}`)
  }

  private async liveFile(id: string): Promise<JsonStore<Note>> {
    const entry = this.entries.get(id)
    if (!entry) throw notFound('note', id)
    if (entry.summary.deletedAt !== null) throw inTrash(entry.summary)
    return this.parts.store.file(id)
  }
}

/**
 * A document checked against the note schema (refused as `invalid_input`, naming the problem),
 * and what a note derives from it: its text, mentions, citations and tags.
 */
function checkDoc(source: NoteDoc) {
  try {
    const { doc, node } = canonicalNoteDoc(source)
    const { actorIds, eventIds, annotationIds, tags } = noteLinks(node)
    const derived = { text: noteText(node), actorIds, eventIds, annotationIds, tags }
    return { doc, derived, heading: firstHeading(node) }
  } catch (error) {
    if (error instanceof NoteDocError) throw new CasefileError('invalid_input', error.message)
    throw error
  }
}

function entryOf(note: NoteHead): NoteEntry {
  return {
    summary: {
      id: note.id,
      title: note.title,
      updatedAt: note.updatedAt,
      tags: note.tags,
      excerpt: noteExcerpt(note.text, note.title),
      tlp: note.tlp,
      revision: note.revision,
      deletedAt: note.deletedAt,
    },
    actorIds: note.actorIds,
    eventIds: note.eventIds,
  }
}

function inTrash(note: { id: string; title: string }): CasefileError {
  return new CasefileError(
    'not_found',
    `The note “${note.title}” is in the trash (id ${note.id}): restore it to change it.`,
  )
}

function clipTitle(title: string): string {
  // Control characters (a file name's terminal escapes) would drive a terminal: they go.
  const flat = title
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat || untitled
}

/** A file name from a title: `Iran — the denial` → `iran-the-denial` (ASCII letters and digits). */
function slug(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')
  return words === '' ? 'note' : words
}
