import { memo, useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react'
import { describeRange } from '../../../../shared/anchoring'
import type { Annotation, Block, HighlightColor } from '../../../../shared/model'
import {
  draftChanges,
  draftOf,
  draftTags,
  emptyDraft,
  type AnnotationDraft,
} from '../annotations/annotationDraft'
import { useAnnotationActions } from '../annotations/useAnnotationActions'
import { useCase } from '../case/caseContext'
import {
  relationEnds,
  relationInput,
  relationStarted,
  type RelationDraft,
} from '../case/relationDraft'
import { useCaseActions } from '../case/useCaseActions'
import { BlockView, pendingSpanId } from './BlockView'
import { currentSelection } from './currentSelection'
import { groupBlocks } from './groupBlocks'
import { HighlightPopover, type Measurable, type PopoverState } from './HighlightPopover'
import { HighlightTooltip, useHighlightHover } from './HighlightTooltip'
import { spansOf, type PlacedAnnotation } from './placeAnnotations'
import { innermostSpan } from './segmentText'
import { SourceHeader } from './SourceHeader'
import type { SourceDocument } from './useSourceDocument'
import { useHighlightShortcut } from './useHighlightShortcut'
import './reader.css'

export type RevealRequest = { id: string; nonce: number }
export type TextRange = { start: number; end: number }

type ReaderProps = {
  document: SourceDocument
  placed: readonly PlacedAnnotation[]
  selectedId: string | undefined
  /** Scroll this annotation into view (once per nonce), e.g. when chosen in the inspector. */
  reveal: RevealRequest | undefined
  onSelect: (id: string) => void
  onCreated: (annotation: Annotation) => void
  onOpenSource: (id: string) => void
  /** While an annotation's passage is being re-selected, selections go here, not to a popover. */
  repairing: boolean
  onRepairSelection: (range: TextRange) => void
}

/**
 * The open source as text, its highlights, and the popover that makes a new one. Memoised: the
 * window renders again at every re-read of the library list (an import brings many), and a long
 * document should not.
 */
export const Reader = memo(function Reader(props: ReaderProps) {
  const { document, placed, selectedId, reveal, onSelect, onCreated, repairing } = props
  const { onRepairSelection } = props
  const actions = useAnnotationActions()
  const caseActions = useCaseActions()
  const { labelOf } = useCase()
  const article = useRef<HTMLElement>(null)
  const [popover, setPopover] = useState<PopoverState>()
  const busy = useRef(false)
  const { source, text, blocks } = document
  const target = popover?.target

  const spans = useMemo(() => {
    const saved = spansOf(placed)
    return target?.kind === 'new'
      ? [...saved, { id: pendingSpanId, start: target.start, end: target.end }]
      : saved
  }, [placed, target])
  const byId = useMemo(
    () => new Map(placed.map(({ annotation }) => [annotation.id, annotation])),
    [placed],
  )
  const previewColor = target?.kind === 'saved' ? popover?.draft.color : undefined
  const colors = useMemo(() => {
    const colors = new Map<string, HighlightColor>(
      placed.map(({ annotation }) => [annotation.id, annotation.color]),
    )
    // The colour being chosen for a fresh highlight shows on it at once.
    if (target?.kind === 'saved' && previewColor) colors.set(target.annotation.id, previewColor)
    return colors
  }, [placed, target, previewColor])
  const hover = useHighlightHover(spans, byId)

  // The popover follows the passage it is about, even as the reader scrolls.
  const anchorId = useRef<string>(undefined)
  anchorId.current = target?.kind === 'saved' ? target.annotation.id : undefined
  const anchor = useRef<Measurable>({
    getBoundingClientRect: () => {
      const root = article.current
      const marks = root
        ? [
            ...root.querySelectorAll<HTMLElement>(
              'mark.highlight--pending, mark[data-annotation-ids]',
            ),
          ]
        : []
      const id = anchorId.current
      const last = marks.findLast((mark) =>
        id === undefined
          ? mark.classList.contains('highlight--pending')
          : mark.dataset.annotationIds?.split(' ').includes(id),
      )
      return (last ?? root ?? window.document.body).getBoundingClientRect()
    },
  })

  const selection = useCallback(() => currentSelection(article.current, text), [text])
  const isPending = (range: TextRange) =>
    target?.kind === 'new' && target.start === range.start && target.end === range.end

  /** A relation written in the popover, checked before anything is saved; undefined if none. */
  const checkRelation = (draft: AnnotationDraft) => {
    if (!relationStarted(draft.relation)) return undefined
    const checked = relationInput(draft.relation, [])
    if (!checked.ok) throw new Error(checked.message)
    return draft.relation
  }
  /** The relation with this passage as its evidence; the passage is linked to both its ends. */
  const saveRelation = async (relation: RelationDraft, evidence: string) => {
    const checked = relationInput(relation, [evidence])
    if (!checked.ok) return
    const { from, to, type } = checked.input
    await caseActions.createRelation(
      checked.input,
      `${labelOf(from)} — ${type} → ${labelOf(to)} (${checked.input.confidence})`,
    )
  }
  const linksWith = (draft: AnnotationDraft, relation: RelationDraft | undefined) => {
    const links = [...draft.links]
    for (const end of relation ? relationEnds(relation) : [])
      if (!links.some((link) => link.kind === end.kind && link.id === end.id)) links.push(end)
    return links
  }

  /** Saves a highlight; after `h` the popover stays on it, offering a comment. */
  const create = async (range: TextRange, draft: AnnotationDraft, follow: boolean) => {
    const relation = checkRelation(draft)
    const annotation = await actions.create(
      {
        sourceId: source.id,
        quote: describeRange(text, range.start, range.end),
        position: range,
        comment: draft.comment,
        tags: draftTags(draft),
        color: draft.color,
      },
      linksWith(draft, relation),
    )
    if (relation) await saveRelation(relation, annotation.id)
    window.getSelection()?.removeAllRanges()
    setPopover(
      follow
        ? { target: { kind: 'saved', annotation }, draft: draftOf(annotation), focus: 0 }
        : undefined,
    )
    onCreated(annotation)
  }
  const createOnce = (range: TextRange, draft: AnnotationDraft) => {
    if (busy.current) return
    busy.current = true
    create(range, draft, true)
      .catch(() => {}) // announced in the status line
      .finally(() => (busy.current = false))
  }

  const highlightNow = () => {
    if (repairing) return false
    const range = selection()
    if (range && !isPending(range)) createOnce(range, emptyDraft)
    else if (target?.kind === 'new' && popover) createOnce(target, popover.draft)
    else return false
    return true
  }
  const commentNow = () => {
    if (repairing) return false
    const range = selection()
    if (range && !isPending(range))
      setPopover({ target: { kind: 'new', ...range }, draft: emptyDraft, focus: 1 })
    else if (popover) setPopover({ ...popover, focus: popover.focus + 1 })
    else return false
    return true
  }
  useHighlightShortcut({ highlight: highlightNow, comment: commentNow })

  const mouseUp = () => {
    const range = selection()
    if (!range) return
    if (repairing) onRepairSelection(range)
    else if (!isPending(range))
      setPopover({ target: { kind: 'new', ...range }, draft: emptyDraft, focus: 0 })
  }

  const save = async () => {
    if (!popover) return
    if (popover.target.kind === 'new') return create(popover.target, popover.draft, false)
    const { annotation } = popover.target
    const relation = checkRelation(popover.draft)
    const draft = { ...popover.draft, links: linksWith(popover.draft, relation) }
    if (draftChanges(annotation, draft)) {
      await actions.update(annotation, {
        comment: draft.comment,
        tags: draftTags(draft),
        color: draft.color,
        links: draft.links,
      })
    }
    if (relation) await saveRelation(relation, annotation.id)
    setPopover(undefined)
  }

  const clickHighlight = useCallback(
    (ids: string[], event: MouseEvent<HTMLElement>) => {
      if (!window.getSelection()?.isCollapsed) return // the end of a drag, not a click
      const id = innermostSpan(ids, spans)
      if (id) {
        event.stopPropagation()
        onSelect(id)
      }
    },
    [spans, onSelect],
  )

  useEffect(() => setPopover(undefined), [source.id, repairing])

  // A highlight made with `h` and then undone (or deleted elsewhere) takes its popover with it.
  const seen = useRef<string>(undefined)
  const savedId = target?.kind === 'saved' ? target.annotation.id : undefined
  useEffect(() => {
    if (savedId === undefined) return
    if (byId.has(savedId)) seen.current = savedId
    else if (seen.current === savedId) setPopover(undefined)
  }, [savedId, byId])

  // Re-selecting a passage: keyboard selections count as well as the mouse's.
  useEffect(() => {
    if (!repairing) return
    const changed = () => {
      const range = currentSelection(article.current, text)
      if (range) onRepairSelection(range)
    }
    window.document.addEventListener('selectionchange', changed)
    return () => window.document.removeEventListener('selectionchange', changed)
  }, [repairing, text, onRepairSelection])

  const revealed = useRef<number>(undefined)
  useEffect(() => {
    if (!reveal || revealed.current === reveal.nonce || !article.current) return
    const mark = [
      ...article.current.querySelectorAll<HTMLElement>('mark[data-annotation-ids]'),
    ].find((element) => element.dataset.annotationIds?.split(' ').includes(reveal.id))
    if (!mark) return
    revealed.current = reveal.nonce
    mark.scrollIntoView?.({ block: 'center', behavior: 'smooth' })
  }, [reveal, placed])

  return (
    <div className={`reader${repairing ? ' reader--repairing' : ''}`}>
      <SourceHeader source={source} onOpenSource={props.onOpenSource} />
      {repairing ? (
        <p className="reader__repair" role="status">
          Select the passage this highlight belongs to, then confirm it in the inspector.{' '}
          <kbd>Esc</kbd> cancels.
        </p>
      ) : null}
      <article
        ref={article}
        className="reader__text"
        data-testid="reader"
        aria-label={`Text of ${source.title}`}
        lang={source.language ?? undefined}
        dir={source.details?.dir ?? 'auto'}
        onMouseUp={mouseUp}
        onMouseOver={hover.over}
        onMouseOut={hover.out}
      >
        {groupBlocks(blocks).map((group) => [
          group.page === undefined ? null : (
            <p
              key={`page-${group.page}`}
              className="reader__page"
              role="separator"
              data-testid="page-marker"
            >
              Page {group.page}
            </p>
          ),
          group.list ? (
            <ul key={group.blocks[0]?.start} className="block-list">
              {group.blocks.map((block) => renderBlock(block))}
            </ul>
          ) : (
            group.blocks.map((block) => renderBlock(block))
          ),
        ])}
      </article>
      {hover.hovered && !popover ? <HighlightTooltip {...hover.hovered} /> : null}
      <HighlightPopover
        state={popover}
        anchor={anchor}
        quote={
          !target
            ? ''
            : target.kind === 'new'
              ? text.slice(target.start, target.end)
              : target.annotation.target.quote.exact
        }
        onDraftChange={(draft) => setPopover((now) => now && { ...now, draft })}
        onSave={save}
        onClose={() => setPopover(undefined)}
      />
    </div>
  )

  function renderBlock(block: Block) {
    return (
      <BlockView
        key={block.start}
        block={block}
        text={text}
        spans={spans}
        colors={colors}
        selectedId={selectedId}
        onHighlightClick={clickHighlight}
      />
    )
  }
})
