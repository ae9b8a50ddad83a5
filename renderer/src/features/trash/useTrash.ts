import { useCallback } from 'react'
import type { MethodOutput } from '../../../../shared/api'
import type { Client } from '../../../../shared/rpc'
import { useClient } from '../../app/clientContext'
import { describeError } from '../../app/describeError'
import { useLibraryQuery } from '../../app/useLibraryQuery'
import { useAnnounce } from '../../app/statusContext'
import { useUndo } from '../../app/undoContext'

/** One thing in the trash: an annotation (`{ annotation, sourceTitle }`) or a `kind` of the case. */
export type TrashItem = MethodOutput<'trash.list'>['items'][number]
/** A note, actor, event or relation in the trash. */
export type EntityTrashItem = Exclude<TrashItem, { annotation: unknown }>

const listTrash = async (client: Client) => (await client.call('trash.list', {})).items

/** What the trash holds, most recently deleted first, kept up to date. */
export function useTrash() {
  return useLibraryQuery<TrashItem[]>(listTrash, [], ['annotations', 'entities', 'notes'])
}

/** How the trash names an actor, an event, or a relation (`Iran — denies → 15 July cyberattack`). */
export function entityLabel(item: EntityTrashItem): string {
  if (item.kind === 'actor') return item.actor.name
  if (item.kind === 'event') return item.event.title
  if (item.kind === 'note') return item.note.title
  return `${item.fromName} — ${item.relation.type} → ${item.toName}`
}

const kindWord = { actor: 'Actor', event: 'Event', relation: 'Relation', note: 'Note' } as const

/**
 * Restores an actor, event or relation from the trash: the call, a sentence in the status line,
 * and Undo (back to the trash). A refusal (a merged actor, a relation whose end is in the trash)
 * is announced in the core's words, then thrown.
 */
export function useRestoreEntity(): (item: EntityTrashItem) => Promise<void> {
  const client = useClient()
  const announce = useAnnounce()
  const { done } = useUndo()

  return useCallback(
    async (item) => {
      const name = `${kindWord[item.kind]} “${entityLabel(item)}”`
      try {
        const { restore, remove } = callsFor(client, item)
        await restore()
        done(`${name} restored.`, {
          undo: async () => {
            await remove()
            return `${name.charAt(0).toLowerCase()}${name.slice(1)} went back to the trash.`
          },
        })
      } catch (error) {
        announce({ message: `${name} was not restored: ${describeError(error)}`, tone: 'error' })
        throw error
      }
    },
    [client, announce, done],
  )
}

function callsFor(client: Client, item: EntityTrashItem) {
  switch (item.kind) {
    case 'actor': {
      const { id } = item.actor
      return {
        restore: () => client.call('actors.restore', { id }),
        remove: () => client.call('actors.delete', { id }),
      }
    }
    case 'event': {
      const { id } = item.event
      return {
        restore: () => client.call('events.restore', { id }),
        remove: () => client.call('events.delete', { id }),
      }
    }
    case 'note': {
      const { id } = item.note
      return {
        restore: () => client.call('notes.restore', { id }),
        remove: () => client.call('notes.delete', { id }),
      }
    }
    case 'relation': {
      const { id } = item.relation
      return {
        restore: () => client.call('relations.restore', { id }),
        remove: () => client.call('relations.delete', { id }),
      }
    }
  }
}
