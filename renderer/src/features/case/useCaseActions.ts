import { useMemo } from 'react'
import type { MethodInput } from '../../../../shared/api'
import type { Actor, CaseEvent, Relation } from '../../../../shared/model'
import { useClient } from '../../app/clientContext'
import { useAttempt } from '../../app/useAttempt'
import { useUndo } from '../../app/undoContext'

/**
 * Changes to the case as the analyst makes them: the call, a sentence in the status line and,
 * where there is one, the way back (Undo). Failures are announced, then thrown, so a form keeps
 * what was typed.
 */
export function useCaseActions() {
  const client = useClient()
  const attempt = useAttempt()
  const { done } = useUndo()

  return useMemo(() => {
    return {
      createActor: (input: MethodInput<'actors.create'>): Promise<Actor> =>
        attempt('The actor was not created', async () => {
          const actor = await client.call('actors.create', input)
          done(`Actor “${actor.name}” created.`, {
            undo: async () => {
              await client.call('actors.delete', { id: actor.id })
              return `“${actor.name}” went to the trash.`
            },
          })
          return actor
        }),
      updateActor: (input: MethodInput<'actors.update'>): Promise<Actor> =>
        attempt('The actor was not saved', async () => {
          const before = await client.call('actors.get', { id: input.id })
          const actor = await client.call('actors.update', input)
          const { name, aliases, kind, description, tags, tlp } = before.actor
          done(`Actor “${actor.name}” saved.`, {
            undo: async () => {
              await client.call('actors.update', {
                id: actor.id,
                ...{ name, aliases, kind, description, tags, tlp },
              })
              return `“${name}” is as it was.`
            },
          })
          return actor
        }),
      deleteActor: (actor: Actor): Promise<Actor> =>
        attempt('The actor was not deleted', async () => {
          const deleted = await client.call('actors.delete', { id: actor.id })
          done(`“${actor.name}” moved to the trash, with its links kept.`, {
            undo: async () => {
              await client.call('actors.restore', { id: actor.id })
              return `“${actor.name}” is back from the trash.`
            },
          })
          return deleted
        }),
      mergeActors: (keepId: string, mergeId: string) =>
        attempt('The actors were not merged', async () => {
          const merged = await client.call('actors.merge', { keepId, mergeId })
          done(
            `Merged into “${merged.actor.name}”: ${merged.movedRelations} relations and ` +
              `${merged.movedAnnotations} passages moved. The other actor is in the trash.`,
          )
          return merged
        }),
      createEvent: (input: MethodInput<'events.create'>): Promise<CaseEvent> =>
        attempt('The event was not created', async () => {
          const event = await client.call('events.create', input)
          done(`Event “${event.title}” created.`, {
            undo: async () => {
              await client.call('events.delete', { id: event.id })
              return `“${event.title}” went to the trash.`
            },
          })
          return event
        }),
      updateEvent: (input: MethodInput<'events.update'>): Promise<CaseEvent> =>
        attempt('The event was not saved', async () => {
          const before = (await client.call('events.get', { id: input.id })).event
          const event = await client.call('events.update', input)
          const { title, occurred, reported, place, description, tags, tlp } = before
          done(`Event “${event.title}” saved.`, {
            undo: async () => {
              await client.call('events.update', {
                id: event.id,
                ...{ title, occurred, reported, place, description, tags, tlp },
              })
              return `“${title}” is as it was.`
            },
          })
          return event
        }),
      deleteEvent: (event: CaseEvent): Promise<CaseEvent> =>
        attempt('The event was not deleted', async () => {
          const deleted = await client.call('events.delete', { id: event.id })
          done(`“${event.title}” moved to the trash, with its links kept.`, {
            undo: async () => {
              await client.call('events.restore', { id: event.id })
              return `“${event.title}” is back from the trash.`
            },
          })
          return deleted
        }),
      createRelation: (input: MethodInput<'relations.create'>, sentence: string) =>
        attempt('The relation was not saved', async (): Promise<Relation> => {
          const relation = await client.call('relations.create', input)
          done(`Relation saved: ${sentence}.`, {
            undo: async () => {
              await client.call('relations.delete', { id: relation.id })
              return 'the relation went to the trash.'
            },
          })
          return relation
        }),
      deleteRelation: (relation: Relation, sentence: string) =>
        attempt('The relation was not deleted', async () => {
          await client.call('relations.delete', { id: relation.id })
          done(`Relation moved to the trash: ${sentence}.`, {
            undo: async () => {
              await client.call('relations.restore', { id: relation.id })
              return 'the relation is back from the trash.'
            },
          })
        }),
    }
  }, [client, attempt, done])
}

export type CaseActions = ReturnType<typeof useCaseActions>
