import type { SearchHit } from '../../shared/api'
import type { Note } from '../../shared/model'
import { makeSnippet, type IndexedItem } from '../../shared/search'
import type { NoteHead, NoteStore } from './noteStore'

/** What search reads of a note: its title, and its text (mentions as `@Name`, quotes cited). */
export function noteItem(note: Pick<Note, 'id' | 'title' | 'text'>): IndexedItem {
  return { id: `n:${note.id}`, sourceId: note.id, title: note.title, body: note.text }
}

/** The live notes, for an index rebuild (each file read again; the open library keeps none). */
export async function* noteItemsOf(
  heads: readonly NoteHead[],
  store: NoteStore,
  skipped: string[],
): AsyncGenerator<IndexedItem> {
  for (const head of heads) {
    if (head.deletedAt !== null) continue
    try {
      yield noteItem(await store.read(head.id))
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error)
      skipped.push(`the note “${head.title}”: ${why}`)
    }
  }
}

/** The search hit of a note: its title, and a snippet of its text around the query. */
export function noteSearchHit(note: Pick<Note, 'id' | 'title' | 'text'>, query: string): SearchHit {
  const snippet = makeSnippet(note.text, query)
  return {
    kind: 'note',
    id: note.id,
    sourceId: note.id,
    title: note.title,
    snippet: snippet.text,
    highlights: snippet.highlights,
  }
}
