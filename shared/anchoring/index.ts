export { describeRange, contextLength } from './describeRange'
export { anchorQuote } from './anchorQuote'
export type { Anchor } from './anchorQuote'
export {
  anchorThreshold,
  chanceContextSimilarity,
  matchWeights,
  minQuoteSimilarity,
  minShortQuoteContext,
  shortQuoteLength,
} from './scoreMatch'
export { longQuoteLength, maxSearchErrors } from './findCandidates'
export { reanchor } from './reanchor'
export type { Reanchored } from './reanchor'
