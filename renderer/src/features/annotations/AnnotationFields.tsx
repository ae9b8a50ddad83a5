import type { Ref } from 'react'
import { LinkFields } from '../case/LinkFields'
import { AnnotationMarkings } from '../markings/AnnotationMarkings'
import type { AnnotationDraft } from './annotationDraft'
import { ColorChoice } from './ColorChoice'
import { TagInput } from './TagInput'
import './annotationFields.css'

type AnnotationFieldsProps = {
  /** Makes the fields' ids unique on the page. */
  idPrefix: string
  draft: AnnotationDraft
  onChange: (draft: AnnotationDraft) => void
  /** `highlight` → test ids `highlight-comment`, `highlight-tags`. */
  testIdPrefix: string
  commentRef?: Ref<HTMLTextAreaElement>
  autoFocus?: boolean
  /** Shows the credibility grade and TLP marking (in the inspector, not in the quick popover). */
  markings?: boolean
}

/**
 * Comment, tags, linked actors and events, and colour of a highlight: the popover and the
 * inspector edit the same fields.
 */
export function AnnotationFields({
  idPrefix,
  draft,
  onChange,
  testIdPrefix,
  commentRef,
  autoFocus = false,
  markings = false,
}: AnnotationFieldsProps) {
  return (
    <div className="annotation-fields">
      <label className="field-label" htmlFor={`${idPrefix}-comment`}>
        Comment
      </label>
      <textarea
        ref={commentRef}
        id={`${idPrefix}-comment`}
        className="text-field annotation-fields__comment"
        data-testid={`${testIdPrefix}-comment`}
        rows={3}
        placeholder="Why does this passage matter? (optional)"
        value={draft.comment}
        onChange={(event) => onChange({ ...draft, comment: event.target.value })}
        autoFocus={autoFocus}
      />
      <label className="field-label" htmlFor={`${idPrefix}-tags`}>
        Tags
      </label>
      <TagInput
        id={`${idPrefix}-tags`}
        testId={`${testIdPrefix}-tags`}
        tags={draft.tags}
        text={draft.tagText}
        onChange={(tags, tagText) => onChange({ ...draft, tags, tagText })}
      />
      <LinkFields
        idPrefix={idPrefix}
        testIdPrefix={testIdPrefix}
        links={draft.links}
        onChange={(links) => onChange({ ...draft, links })}
      />
      <ColorChoice
        name={`${idPrefix}-color`}
        value={draft.color}
        onChange={(color) => onChange({ ...draft, color })}
      />
      {markings ? (
        <AnnotationMarkings
          idPrefix={idPrefix}
          credibility={draft.credibility}
          tlp={draft.tlp}
          onChange={(graded) => onChange({ ...draft, ...graded })}
        />
      ) : null}
    </div>
  )
}
