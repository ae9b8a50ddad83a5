import { Command } from 'cmdk'
import { useEffect, useMemo, useState } from 'react'
import type { SearchHit } from '../../../../shared/api'
import { foldForMentions } from '../../../../shared/text/mentions'
import { SnippetText } from '../search/SnippetText'
import { useSearch } from '../search/useSearch'
import './palette.css'

/** Something the palette can do: go somewhere, or act. */
export type PaletteCommand = {
  id: string
  label: string
  group: 'Go to' | 'Actions'
  /** The key that does it without the palette, shown beside it. */
  keys?: string
  run: () => void
}

type CommandPaletteProps = {
  commands: readonly PaletteCommand[]
  onOpenHit: (hit: SearchHit) => void
}

const kindWords = {
  actor: 'Actor',
  event: 'Event',
  note: 'Note',
  source: 'Source',
  annotation: 'Passage',
} as const

const fold = (text: string) => foldForMentions(text).folded

/**
 * Ctrl/Cmd+K: one box for every command and every item of the library by name. Commands match
 * their words anywhere; items come from search as you type. Arrow keys and Enter; Escape closes.
 */
export function CommandPalette({ commands, onOpenHit }: CommandPaletteProps) {
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const { hits } = useSearch(open ? query : '')

  useEffect(() => {
    const keydown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'k' || !(event.ctrlKey || event.metaKey) || event.shiftKey)
        return
      event.preventDefault()
      setOpen((was) => !was)
    }
    document.addEventListener('keydown', keydown)
    return () => document.removeEventListener('keydown', keydown)
  }, [])

  const shown = useMemo(() => {
    const words = fold(query).split(/\s+/).filter(Boolean)
    return commands.filter((command) => words.every((word) => fold(command.label).includes(word)))
  }, [commands, query])
  const close = () => {
    setOpen(false)
    setQuery('')
  }
  const run = (action: () => void) => {
    close()
    action()
  }

  return (
    <Command.Dialog
      open={open}
      onOpenChange={(next) => (next ? setOpen(true) : close())}
      label="Command palette"
      shouldFilter={false}
      className="palette"
      overlayClassName="palette__overlay"
      contentClassName="palette__content"
    >
      <Command.Input
        className="palette__input"
        placeholder="Type a command, or search the library…"
        value={query}
        onValueChange={setQuery}
        data-testid="palette-input"
      />
      <Command.List className="palette__list">
        <Command.Empty className="palette__empty">Nothing matches “{query}”.</Command.Empty>
        {(['Go to', 'Actions'] as const).map((group) => {
          const inGroup = shown.filter((command) => command.group === group)
          if (inGroup.length === 0) return null
          return (
            <Command.Group key={group} heading={group} className="palette__group">
              {inGroup.map((command) => (
                <Command.Item
                  key={command.id}
                  value={`command:${command.id}`}
                  className="palette__item"
                  data-testid="palette-command"
                  onSelect={() => run(command.run)}
                >
                  <span>{command.label}</span>
                  {command.keys ? <kbd className="palette__keys">{command.keys}</kbd> : null}
                </Command.Item>
              ))}
            </Command.Group>
          )
        })}
        {hits.length > 0 ? (
          <Command.Group heading="In the library" className="palette__group">
            {hits.map((hit) => (
              <Command.Item
                key={`${hit.kind}:${hit.id}`}
                value={`hit:${hit.kind}:${hit.id}`}
                className="palette__item palette__item--hit"
                data-testid="palette-hit"
                onSelect={() => run(() => onOpenHit(hit))}
              >
                <span className="palette__kind">{kindWords[hit.kind]}</span>
                <span className="palette__title">{hit.title}</span>
                <span className="palette__snippet">
                  <SnippetText text={hit.snippet} highlights={hit.highlights} />
                </span>
              </Command.Item>
            ))}
          </Command.Group>
        ) : null}
      </Command.List>
    </Command.Dialog>
  )
}
