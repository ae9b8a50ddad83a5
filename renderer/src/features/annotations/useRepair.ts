import { useCallback, useEffect, useState } from 'react'
import { describeRange } from '../../../../shared/anchoring'
import type { Annotation } from '../../../../shared/model'
import { isEditableTarget } from '../../app/isEditableTarget'
import { useAnnotationActions } from './useAnnotationActions'

type TextRange = { start: number; end: number }

export type Repair = {
  /** The annotation whose passage is being re-selected. */
  id: string | undefined
  /** The passage chosen so far in the reader. */
  quote: string | undefined
  start: (id: string) => void
  cancel: () => void
  choose: (range: TextRange) => void
  /** Re-anchors the annotation on the chosen passage; answers it, exact again. */
  confirm: (annotation: Annotation) => Promise<Annotation | undefined>
}

/**
 * Re-selecting the passage of a fuzzy or orphaned annotation: start from its card, select the
 * passage in the reader, confirm (or Escape). Ends by itself when another text is opened.
 */
export function useRepair(text: string | undefined): Repair {
  const actions = useAnnotationActions()
  const [repair, setRepair] = useState<{ id: string; range?: TextRange }>()

  const start = useCallback((id: string) => setRepair({ id }), [])
  const cancel = useCallback(() => setRepair(undefined), [])
  const choose = useCallback(
    (range: TextRange) => setRepair((now) => now && { id: now.id, range }),
    [],
  )

  useEffect(() => setRepair(undefined), [text])
  useEffect(() => {
    if (!repair) return
    const keydown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !isEditableTarget(event.target)) setRepair(undefined)
    }
    document.addEventListener('keydown', keydown)
    return () => document.removeEventListener('keydown', keydown)
  }, [repair])

  const confirm = async (annotation: Annotation) => {
    const range = repair?.range
    if (!range || text === undefined) return undefined
    const repaired = await actions.repair(
      annotation,
      describeRange(text, range.start, range.end),
      range,
    )
    setRepair(undefined)
    return repaired
  }

  return {
    id: repair?.id,
    quote:
      repair?.range && text !== undefined
        ? text.slice(repair.range.start, repair.range.end)
        : undefined,
    start,
    cancel,
    choose,
    confirm,
  }
}
