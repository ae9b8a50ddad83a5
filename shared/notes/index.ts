export { CaseMention, Citation, noteExtensions, type NoteExtensionOptions } from './extensions'
export type { CitationSyntax, MentionSyntax } from './markdownSyntax'
export {
  canonicalNoteDoc,
  emptyNoteDoc,
  NoteDocError,
  noteSchema,
  noteText,
  readNoteDoc,
} from './noteDocument'
export { noteLinks, tagsOf, type NoteLinks } from './noteLinks'
export {
  firstHeading,
  markdownToNoteDoc,
  noteDocToMarkdown,
  noteExcerpt,
  noteToMarkdownFile,
  readMarkdownFile,
  type NoteFrontMatter,
} from './noteMarkdown'
export { isSafeHref, SafeMarkdownLinks } from './safeLinks'
