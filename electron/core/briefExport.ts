import type { MethodOutput, ParsedInput } from '../../shared/api'
import { renderBriefMarkdown, type BriefItem, type Place } from '../../shared/brief'
import type { Library } from './library'

export const casefileVersion = '0.1.0'

/** The Markdown brief of the chosen sources (all by default): their live annotations, cited. */
export async function exportBrief(
  library: Library,
  input: ParsedInput<'briefs.export'>,
): Promise<MethodOutput<'briefs.export'>> {
  const sources = input.sourceIds
    ? await Promise.all(input.sourceIds.map(async (id) => (await library.getSource(id)).source))
    : library.listSources().reverse()
  const items: BriefItem[] = []
  let orphansLeftOut = 0
  for (const source of sources) {
    const live = await library.listAnnotations(source.id)
    // Only what can be cited: an orphan's passage is no longer in this text.
    const annotations = live.filter((annotation) => annotation.anchor?.status !== 'orphaned')
    orphansLeftOut += live.length - annotations.length
    if (annotations.length === 0) continue
    const { blocks } = await library.getSource(source.id)
    const placeOf = (offset: number): Place => {
      const index = Math.max(
        0,
        blocks.findIndex((block) => block.end >= offset),
      )
      const page = blocks[index]?.page
      if (page === undefined) return { paragraph: index + 1 }
      const firstOfPage = blocks.findIndex((block) => block.page === page)
      return { paragraph: index - firstOfPage + 1, page }
    }
    items.push({ source, annotations, placeOf })
  }
  const generatedAt = new Date().toISOString()
  const markdown = renderBriefMarkdown({
    title: input.title,
    generatedAt,
    generator: `Casefile ${casefileVersion}`,
    items,
    orphansLeftOut,
  })
  const slug =
    input.title
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '') || 'brief'
  const annotations = items.reduce((sum, item) => sum + item.annotations.length, 0)
  return { fileName: `${slug}-${generatedAt.slice(0, 10)}.md`, markdown, annotations }
}
