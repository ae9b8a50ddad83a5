import { join } from 'node:path'
import { z } from 'zod'
import { AnnotationSchema, type Annotation } from '../../shared/model'
import { JsonStore } from './jsonStore'

const AnnotationFileSchema = z.object({ annotations: z.array(AnnotationSchema) })
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

  async add(annotation: Annotation): Promise<void> {
    const file = await this.file(annotation.sourceId)
    await file.update((data) => {
      data.annotations.push(annotation)
    })
  }

  /** Applies a change to one annotation and saves; returns the changed annotation. */
  async change(
    sourceId: string,
    id: string,
    change: (annotation: Annotation) => void,
  ): Promise<Annotation | undefined> {
    const file = await this.file(sourceId)
    const annotation = file.data.annotations.find((candidate) => candidate.id === id)
    if (!annotation) return undefined
    await file.update(() => change(annotation))
    return annotation
  }
}
