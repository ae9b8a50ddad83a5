export { toWebAnnotation, toAnnotationCollection } from './webAnnotation'
export { parseWebAnnotations, maxWebAnnotations } from './parseWebAnnotations'
export {
  annotationContext,
  casefileNamespace,
  webAnnotationContext,
  AnnotationCollectionSchema,
  ParsedWebAnnotationSchema,
  WebAnnotationSchema,
} from './webAnnotationShape'
export type {
  AnnotationCollection,
  ParsedWebAnnotation,
  WebAnnotation,
  WebAnnotationProblem,
  WebAnnotationTarget,
  TextualBody,
} from './webAnnotationShape'
