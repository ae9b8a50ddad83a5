export { renderBriefMarkdown } from './renderBriefMarkdown'
export type { BriefInput, BriefItem, Place } from './renderBriefMarkdown'
export { escapeMarkdown } from './escapeMarkdown'
