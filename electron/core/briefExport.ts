import type { MethodOutput, ParsedInput } from '../../shared/api'
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
  const brief = briefOf(library, request)
  const data = await gatherBrief(library, brief, { id: brief.id })
  const bundle = buildStixBundle(data, stixIdFor)
  return {
    fileName: fileNameOf(data, 'stix.json'),
    json: `${JSON.stringify(bundle, null, 2)}\n`,
    objects: bundle.objects.length,
  }
}

/** The Markdown brief, as `briefs.export` answers it. */
export async function exportBrief(
  library: Library,
  request: BriefRequest,
): Promise<MethodOutput<'briefs.export'>> {
  const brief = briefOf(library, request)
  const data = await gatherBrief(library, brief, { id: brief.id })
  const { markdown, citations } = renderBriefMarkdown(data, brief.sections)
  return {
    fileName: fileNameOf(data, 'md'),
    markdown,
    citations,
    leftOut: data.leftOut,
  }
}

/** The Markdown brief and its outline, for the composer's live preview. */
export async function previewBrief(
  library: Library,
  request: BriefRequest,
): Promise<MethodOutput<'briefs.preview'>> {
  const brief = briefOf(library, request)
  const data = await gatherBrief(library, brief, { id: brief.id })
  const { markdown, citations } = renderBriefMarkdown(data, brief.sections)
  const names = new Map<string, string>([
    ...data.actors.map((actor): [string, string] => [actor.id, actor.name]),
    ...data.events.map((event): [string, string] => [event.id, event.title]),
  ])
  return {
    fileName: fileNameOf(data, 'md'),
    markdown,
    citations,
    leftOut: data.leftOut,
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
