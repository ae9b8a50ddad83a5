/**
 * The contract's method names as plain strings, for the sandboxed preload, which must not bundle
 * zod. A unit test keeps this list equal to the keys of `api`.
 */
export const methodNames = [
  'library.info',
  'library.loadSample',
  'sources.import',
  'sources.list',
  'sources.get',
  'sources.update',
  'annotations.create',
  'annotations.list',
  'annotations.update',
  'annotations.link',
  'annotations.delete',
  'annotations.restore',
  'annotations.repair',
  'annotations.health',
  'annotations.export',
  'annotations.import',
  'trash.list',
  'search.query',
  'actors.create',
  'actors.list',
  'actors.get',
  'actors.update',
  'actors.delete',
  'actors.merge',
  'events.create',
  'events.list',
  'events.get',
  'events.update',
  'events.delete',
  'events.timeline',
  'relations.create',
  'relations.list',
  'relations.delete',
  'mentions.find',
  'briefs.export',
] as const

export const eventNames = ['import.progress', 'library.changed'] as const
