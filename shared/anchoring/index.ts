export { describeRange, contextLength } from './describeRange'
export { anchorQuote } from './anchorQuote'
export type { Anchor } from './anchorQuote'
