export { CaseMention, Citation, noteExtensions, type NoteExtensionOptions } from './extensions'
export type { CitationSyntax, MentionSyntax } from './markdownSyntax'
