import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react'
import { describeRange } from '../../../../shared/anchoring'
import type { Annotation, Block, HighlightColor } from '../../../../shared/model'
import { useClient } from '../../app/clientContext'
import { useAnnounce } from '../../app/statusContext'
import { BlockView, pendingSpanId } from './BlockView'
import { HighlightPopover, type Measurable } from './HighlightPopover'
import { spansOf, type PlacedAnnotation } from './placeAnnotations'
import { innermostSpan } from './segmentText'
import { rangeToOffsets } from './selectionOffsets'
import type { SourceDocument } from './useSourceDocument'
import { useHighlightShortcut } from './useHighlightShortcut'
import { SourceHeader } from './SourceHeader'
import './reader.css'

export type RevealRequest = { id: string; nonce: number }

type ReaderProps = {
  document: SourceDocument
  placed: readonly PlacedAnnotation[]
  selectedId: string | undefined
  /** Scroll this annotation into view (once per nonce), e.g. when chosen in the inspector. */
  reveal: RevealRequest | undefined
  onSelect: (id: string) => void
  onCreated: (annotation: Annotation) => void
}

type Pending = { start: number; end: number }

/** The open source as text, its highlights, and the popover that makes a new one. */
export function Reader({ document, placed, selectedId, reveal, onSelect, onCreated }: ReaderProps) {
  const client = useClient()
  const announce = useAnnounce()
  const article = useRef<HTMLElement>(null)
  const [pending, setPending] = useState<Pending>()
  const { source, text, blocks } = document

  const spans = useMemo(() => {
    const saved = spansOf(placed)
    return pending ? [...saved, { id: pendingSpanId, ...pending }] : saved
  }, [placed, pending])
  const colors = useMemo(
    () =>
      new Map<string, HighlightColor>(
        placed.map(({ annotation }) => [annotation.id, annotation.color]),
      ),
    [placed],
  )

  // The popover follows the end of the pending highlight, even as the reader scrolls.
  const anchor = useRef<Measurable>({
    getBoundingClientRect: () => {
      const marks = article.current?.querySelectorAll('.highlight--pending')
      const last = marks?.[marks.length - 1]
      return (last ?? article.current ?? window.document.body).getBoundingClientRect()
    },
  })

  const captureSelection = useCallback((): boolean => {
    const selection = window.getSelection()
    const root = article.current
    if (!selection || selection.isCollapsed || selection.rangeCount === 0 || !root) return false
    const range = selection.getRangeAt(0)
    if (!range.intersectsNode(root)) return false
    const offsets = rangeToOffsets(root, range, text)
    if (!offsets) return false
    setPending(offsets)
    return true
  }, [text])
  useHighlightShortcut(captureSelection)

  const save = async (comment: string) => {
    if (!pending) return
    const annotation = await client.call('annotations.create', {
      sourceId: source.id,
      quote: describeRange(text, pending.start, pending.end),
      position: pending,
      comment,
    })
    setPending(undefined)
    window.getSelection()?.removeAllRanges()
    announce({ message: 'Highlight saved.', tone: 'success' })
    onCreated(annotation)
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

  useEffect(() => setPending(undefined), [source.id])

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
    <div className="reader">
      <SourceHeader source={source} />
      <article
        ref={article}
        className="reader__text"
        data-testid="reader"
        aria-label={`Text of ${source.title}`}
        lang={source.language ?? undefined}
        dir={source.details?.dir ?? 'auto'}
        onMouseUp={() => void captureSelection()}
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
      <HighlightPopover
        open={pending !== undefined}
        anchor={anchor}
        quote={pending ? text.slice(pending.start, pending.end) : ''}
        onSave={save}
        onCancel={() => setPending(undefined)}
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
}

type BlockGroup = { list: boolean; blocks: Block[]; page?: number }

/** Consecutive list items belong in one list; a group starting a new page carries its number. */
function groupBlocks(blocks: readonly Block[]): BlockGroup[] {
  const groups: BlockGroup[] = []
  let page: number | undefined
  for (const block of blocks) {
    const list = block.type === 'list-item'
    const last = groups.at(-1)
    const newPage = block.page !== undefined && block.page !== page ? block.page : undefined
    page = block.page
    if (last && last.list && list && newPage === undefined) last.blocks.push(block)
    else
      groups.push(
        newPage === undefined
          ? { list, blocks: [block] }
          : { list, blocks: [block], page: newPage },
      )
  }
  return groups
}
