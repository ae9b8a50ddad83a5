import { randomUUID } from 'node:crypto'
import { CasefileError, type LinkedAnnotation, type ParsedInput } from '../../shared/api'
import type { SearchHit } from '../../shared/api'
import { anchorQuote, describeRange, reanchor } from '../../shared/anchoring'
import type {
  Annotation,
  AnnotationTarget,
  Source,
  TextPositionSelector,
  TextQuoteSelector,
} from '../../shared/model'
import type { EventHub } from '../../shared/rpc'
import { makeSnippet } from '../../shared/search'
import type { AnnotationStore } from './annotationStore'
import type { AnnotationTrashItem, Trash } from './catalog'
import type { ChangeQueue } from './changeQueue'
import type { AnnotationFileRef, Entities } from './entities'
import { annotationItem, annotationText } from './indexedItems'
import type { JsonStore } from './jsonStore'
import { notFound } from './notFound'
import type { SearchService } from './searchService'
import type { Sources } from './sources'

/** What the annotations of a library are kept with. */
export type AnnotationsParts = {
  store: AnnotationStore
  sources: Sources
  trash: JsonStore<Trash>
  search: SearchService
  queue: ChangeQueue
  events: EventHub
  /** What a passage may be linked to: live actors and events. */
  entities: Pick<Entities, 'requireLive'>
}

/**
 * The annotations of a library: each source's in its own file, live or in the trash, indexed for
 * search while live, and changed through the library's queue.
 */
export class Annotations {
  constructor(private readonly parts: AnnotationsParts) {}

  private get store(): AnnotationStore {
    return this.parts.store
  }

  private get search(): SearchService {
    return this.parts.search
  }

  async create(input: ParsedInput<'annotations.create'>): Promise<Annotation> {
    const source = this.parts.sources.require(input.sourceId)
    const target = await this.exactTarget(source, input.quote, input.position)
    const now = new Date().toISOString()
    const annotation: Annotation = {
      id: randomUUID(),
      sourceId: source.id,
      target,
      comment: input.comment,
      tags: input.tags,
      color: input.color,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    }
    const file = await this.store.file(source.id)
    await this.parts.queue.change(async () => {
      this.search.add(annotationItem(annotation))
      return {
        result: annotation,
        saved: file.update((data) => void data.annotations.push(annotation)),
      }
    })
    this.changed()
    return annotation
  }

  /** The live annotations of a source, in text order. */
  async list(sourceId: string): Promise<Annotation[]> {
    this.parts.sources.require(sourceId)
    const all = await this.store.all(sourceId)
    // Orphans last: their positions belong to a text this source no longer has.
    const place = (annotation: Annotation) =>
      annotation.anchor?.status === 'orphaned' ? Infinity : annotation.target.position.start
    return all
      .filter((annotation) => annotation.deletedAt === null)
      .sort((a, b) => place(a) - place(b))
  }

  async update(input: ParsedInput<'annotations.update'>): Promise<Annotation> {
    return this.edit(this.sourceOf(input.id), input.id, 'live', (annotation) => {
      if (input.comment !== undefined) annotation.comment = input.comment
      if (input.tags !== undefined) annotation.tags = input.tags
      if (input.color !== undefined) annotation.color = input.color
      if (input.credibility !== undefined) annotation.credibility = input.credibility
      if (input.tlp !== undefined) annotation.tlp = input.tlp
    })
  }

  /** Sets the actors and/or events a passage is linked to (each list given replaces the old). */
  async link(input: ParsedInput<'annotations.link'>): Promise<Annotation> {
    return this.edit(this.sourceOf(input.id), input.id, 'live', (annotation) => {
      // Checked inside the queue, so an actor trashed meanwhile cannot be linked.
      this.parts.entities.requireLive(input.actorIds ?? [], input.eventIds ?? [])
      if (input.actorIds !== undefined) annotation.actorIds = [...new Set(input.actorIds)]
      if (input.eventIds !== undefined) annotation.eventIds = [...new Set(input.eventIds)]
    })
  }

  /** Moves an annotation to the trash: it stays in its file, marked deleted, and is listed in trash.json. */
  async delete(id: string): Promise<Annotation> {
    const sourceId = this.sourceOf(id)
    const file = await this.store.file(sourceId)
    const deleted = await this.parts.queue.change(async () => {
      const annotation = file.data.annotations.find(
        (candidate) => candidate.id === id && candidate.deletedAt === null,
      )
      if (!annotation) throw notFound('annotation', id)
      const deletedAt = new Date().toISOString()
      const saved = Promise.all([
        file.update(() => void (annotation.deletedAt = deletedAt)),
        this.parts.trash.update(
          (data) => void data.items.push({ kind: 'annotation', id, sourceId, deletedAt }),
        ),
      ])
      this.search.remove(`a:${id}`)
      return { result: annotation, saved }
    })
    this.changed()
    return deleted
  }

  /** Takes an annotation out of the trash: live again, searchable again, where it was. */
  async restore(id: string): Promise<Annotation> {
    const item = this.parts.trash.data.items.find(
      (entry) => entry.kind === 'annotation' && entry.id === id,
    )
    if (item?.kind !== 'annotation') throw notFound('annotation in the trash', id)
    this.parts.sources.require(item.sourceId)
    return this.edit(
      item.sourceId,
      id,
      'trashed',
      (annotation) => void (annotation.deletedAt = null),
      () =>
        this.parts.trash.update((data) => {
          data.items = data.items.filter((entry) => entry.id !== id)
        }),
    )
  }

  /**
   * An annotation, live or in the trash, with its source title: what a citation shows of the
   * passage it quotes (deleted, orphaned or as it is).
   */
  async get(id: string): Promise<LinkedAnnotation> {
    const trashed = this.parts.trash.data.items.find(
      (item) => item.kind === 'annotation' && item.id === id,
    )
    const sourceId =
      this.search.index.ownerOf(`a:${id}`) ??
      (trashed?.kind === 'annotation' ? trashed.sourceId : undefined)
    const source = sourceId === undefined ? undefined : this.parts.sources.find(sourceId)
    const annotation = source && (await this.store.all(source.id)).find((a) => a.id === id)
    if (!source || !annotation) throw notFound('annotation', id)
    return { annotation, sourceTitle: source.title }
  }

  /** An annotation listed in the trash, with its source title (none if it cannot be found). */
  async trashEntry(item: AnnotationTrashItem): Promise<LinkedAnnotation | undefined> {
    const source = this.parts.sources.find(item.sourceId)
    if (!source) return undefined
    const annotation = (await this.store.all(source.id)).find(
      (candidate) => candidate.id === item.id && candidate.deletedAt !== null,
    )
    return annotation ? { annotation, sourceTitle: source.title } : undefined
  }

  /**
   * Re-selects the passage of a fuzzy or orphaned annotation: the new selection must be exact on
   * the source's text, and the annotation is exact again, with its comment and tags kept.
   */
  async repair(input: ParsedInput<'annotations.repair'>): Promise<Annotation> {
    const sourceId = this.sourceOf(input.id)
    const source = this.parts.sources.require(sourceId)
    const target = await this.exactTarget(source, input.quote, input.position)
    return this.edit(sourceId, input.id, 'live', (annotation) => {
      annotation.target = target
      delete annotation.anchor
    })
  }

  /** Every live annotation whose anchor is fuzzy or orphaned, worst first: what needs a look. */
  async health(): Promise<LinkedAnnotation[]> {
    const entries: LinkedAnnotation[] = []
    const annotated = this.search.index.ownersOf('a')
    for (const source of this.parts.sources.all()) {
      if (!annotated.has(source.id)) continue
      for (const annotation of await this.store.all(source.id)) {
        if (
          annotation.deletedAt === null &&
          annotation.anchor &&
          annotation.anchor.status !== 'exact'
        )
          entries.push({ annotation, sourceTitle: source.title })
      }
    }
    return entries.sort(
      (a, b) => (a.annotation.anchor?.score ?? 1) - (b.annotation.anchor?.score ?? 1),
    )
  }

  /**
   * Adds annotations made elsewhere (or carried over from another text) to one source, as they
   * are: their targets already anchored on this source's text, or orphaned. One write for all.
   */
  async add(sourceId: string, annotations: readonly Annotation[]): Promise<void> {
    if (annotations.length === 0) return
    this.parts.sources.require(sourceId)
    const file = await this.store.file(sourceId)
    await this.parts.queue.change(async () => {
      // Orphans too: their quote and comment are still the analyst's words, worth finding.
      for (const annotation of annotations) this.search.add(annotationItem(annotation))
      return {
        result: undefined,
        saved: file.update((data) => void data.annotations.push(...annotations)),
      }
    })
    this.changed()
  }

  /** Whether an annotation with this id is anywhere in the library (live or in the trash). */
  has(id: string): boolean {
    return (
      this.isLive(id) ||
      this.parts.trash.data.items.some((item) => item.kind === 'annotation' && item.id === id)
    )
  }

  isLive(id: string): boolean {
    return this.search.index.ownerOf(`a:${id}`) !== undefined
  }

  /**
   * Moves the live annotations of a source's previous version onto the new one, each anchored
   * again on the new text: exact, fuzzy (with its score) or orphaned (kept, attached nowhere).
   * Runs inside the queue; the caller adds the annotations to the index.
   */
  async carry(
    previous: Source,
    next: Source,
    text: string,
  ): Promise<{ annotations: Annotation[]; saved: Promise<unknown> } | undefined> {
    const from = await this.store.file(previous.id)
    const live = from.data.annotations.filter((annotation) => annotation.deletedAt === null)
    if (live.length === 0) return undefined
    const to = await this.store.file(next.id)
    const now = new Date().toISOString()
    const moved = live.map((annotation): Annotation => {
      const { quote, position } = annotation.target
      const found = reanchor(text, next.textSha256, quote, position, now)
      const carried: Annotation = { ...annotation, sourceId: next.id, updatedAt: now }
      delete carried.anchor
      // An orphan keeps the target it had on the text it was made on.
      if (found.status !== 'orphaned') carried.target = found.target
      if (found.anchor) carried.anchor = found.anchor
      return carried
    })
    const movedIds = new Set(moved.map((annotation) => annotation.id))
    for (const annotation of live) this.search.remove(`a:${annotation.id}`)
    // The new version's file first: a crash between the writes leaves a copy, never a loss.
    const saved = to
      .update((data) => void data.annotations.push(...moved))
      .then(() =>
        from.update((data) => {
          data.annotations = data.annotations.filter((annotation) => !movedIds.has(annotation.id))
        }),
      )
    return { annotations: moved, saved }
  }

  /** The annotation files that may hold links: sources with live or trashed annotations. */
  async files(): Promise<AnnotationFileRef[]> {
    const sourceIds = this.search.index.ownersOf('a')
    for (const item of this.parts.trash.data.items)
      if (item.kind === 'annotation') sourceIds.add(item.sourceId)
    const files: AnnotationFileRef[] = []
    for (const source of this.parts.sources.all()) {
      if (sourceIds.has(source.id))
        files.push({ sourceTitle: source.title, file: await this.store.file(source.id) })
    }
    return files
  }

  /** A live annotation of a source, read at once (for search), or undefined (also when unreadable). */
  live(sourceId: string, id: string): Annotation | undefined {
    return this.store
      .peek(sourceId)
      ?.find((candidate) => candidate.id === id && candidate.deletedAt === null)
  }

  /** The search hit of an indexed annotation, if it is still live. */
  async searchHit(source: Source, id: string, query: string): Promise<SearchHit | undefined> {
    const annotation = (await this.store.all(source.id)).find(
      (candidate) => candidate.id === id && candidate.deletedAt === null,
    )
    if (!annotation) return undefined
    const snippet = makeSnippet(annotationText(annotation), query)
    return {
      kind: 'annotation',
      id,
      sourceId: source.id,
      title: source.title,
      snippet: snippet.text,
      highlights: snippet.highlights,
    }
  }

  /**
   * The target of a passage chosen on a source's text as it is now: only the passage itself will
   * do (a new or re-selected highlight is never approximate).
   */
  private async exactTarget(
    source: Source,
    quote: TextQuoteSelector,
    position: TextPositionSelector,
  ): Promise<AnnotationTarget> {
    const text = await this.parts.sources.text(source)
    const anchor = anchorQuote(text, quote, position)
    if (anchor.status !== 'exact') {
      throw new CasefileError(
        'invalid_input',
        `The passage “${clip(quote.exact)}” does not occur in “${source.title}”.`,
      )
    }
    return {
      textSha256: source.textSha256,
      quote: describeRange(text, anchor.start, anchor.end),
      position: { start: anchor.start, end: anchor.end },
    }
  }

  /**
   * One change to one annotation, live or in the trash: `edit` changes it in memory and in its
   * file (with `alsoSave`'s writes beside), and the index takes it again.
   */
  private async edit(
    sourceId: string,
    id: string,
    from: 'live' | 'trashed',
    edit: (annotation: Annotation) => void,
    alsoSave?: () => Promise<unknown>,
  ): Promise<Annotation> {
    const file = await this.store.file(sourceId)
    const edited = await this.parts.queue.change(async () => {
      const annotation = file.data.annotations.find(
        (candidate) => candidate.id === id && (candidate.deletedAt === null) === (from === 'live'),
      )
      if (!annotation)
        throw notFound(from === 'live' ? 'annotation' : 'annotation in the trash', id)
      const saved = Promise.all([
        file.update(() => {
          edit(annotation)
          annotation.updatedAt = new Date().toISOString()
        }),
        alsoSave?.(),
      ])
      this.search.add(annotationItem(annotation))
      return { result: annotation, saved }
    })
    this.changed()
    return edited
  }

  /** The source a live annotation belongs to, as the index knows it. */
  private sourceOf(id: string): string {
    const sourceId = this.search.index.ownerOf(`a:${id}`)
    if (sourceId === undefined) throw notFound('annotation', id)
    return sourceId
  }

  private changed(): void {
    this.parts.events.emit('library.changed', { what: 'annotations' })
  }
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}
