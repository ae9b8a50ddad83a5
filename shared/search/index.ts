export { SearchIndex, searchConfigHash } from './searchIndex'
export type { IndexedItem, IndexHit } from './searchIndex'
export { foldForSearch, foldWithMap, queryTerms } from './foldForSearch'
export { makeSnippet } from './snippet'
