import type { Annotation, Source } from '../model'
import {
  annotationContext,
  casefileNamespace,
  sha256Urn,
  uuidUrn,
  type AnnotationCollection,
  type TextualBody,
  type WebAnnotation,
} from './webAnnotationShape'

export { parseWebAnnotations, maxWebAnnotations } from './parseWebAnnotations'

/**
 * One Casefile annotation as a W3C Web Annotation (https://www.w3.org/TR/annotation-model/):
 * the comment and each tag as TextualBody items, the target the source's original bytes
 * (`urn:sha256:`) with TextQuote and TextPosition selectors on its canonical text, the page's
 * URL as the target's `scope`, and Casefile-only fields under the `casefile:` prefix.
 */
export function toWebAnnotation(annotation: Annotation, source: Source): WebAnnotation {
  const { quote, position } = annotation.target
  const body: TextualBody[] = annotation.tags.map((tag) => ({
    type: 'TextualBody',
    purpose: 'tagging',
    value: tag,
  }))
  const commented = annotation.comment.trim() !== ''
  if (commented)
    body.unshift({
      type: 'TextualBody',
      purpose: 'commenting',
      format: 'text/plain',
      value: annotation.comment,
    })
  const result: WebAnnotation = {
    id: `${uuidUrn}${annotation.id}`,
    type: 'Annotation',
    motivation: commented ? 'commenting' : 'highlighting',
    created: annotation.createdAt,
    modified: annotation.updatedAt,
    target: {
      type: 'SpecificResource',
      source: `${sha256Urn}${source.originalSha256}`,
      selector: [
        {
          type: 'TextQuoteSelector',
          exact: quote.exact,
          prefix: quote.prefix,
          suffix: quote.suffix,
        },
        { type: 'TextPositionSelector', start: position.start, end: position.end },
      ],
      'casefile:textSha256': annotation.target.textSha256,
      'casefile:title': source.title,
    },
    'casefile:color': annotation.color,
  }
  if (body.length > 0) result.body = body
  if (source.origin.url !== null) result.target.scope = source.origin.url
  if (annotation.anchor) {
    result['casefile:anchor'] = annotation.anchor.status
    result['casefile:anchorScore'] = annotation.anchor.score
    result['casefile:anchorCheckedAt'] = annotation.anchor.checkedAt
  }
  return result
}

/**
 * Annotations as one W3C AnnotationCollection with a single embedded page: plain JSON, ready
 * for `JSON.stringify`. Its id is a `tag:` URI (RFC 4151) minted from `generatedAt`.
 */
export function toAnnotationCollection(
  items: ReadonlyArray<{ annotation: Annotation; source: Source }>,
  generatedAt: string,
): AnnotationCollection {
  const id = `tag:casefile.invalid,2025:annotations/${encodeURIComponent(generatedAt)}`
  return {
    '@context': [annotationContext, { casefile: casefileNamespace }],
    id,
    type: 'AnnotationCollection',
    label: `Casefile annotations exported ${generatedAt}`,
    total: items.length,
    generated: generatedAt,
    first: {
      id: `${id}/page1`,
      type: 'AnnotationPage',
      startIndex: 0,
      items: items.map(({ annotation, source }) => toWebAnnotation(annotation, source)),
    },
  }
}
