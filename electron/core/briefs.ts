import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import { BriefSchema, type Brief, type BriefDraft } from '../../shared/model'
import type { EventHub } from '../../shared/rpc'
import type { ChangeQueue } from './changeQueue'
import { JsonStore } from './jsonStore'
import { notFound } from './notFound'

// Loose: fields written by a newer Casefile survive this one's writes.
export const BriefFileSchema = z.looseObject({ briefs: z.array(BriefSchema.loose()) })
type BriefFile = z.infer<typeof BriefFileSchema>

/**
 * Opens `briefs.json`: the briefs the analyst composed, a small file of its own. A damaged one is
 * kept as it is and leaves saved briefs unavailable (see `JsonStore.openPart`).
 */
export function openBriefStore(libraryRoot: string): Promise<JsonStore<BriefFile>> {
  return JsonStore.openPart(
    join(libraryRoot, 'briefs.json'),
    { briefs: [] },
    (data) => BriefFileSchema.parse(data),
    'saved briefs',
  )
}

/** Saved briefs (`briefs.json`), changed through the library's queue. */
export class Briefs {
  constructor(
    private readonly store: JsonStore<BriefFile>,
    private readonly queue: ChangeQueue,
    private readonly events: EventHub,
  ) {}

  /** The saved briefs, most recently changed first. */
  list(): Brief[] {
    return [...this.store.data.briefs].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
  }

  get(id: string): Brief {
    const brief = this.store.data.briefs.find((candidate) => candidate.id === id)
    if (!brief) throw notFound('brief', id)
    return brief
  }

  /**
   * Saves a draft as a new brief, or over the brief `id`. An `id` no brief has (one just deleted)
   * saves the brief under that id again: that is how a deletion is undone.
   */
  async save(draft: BriefDraft & { id?: string | undefined }): Promise<Brief> {
    const saved = await this.queue.change(async () => {
      const now = new Date().toISOString()
      const { id = randomUUID(), ...fields } = draft
      const known = this.store.data.briefs.find((candidate) => candidate.id === id)
      const brief: Brief = {
        ...fields,
        id,
        createdAt: known?.createdAt ?? now,
        updatedAt: now,
      }
      const written = this.store.update((data) => {
        data.briefs = [...data.briefs.filter((b) => b.id !== brief.id), brief]
      })
      return { result: brief, saved: written }
    })
    this.events.emit('library.changed', { what: 'briefs', id: saved.id })
    return saved
  }

  /** Forgets a brief; the caller keeps what it answers, to save it again (undo). */
  async delete(id: string): Promise<Brief> {
    const deleted = await this.queue.change(async () => {
      const brief = this.get(id)
      const written = this.store.update((data) => {
        data.briefs = data.briefs.filter((candidate) => candidate.id !== id)
      })
      return { result: brief, saved: written }
    })
    this.events.emit('library.changed', { what: 'briefs', id })
    return deleted
  }
}
