import type { MethodInput } from '../../../../shared/api'
import type { Confidence, RelationEnd } from '../../../../shared/model'

/** A relation being written: “<from> — <type> → <to>, <confidence>”. */
export type RelationDraft = {
  from: string | undefined
  type: string
  to: RelationEnd | undefined
  confidence: Confidence
}

export const emptyRelationDraft: RelationDraft = {
  from: undefined,
  type: '',
  to: undefined,
  confidence: 'likely',
}

/** Whether anything of a relation has been written (an untouched one is left out on save). */
export function relationStarted(draft: RelationDraft | undefined): draft is RelationDraft {
  return draft !== undefined && (draft.from !== undefined || draft.to !== undefined)
}

/** The `relations.create` input with these passages as evidence, or what is still missing. */
export function relationInput(
  draft: RelationDraft,
  evidence: string[],
): { ok: true; input: MethodInput<'relations.create'> } | { ok: false; message: string } {
  const type = draft.type.trim()
  if (draft.from === undefined)
    return { ok: false, message: 'Choose the actor the relation is from.' }
  if (type === '') return { ok: false, message: 'Choose or write the type of the relation.' }
  if (draft.to === undefined) return { ok: false, message: 'Choose the actor or event it is to.' }
  return {
    ok: true,
    input: {
      from: { kind: 'actor', id: draft.from },
      to: draft.to,
      type,
      confidence: draft.confidence,
      evidence,
    },
  }
}

/** The ends of a finished relation, for the passage to be linked to both. */
export function relationEnds(draft: RelationDraft): RelationEnd[] {
  return [
    ...(draft.from ? [{ kind: 'actor' as const, id: draft.from }] : []),
    ...(draft.to ? [draft.to] : []),
  ]
}
