import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react'
import { createContext, useCallback, useContext } from 'react'
import type { Client } from '../../../../shared/rpc'
import { useLibraryQuery } from '../../app/useLibraryQuery'

/** Opens a source with one of its annotations selected; given by the window. */
export const OpenPassageContext = createContext<(sourceId: string, annotationId: string) => void>(
  () => {},
)

const text = (value: unknown) => (typeof value === 'string' ? value : '')

/**
 * A quoted passage in a note: the quote and its source as they were quoted, the comment as it is
 * now, a way back to the passage, and a plain warning once the highlight is orphaned or deleted.
 */
export function CitationView({ node, selected }: ReactNodeViewProps) {
  const annotationId = text(node.attrs.annotationId)
  const sourceId = text(node.attrs.sourceId)
  const openPassage = useContext(OpenPassageContext)
  const query = useCallback(
    (client: Client) => client.call('annotations.get', { id: annotationId }),
    [annotationId],
  )
  const live = useLibraryQuery(query, undefined, ['annotations', 'sources'])
  const annotation = live.data?.annotation
  const state = live.error
    ? 'missing'
    : !annotation
      ? 'loading'
      : annotation.deletedAt !== null
        ? 'deleted'
        : (annotation.anchor?.status ?? 'exact')
  const warning = {
    missing: 'The highlight this quotes no longer exists.',
    deleted: 'The highlight this quotes is in the trash: restore it to cite it again.',
    orphaned: 'The passage was not found in the newest version of its source.',
    fuzzy: 'The passage was found only approximately in the newest version of its source.',
  }[state as string]

  return (
    <NodeViewWrapper
      as="figure"
      className={`citation citation--${state}${selected ? ' citation--selected' : ''}`}
      data-testid="citation"
      data-state={state}
      contentEditable={false}
      data-drag-handle=""
    >
      <blockquote className="citation__quote">{text(node.attrs.quote)}</blockquote>
      <figcaption className="citation__caption">
        <span className="citation__source">{text(node.attrs.sourceTitle)}</span>
        {state !== 'missing' && state !== 'deleted' ? (
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => openPassage(sourceId, annotationId)}
          >
            Open passage
          </button>
        ) : null}
      </figcaption>
      {annotation?.comment ? <p className="citation__comment">{annotation.comment}</p> : null}
      {warning ? (
        <p className="citation__warning" role="note">
          {warning}
        </p>
      ) : null}
    </NodeViewWrapper>
  )
}
