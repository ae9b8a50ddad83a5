import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CasefileError } from '../../shared/api'
import type { Handlers } from '../../shared/rpc'
import { exportAnnotations, importAnnotations } from './annotationInterchange'
import { exportLibraryArchive } from './archiveExport'
import { exportBrief, exportStix, previewBrief } from './briefExport'
import type { Library } from './library'
import { safetyHandlers } from './safetyHandlers'
import { importStixBundle } from './stixImport'
import { verifyBrief } from './verifyBrief'

export type HandlerOptions = {
  /** The folder holding `sample-case/` (the app's resources). */
  resourcesDir: string
}

/** The contract, implemented once over a library; every transport dispatches to these. */
export function createHandlers(library: Library, options: HandlerOptions): Handlers {
  return {
    'library.info': async () => library.info(),
    'library.loadSample': async () => {
      const folder = join(options.resourcesDir, 'sample-case')
      let imported = 0
      let duplicates = 0
      for (const name of (await readdir(folder)).sort()) {
        const result = await library.importFile(name, await readFile(join(folder, name)))
        if (result.status === 'imported') imported++
        else duplicates++
      }
      return { imported, duplicates }
    },
    'library.exportArchive': async (input) => exportLibraryArchive(library, input),
    'sources.import': async ({ fileName, text, base64 }) => {
      const bytes =
        text !== undefined ? new TextEncoder().encode(text) : Buffer.from(base64 ?? '', 'base64')
      return library.importFile(fileName, bytes)
    },
    'sources.list': async ({ ids }) => ({ sources: library.listSources(ids) }),
    'sources.get': async ({ id }) => library.getSource(id),
    'sources.update': async (input) => library.updateSource(input),
    'annotations.create': async (input) => library.createAnnotation(input),
    'annotations.list': async ({ sourceId }) => ({
      annotations: await library.listAnnotations(sourceId),
    }),
    'annotations.update': async (input) => library.updateAnnotation(input),
    'annotations.link': async (input) => library.linkAnnotation(input),
    'annotations.delete': async ({ id }) => library.deleteAnnotation(id),
    'annotations.restore': async ({ id }) => library.restoreAnnotation(id),
    'annotations.repair': async (input) => library.repairAnnotation(input),
    'annotations.get': async ({ id }) => library.getAnnotation(id),
    'annotations.health': async () => ({ annotations: await library.anchorHealth() }),
    'annotations.export': async ({ sourceId }) => exportAnnotations(library, sourceId),
    'annotations.import': async ({ document }) => importAnnotations(library, document),
    'trash.list': async () => ({ items: await library.listTrash() }),
    'search.query': async ({ query, limit, ...filters }) => ({
      hits: await library.searchQuery(query, limit, filters),
    }),
    'searches.save': async (input) => library.savedSearches.save(input),
    'searches.list': async () => ({ searches: library.savedSearches.list() }),
    'searches.delete': async ({ id }) => library.savedSearches.delete(id),
    'briefs.list': async () => ({ briefs: library.briefs.list() }),
    'briefs.save': async (input) => library.briefs.save(input),
    'briefs.delete': async ({ id }) => library.briefs.delete(id),
    'briefs.preview': async (input) => previewBrief(library, input),
    'briefs.export': async (input) => {
      const { data: _data, ...exported } = await exportBrief(library, input)
      return exported
    },
    'briefs.exportStix': async (input) => exportStix(library, input),
    'briefs.verify': async ({ markdown }) => verifyBrief(library, markdown),
    'case.importStix': async ({ json }) => importStixBundle(library, parseJson(json)),
    'actors.create': async (input) => library.entities.createActor(input),
    'actors.list': async ({ query }) => ({ actors: library.entities.listActors(query) }),
    'actors.get': async ({ id }) => library.entities.getActor(id),
    'actors.update': async (input) => library.entities.updateActor(input),
    'actors.delete': async ({ id }) => library.entities.deleteActor(id),
    'actors.restore': async ({ id }) => library.entities.restoreActor(id),
    'actors.merge': async ({ keepId, mergeId }) => library.entities.mergeActors(keepId, mergeId),
    'events.create': async (input) => library.entities.createEvent(input),
    'events.list': async ({ query }) => ({ events: library.entities.listEvents(query) }),
    'events.get': async ({ id }) => library.entities.getEvent(id),
    'events.update': async (input) => library.entities.updateEvent(input),
    'events.delete': async ({ id }) => library.entities.deleteEvent(id),
    'events.restore': async ({ id }) => library.entities.restoreEvent(id),
    'events.timeline': async (filter) => ({ events: library.entities.timeline(filter) }),
    'relations.create': async (input) => library.entities.createRelation(input),
    'relations.list': async (filter) => ({ relations: library.entities.listRelations(filter) }),
    'relations.delete': async ({ id }) => library.entities.deleteRelation(id),
    'relations.restore': async ({ id }) => library.entities.restoreRelation(id),
    'mentions.find': async ({ sourceId }) => library.findMentions(sourceId),
    'notes.create': async (input) => library.notes.create(input),
    'notes.list': async () => ({ notes: library.notes.list() }),
    'notes.get': async ({ id }) => library.notes.get(id),
    'notes.update': async (input) => library.notes.update(input),
    'notes.delete': async ({ id }) => library.notes.delete(id),
    'notes.restore': async ({ id }) => library.notes.restore(id),
    'notes.export': async ({ id }) => library.notes.export(id),
    'notes.import': async (input) => library.notes.import(input),
    ...safetyHandlers(library),
  }
}

/** A JSON text read for a method, or a clear refusal. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new CasefileError('bad_file', `This is not JSON: ${(error as Error).message}`)
  }
}
