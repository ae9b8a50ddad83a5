export { normalizeText } from './normalizeText'
export { buildCanonicalText, paragraphsOf, blocksOf, blockSeparator } from './canonicalText'
export type { DraftBlock, CanonicalText } from './canonicalText'
