import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { AnnotationSchema, type Annotation } from '../../shared/model'
import { JsonStore } from './jsonStore'

// Loose: fields written by a newer Casefile survive this one's writes.
export const AnnotationFileSchema = z.looseObject({
  annotations: z.array(AnnotationSchema.loose()),
})
type AnnotationFile = z.infer<typeof AnnotationFileSchema>

/**
 * The annotations of each source live in their own small lowdb file (`annotations/<source>.json`),
 * so saving one annotation rewrites a few kilobytes, however large the library grows.
 */
export class AnnotationStore {
  private readonly open = new Map<string, Promise<JsonStore<AnnotationFile>>>()
  /** The files of `open` that have finished opening, for `peek`. */
  private readonly ready = new Map<string, JsonStore<AnnotationFile>>()

  constructor(private readonly folder: string) {}

  file(sourceId: string): Promise<JsonStore<AnnotationFile>> {
    let store = this.open.get(sourceId)
    if (!store) {
      store = JsonStore.open(join(this.folder, `${sourceId}.json`), { annotations: [] }, (data) =>
        AnnotationFileSchema.parse(data),
      )
      store.then(
        (opened) => this.ready.set(sourceId, opened),
        () => this.open.delete(sourceId),
      )
      this.open.set(sourceId, store)
    }
    return store
  }

  /** Every annotation of a source, trashed ones included. */
  async all(sourceId: string): Promise<Annotation[]> {
    return (await this.file(sourceId)).data.annotations
  }

  /**
   * Every annotation of a source as it stands, at once, for search (which reads a few of these
   * per query, where a file opened through the thread pool cost more than the read): the open
   * file's data, else the file read from disk and left closed (nothing else writes it while it is
   * closed). Undefined when the file is missing, damaged or in trouble (`health` names it).
   */
  peek(sourceId: string): readonly Annotation[] | undefined {
    const ready = this.ready.get(sourceId)
    if (ready) return ready.damage ? undefined : ready.data.annotations
    try {
      const data: unknown = JSON.parse(readFileSync(join(this.folder, `${sourceId}.json`), 'utf8'))
      return AnnotationFileSchema.parse(data).annotations
    } catch {
      return undefined
    }
  }
}
