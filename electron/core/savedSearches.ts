import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import type { ParsedInput } from '../../shared/api'
import { SavedSearchSchema, type SavedSearch } from '../../shared/model'
import type { EventHub } from '../../shared/rpc'
import type { ChangeQueue } from './changeQueue'
import { JsonStore } from './jsonStore'
import { notFound } from './notFound'

// Loose: fields written by a newer Casefile survive this one's writes.
export const SavedSearchFileSchema = z.looseObject({ searches: z.array(SavedSearchSchema.loose()) })
type SavedSearchFile = z.infer<typeof SavedSearchFileSchema>

/**
 * Opens `searches.json`: the analyst's saved searches, a small file of its own. A damaged one is
 * kept as it is and leaves saved searches unavailable (see `JsonStore.openPart`).
 */
export function openSavedSearchStore(libraryRoot: string): Promise<JsonStore<SavedSearchFile>> {
  return JsonStore.openPart(
    join(libraryRoot, 'searches.json'),
    { searches: [] },
    (data) => SavedSearchFileSchema.parse(data),
    'saved searches',
  )
}

/** Saved searches (`searches.json`), changed through the library's queue. */
export class SavedSearches {
  constructor(
    private readonly store: JsonStore<SavedSearchFile>,
    private readonly queue: ChangeQueue,
    private readonly events: EventHub,
  ) {}

  list(): SavedSearch[] {
    return [...this.store.data.searches].sort((a, b) => a.name.localeCompare(b.name))
  }

  get(id: string): SavedSearch {
    const search = this.store.data.searches.find((candidate) => candidate.id === id)
    if (!search) throw notFound('saved search', id)
    return search
  }

  /** Saves a search; one saved under the same name is replaced (and keeps its id). */
  async save(input: ParsedInput<'searches.save'>): Promise<SavedSearch> {
    const saved = await this.queue.change(async () => {
      const now = new Date().toISOString()
      const known = this.store.data.searches.find(
        (search) => search.name.toLowerCase() === input.name.toLowerCase(),
      )
      const search: SavedSearch = {
        id: known?.id ?? randomUUID(),
        name: input.name,
        query: input.query,
        filters: input.filters,
        createdAt: known?.createdAt ?? now,
        updatedAt: now,
      }
      const written = this.store.update((data) => {
        data.searches = [...data.searches.filter((s) => s.id !== search.id), search]
      })
      return { result: search, saved: written }
    })
    this.events.emit('library.changed', { what: 'searches', id: saved.id })
    return saved
  }

  async delete(id: string): Promise<SavedSearch> {
    const deleted = await this.queue.change(async () => {
      const search = this.get(id)
      const written = this.store.update((data) => {
        data.searches = data.searches.filter((candidate) => candidate.id !== id)
      })
      return { result: search, saved: written }
    })
    this.events.emit('library.changed', { what: 'searches', id })
    return deleted
  }
}
