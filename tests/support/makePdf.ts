import { PDFDocument, StandardFonts } from 'pdf-lib'

/** A page of paragraphs, each paragraph its lines as drawn. */
export type Page = string[][]

/** A real PDF (pdf-lib, Helvetica) with the given pages of paragraphs and metadata. */
export async function makePdf(
  content: Page[],
  meta: { title?: string; author?: string; created?: Date; language?: string } = {},
): Promise<Uint8Array> {
  const document = await PDFDocument.create()
  if (meta.title) document.setTitle(meta.title)
  if (meta.author) document.setAuthor(meta.author)
  if (meta.created) document.setCreationDate(meta.created)
  if (meta.language) document.setLanguage(meta.language)
  const font = await document.embedFont(StandardFonts.Helvetica)
  for (const paragraphs of content) {
    const page = document.addPage([595, 842])
    let y = 780
    for (const lines of paragraphs) {
      page.drawText(lines.join('\n'), { x: 60, y, size: 11, lineHeight: 14, font })
      // Paragraphs sit a line's height plus 10 points apart, as a word processor spaces them.
      y -= lines.length * 14 + 10
    }
  }
  return document.save()
}
