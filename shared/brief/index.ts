export { renderBriefMarkdown } from './renderBriefMarkdown'
export type { BriefInput, BriefItem } from './renderBriefMarkdown'
export { escapeMarkdown } from './escapeMarkdown'
