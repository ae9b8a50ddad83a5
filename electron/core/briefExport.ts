import { maxPreviewChars, type MethodOutput, type ParsedInput } from '../../shared/api'
import { renderBriefMarkdown, type BriefData } from '../../shared/brief'
import { BriefDraftSchema, type BriefDraft } from '../../shared/model'
import { buildStixBundle } from '../../shared/brief/stix'
import { gatherBrief } from './briefGather'
import type { Library } from './library'
import { stixIdFor } from './stixIds'

export { casefileVersion } from './briefGather'

type BriefRequest = ParsedInput<'briefs.export'>

/** The brief a request names: a saved one, a draft, or (neither) the whole case. */
export function briefOf(library: Library, request: BriefRequest): BriefDraft & { id?: string } {
  if (request.briefId !== undefined) return library.briefs.get(request.briefId)
  return request.draft ?? BriefDraftSchema.parse({})
}

/** The same brief as a STIX 2.1 bundle. */
export async function exportStix(
  library: Library,
  request: BriefRequest,
): Promise<MethodOutput<'briefs.exportStix'>> {
  const { data } = await gatherRequested(library, request)
  const bundle = buildStixBundle(data, stixIdFor)
  return {
    fileName: fileNameOf(data, 'stix.json'),
    json: `${JSON.stringify(bundle, null, 2)}\n`,
    objects: bundle.objects.length,
  }
}

/** The brief a request names, read from the library now. */
async function gatherRequested(library: Library, request: BriefRequest) {
  const brief = briefOf(library, request)
  return { brief, data: await gatherBrief(library, brief, { id: brief.id }) }
}

/** The Markdown brief, as `briefs.export` answers it. */
export async function exportBrief(
  library: Library,
  request: BriefRequest,
): Promise<MethodOutput<'briefs.export'> & { data: BriefData }> {
  const { brief, data } = await gatherRequested(library, request)
  const { markdown, citations } = renderBriefMarkdown(data, brief.sections)
  return { fileName: fileNameOf(data, 'md'), markdown, citations, leftOut: data.leftOut, data }
}

/** The Markdown brief and its outline, for the composer's live preview. */
export async function previewBrief(
  library: Library,
  request: BriefRequest,
): Promise<MethodOutput<'briefs.preview'>> {
  const { data, markdown, ...exported } = await exportBrief(library, request)
  const names = new Map<string, string>([
    ...data.actors.map((actor): [string, string] => [actor.id, actor.name]),
    ...data.events.map((event): [string, string] => [event.id, event.title]),
  ])
  const cut =
    markdown.length > maxPreviewChars ? markdown.lastIndexOf('\n', maxPreviewChars) + 1 : 0
  return {
    ...exported,
    markdown: cut > 0 ? markdown.slice(0, cut) : markdown,
    fullLength: markdown.length,
    outline: {
      actors: data.actors.map(({ id, name }) => ({ id, name })),
      events: data.events.map(({ id, title }) => ({ id, title })),
      relations: data.relations.map((relation) => ({
        id: relation.id,
        sentence: `${names.get(relation.from.id) ?? '?'} — ${relation.type} → ${names.get(relation.to.id) ?? '?'} (${relation.confidence})`,
      })),
      passages: data.passages.map(({ annotation, source }) => ({
        id: annotation.id,
        quote: annotation.target.quote.exact,
        sourceTitle: source.title,
      })),
      sources: data.sources.length,
    },
  }
}

/** `<title-slug>-<date>.<extension>`. */
export function fileNameOf(data: BriefData, extension: string): string {
  const slug =
    data.brief.title
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'brief'
  return `${slug}-${data.brief.generatedAt.slice(0, 10)}.${extension}`
}
