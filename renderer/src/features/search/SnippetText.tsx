import { snippetSegments } from './snippetSegments'

/** A search snippet as text with <mark>ed matches: the source's words are never parsed as HTML. */
export function SnippetText({
  text,
  highlights,
}: {
  text: string
  highlights: ReadonlyArray<readonly [number, number]>
}) {
  return (
    <>
      {snippetSegments(text, highlights).map((segment, index) =>
        segment.marked ? (
          <mark key={index}>{segment.text}</mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  )
}
