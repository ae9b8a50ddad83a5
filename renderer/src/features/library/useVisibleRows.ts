import { useEffect, useState, type RefObject } from 'react'

/** The viewport's height until it has one (no layout yet, as in jsdom): a tall window's. */
const unmeasuredHeight = 1200

/**
 * Which rows of a long list of equal rows to put in the page: those the scrolling `viewport`
 * shows, and `overscan` more on either side so arrow keys and short scrolls never meet a gap.
 */
export function useVisibleRows(
  viewport: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan = 10,
): { start: number; end: number } {
  const [view, setView] = useState({ top: 0, height: 0 })
  useEffect(() => {
    const element = viewport.current
    if (!element) return
    const read = () =>
      setView((now) =>
        now.top === element.scrollTop && now.height === element.clientHeight
          ? now
          : { top: element.scrollTop, height: element.clientHeight },
      )
    read()
    element.addEventListener('scroll', read, { passive: true })
    const observer = new ResizeObserver(read)
    observer.observe(element)
    return () => {
      element.removeEventListener('scroll', read)
      observer.disconnect()
    }
  }, [viewport])
  const height = view.height > 0 ? view.height : unmeasuredHeight
  const first = Math.floor(view.top / rowHeight)
  const last = Math.ceil((view.top + height) / rowHeight)
  return {
    start: Math.min(count, Math.max(0, first - overscan)),
    end: Math.min(count, last + overscan),
  }
}
