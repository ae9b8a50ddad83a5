import { useCallback, useMemo } from 'react'
import { BriefDraftSchema, type Brief, type BriefScope } from '../../../../shared/model'
import type { Client } from '../../../../shared/rpc'
import { useClient } from '../../app/clientContext'
import { describeError } from '../../app/describeError'
import { useAnnounce } from '../../app/statusContext'
import { useUndo } from '../../app/undoContext'
import { untitledBrief } from './useBriefAutosave'
import { draftOf } from './useBriefs'

/** What can be picked by hand into a brief's scope: a passage (annotation) or a note. */
export type BriefPickKind = 'annotation' | 'note'

const scopeKey = {
  annotation: 'annotationIds',
  note: 'noteIds',
} as const satisfies Record<BriefPickKind, keyof BriefScope>

const nouns: Record<BriefPickKind, string> = { annotation: 'passage', note: 'note' }

/** The brief `id` as the library has it now (the list the menu showed may be a moment old). */
async function briefNow(client: Client, id: string): Promise<Brief | undefined> {
  return (await client.call('briefs.list', {})).briefs.find((brief) => brief.id === id)
}

/** `brief` saved again (all its fields) with `ids` as its hand-picked ids of `kind`. */
function saveScope(client: Client, brief: Brief, kind: BriefPickKind, ids: string[]) {
  const key = scopeKey[kind]
  return client.call('briefs.save', {
    ...draftOf(brief),
    scope: { ...brief.scope, [key]: ids },
    id: brief.id,
  })
}

/**
 * Adds the passage or note `id` to a saved brief's hand-picked scope (or to a new brief), says so
 * with Undo; says so, and changes nothing, when the brief already has it.
 */
export function useAddToBrief(kind: BriefPickKind, id: string) {
  const client = useClient()
  const announce = useAnnounce()
  const { done } = useUndo()
  const noun = nouns[kind]
  const key = scopeKey[kind]

  const addToNew = useCallback(async () => {
    const draft = BriefDraftSchema.parse({ title: untitledBrief, scope: { [key]: [id] } })
    const brief = await client.call('briefs.save', draft)
    done(`Added to a new brief, “${brief.title}”.`, {
      undo: async () => {
        await client.call('briefs.delete', { id: brief.id })
        return `the new brief “${brief.title}” is gone.`
      },
    })
  }, [client, done, key, id])

  const addTo = useCallback(
    async (briefId: string) => {
      const brief = await briefNow(client, briefId)
      if (!brief) {
        announce({ message: 'That brief is no longer in the library.', tone: 'error' })
        return
      }
      if (brief.scope[key].includes(id)) {
        announce({ message: `This ${noun} is already in “${brief.title}”.`, tone: 'info' })
        return
      }
      await saveScope(client, brief, kind, [...brief.scope[key], id])
      const leftOut =
        kind === 'note' && !brief.sections.includes('notes')
          ? ' Its Notes section is left out: tick it in the composer to export the note.'
          : ''
      done(`Added to “${brief.title}”.${leftOut}`, {
        undo: async () => {
          // Only this id comes out: whatever else changed in the brief since stays.
          const latest = await briefNow(client, briefId)
          if (!latest) throw new Error(`the brief “${brief.title}” is no longer in the library.`)
          const ids = latest.scope[key].filter((other) => other !== id)
          await saveScope(client, latest, kind, ids)
          return `the ${noun} is out of “${latest.title}” again.`
        },
      })
    },
    [client, announce, done, kind, key, noun, id],
  )

  const said = useCallback(
    (work: () => Promise<void>) =>
      work().catch((error: unknown) =>
        announce({
          message: `The ${noun} was not added to the brief: ${describeError(error)}`,
          tone: 'error',
        }),
      ),
    [announce, noun],
  )
  // Failures are said in the status line; the promises never reject.
  return useMemo(
    () => ({
      addTo: (briefId: string) => said(() => addTo(briefId)),
      addToNew: () => said(addToNew),
    }),
    [said, addTo, addToNew],
  )
}
