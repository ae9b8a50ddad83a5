import { memo, type MouseEvent, type ReactNode } from 'react'
import type { Block, HighlightColor } from '../../../../shared/model'
import { blockPieces, type Piece } from './blockPieces'
import { segmentText, type Span } from './segmentText'

export const pendingSpanId = 'pending'

export type BlockViewProps = {
  block: Block
  text: string
  /** Highlight spans that touch this block (others are ignored anyway). */
  spans: readonly Span[]
  colors: ReadonlyMap<string, HighlightColor>
  selectedId: string | undefined
  onHighlightClick: (ids: string[], event: MouseEvent<HTMLElement>) => void
}

/**
 * One block of the canonical text, as React text nodes only. Each run carries `data-start`, its
 * offset in the canonical text, so a DOM selection maps back to exact offsets. A very long block
 * (a one-line file of megabytes) comes in pieces that the browser lays out only near the viewport.
 */
export const BlockView = memo(function BlockView(props: BlockViewProps) {
  const { block, ...run } = props
  const pieces = blockPieces(run.text, block.start, block.end)
  const content =
    pieces.length === 1
      ? renderSegments(props, block)
      : pieces.map((piece) => (
          <PieceView
            key={piece.start}
            {...run}
            {...piece}
            spans={run.spans.filter((span) => span.start < piece.end && span.end > piece.start)}
          />
        ))
  switch (block.type) {
    case 'heading':
      return <Heading level={block.level ?? 1}>{content}</Heading>
    case 'quote':
      return <blockquote className="block block--quote">{content}</blockquote>
    case 'list-item':
      return <li className="block block--list-item">{content}</li>
    default:
      return <p className="block block--paragraph">{content}</p>
  }
})

/** Source headings sit one level below the source title (the page's h1). */
function Heading({ level, children }: { level: number; children: ReactNode }) {
  const className = `block block--heading block--heading-${level}`
  switch (Math.min(level + 1, 6)) {
    case 2:
      return <h2 className={className}>{children}</h2>
    case 3:
      return <h3 className={className}>{children}</h3>
    case 4:
      return <h4 className={className}>{children}</h4>
    case 5:
      return <h5 className={className}>{children}</h5>
    default:
      return <h6 className={className}>{children}</h6>
  }
}

type RunProps = Omit<BlockViewProps, 'block'>

/**
 * A piece of a long block, a block of its own that the browser skips while it is off screen.
 * Only the pieces a highlight touches render again when highlights change: the others bail out.
 */
const PieceView = memo(
  function PieceView(props: RunProps & Piece) {
    // Room held for a piece not laid out yet: about 80 characters to a line of 1.68em.
    const height = Math.ceil((props.end - props.start) / 80) * 1.68
    return (
      <span className="block__piece" style={{ containIntrinsicBlockSize: `auto ${height}em` }}>
        {renderSegments(props, props)}
      </span>
    )
  },
  (before, after) =>
    before.text === after.text &&
    before.start === after.start &&
    before.end === after.end &&
    before.spans.length === 0 &&
    after.spans.length === 0,
)

function renderSegments(
  { text, spans, colors, selectedId, onHighlightClick }: RunProps,
  { start, end }: Piece,
) {
  return segmentText(start, end, spans).map((segment) => {
    const content = text.slice(segment.start, segment.end)
    if (segment.ids.length === 0) {
      return (
        <span key={segment.start} data-start={segment.start}>
          {content}
        </span>
      )
    }
    const saved = segment.ids.filter((id) => id !== pendingSpanId)
    const classes = ['highlight']
    const color = saved[0] === undefined ? undefined : colors.get(saved[0])
    if (color) classes.push(`highlight--${color}`)
    if (saved.length > 1) classes.push('highlight--overlap')
    if (selectedId !== undefined && saved.includes(selectedId)) classes.push('highlight--selected')
    if (saved.length < segment.ids.length) classes.push('highlight--pending')
    return (
      <mark
        key={segment.start}
        className={classes.join(' ')}
        data-start={segment.start}
        data-annotation-ids={saved.join(' ')}
        onClick={saved.length > 0 ? (event) => onHighlightClick(saved, event) : undefined}
      >
        {content}
      </mark>
    )
  })
}
