export { renderBriefMarkdown } from './renderBriefMarkdown'
export type { BriefInput, BriefItem } from './renderBriefMarkdown'
export type { BriefData, BriefPassage, Place } from './briefData'
export { escapeMarkdown } from './escapeMarkdown'
