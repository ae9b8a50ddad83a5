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

  constructor(private readonly folder: string) {}

  file(sourceId: string): Promise<JsonStore<AnnotationFile>> {
    let store = this.open.get(sourceId)
    if (!store) {
      store = JsonStore.open(join(this.folder, `${sourceId}.json`), { annotations: [] }, (data) =>
        AnnotationFileSchema.parse(data),
      )
      store.catch(() => this.open.delete(sourceId))
      this.open.set(sourceId, store)
    }
    return store
  }

  /** Every annotation of a source, trashed ones included. */
  async all(sourceId: string): Promise<Annotation[]> {
    return (await this.file(sourceId)).data.annotations
  }
}
