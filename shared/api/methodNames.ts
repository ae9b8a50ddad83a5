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
  'annotations.create',
  'annotations.list',
  'annotations.update',
  'annotations.delete',
  'annotations.restore',
  'annotations.repair',
  'annotations.health',
  'annotations.export',
  'annotations.import',
  'trash.list',
  'search.query',
  'briefs.export',
] as const

export const eventNames = ['import.progress', 'library.changed'] as const
