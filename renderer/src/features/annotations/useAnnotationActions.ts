import { useMemo } from 'react'
import type { MethodInput } from '../../../../shared/api'
import type { Annotation, RelationEnd, TextQuoteSelector } from '../../../../shared/model'
import { useClient } from '../../app/clientContext'
import { useAttempt } from '../../app/useAttempt'
import { useUndo } from '../../app/undoContext'
import { linkIds, linksOf, sameLinks } from './annotationDraft'

export type AnnotationChange = Pick<
  MethodInput<'annotations.update'>,
  'comment' | 'tags' | 'color' | 'credibility' | 'tlp'
> & {
  /** The actors and events it is linked to; left out, they stay as they are. */
  links?: readonly RelationEnd[]
}

export type AnnotationActions = {
  /** Saves a highlight, linked to `links` when given. */
  create: (
    input: MethodInput<'annotations.create'>,
    links?: readonly RelationEnd[],
  ) => Promise<Annotation>
  update: (before: Annotation, change: AnnotationChange) => Promise<Annotation>
  remove: (annotation: Annotation) => Promise<Annotation>
  restore: (annotation: Annotation) => Promise<Annotation>
  repair: (
    annotation: Annotation,
    quote: TextQuoteSelector,
    position: { start: number; end: number },
  ) => Promise<Annotation>
}

/**
 * Every change to an annotation, as the analyst makes it: the call, a sentence in the status line,
 * and the way back (Undo) where there is one. Failures are announced, then thrown, so a form can
 * keep what was typed.
 */
export function useAnnotationActions(): AnnotationActions {
  const client = useClient()
  const attempt = useAttempt()
  const { done } = useUndo()

  return useMemo(() => {
    return {
      create: (input, links = []) =>
        attempt('The highlight was not saved', async () => {
          let created = await client.call('annotations.create', input)
          if (links.length > 0)
            created = await client.call('annotations.link', {
              id: created.id,
              ...linkIds(links),
            })
          done('Highlight saved.', {
            undo: async () => {
              await client.call('annotations.delete', { id: created.id })
              return 'the new highlight went to the trash.'
            },
          })
          return created
        }),
      update: (before, change) =>
        attempt('The changes were not saved', async () => {
          const { links, ...fields } = change
          let after = await client.call('annotations.update', { id: before.id, ...fields })
          const relinked = links !== undefined && !sameLinks(links, linksOf(before))
          if (relinked)
            after = await client.call('annotations.link', { id: before.id, ...linkIds(links) })
          const parts = changedParts(before, after)
          done(`${sentenceCase(listOf(parts.length > 0 ? parts : ['highlight']))} saved.`, {
            undo: async () => {
              await client.call('annotations.update', {
                id: before.id,
                comment: before.comment,
                tags: before.tags,
                color: before.color,
                ...(before.credibility === undefined ? {} : { credibility: before.credibility }),
                ...(before.tlp === undefined ? {} : { tlp: before.tlp }),
              })
              if (relinked)
                await client.call('annotations.link', {
                  id: before.id,
                  ...linkIds(linksOf(before)),
                })
              return parts.length > 0
                ? `the earlier ${listOf(parts)} came back.`
                : 'the highlight is as it was.'
            },
          })
          return after
        }),
      remove: (annotation) =>
        attempt('The highlight was not deleted', async () => {
          const deleted = await client.call('annotations.delete', { id: annotation.id })
          done('Highlight moved to the trash. It can be restored from there.', {
            undo: async () => {
              await client.call('annotations.restore', { id: annotation.id })
              return 'the highlight is back from the trash.'
            },
          })
          return deleted
        }),
      restore: (annotation) =>
        attempt('The highlight was not restored', async () => {
          const restored = await client.call('annotations.restore', { id: annotation.id })
          done('Highlight restored.', {
            undo: async () => {
              await client.call('annotations.delete', { id: annotation.id })
              return 'the highlight went back to the trash.'
            },
          })
          return restored
        }),
      repair: (annotation, quote, position) =>
        attempt('The passage was not re-selected', async () => {
          const repaired = await client.call('annotations.repair', {
            id: annotation.id,
            quote,
            position,
          })
          // The old passage is gone from the text, so there is nothing to go back to.
          done('Passage re-selected: the highlight is exact again. This cannot be undone.')
          return repaired
        }),
    }
  }, [client, attempt, done])
}

function changedParts(before: Annotation, after: Annotation): string[] {
  const parts: string[] = []
  if (before.comment !== after.comment) parts.push('comment')
  if (before.tags.join('\u0000') !== after.tags.join('\u0000')) parts.push('tags')
  if (before.color !== after.color) parts.push('colour')
  if (!sameLinks(linksOf(before), linksOf(after))) parts.push('links')
  if (before.credibility !== after.credibility) parts.push('credibility')
  if (before.tlp !== after.tlp) parts.push('TLP marking')
  return parts
}

/** `['comment', 'tags', 'colour']` → `comment, tags and colour`. */
function listOf(words: readonly string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
