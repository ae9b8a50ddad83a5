import { Extension } from '@tiptap/core'
import { DOMSerializer, type Mark, type Schema } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import type { MarkViewConstructor } from '@tiptap/pm/view'

/** On every anchor a note makes: no opener, no referrer, no endorsement of the address. */
export const linkRel = 'noopener noreferrer nofollow'

const text = (value: unknown) => (typeof value === 'string' ? value : '')

/** What a link says when pointed at: its title, its full address, and how to open it. */
export function linkTooltip(href: string, title = ''): string {
  return [
    title,
    href,
    'Links in notes never open from Casefile: copy the address (Copy link address, in the ' +
      'toolbar) and paste it into your browser.',
  ]
    .filter(Boolean)
    .join('\n')
}

/**
 * A link as the editor draws it: an anchor without `href`, so no click, middle-click, modified
 * click, drag, context menu or hover preload can open, fetch or even preconnect to it. The
 * address is kept in `data-href` and shown in the tooltip.
 */
const inertLinkView: MarkViewConstructor = (mark) => {
  const href = text(mark.attrs.href)
  const anchor = document.createElement('a')
  anchor.className = 'note-link'
  anchor.dataset.href = href
  anchor.title = linkTooltip(href, text(mark.attrs.title))
  anchor.setAttribute('rel', linkRel)
  anchor.setAttribute('referrerpolicy', 'no-referrer')
  return { dom: anchor }
}

/**
 * A middle-click on a link is someone trying to open it: on Linux it would paste the primary
 * selection into the link instead (a live link was spared that; an inert one is not).
 */
function keepMiddleClickOut(_view: unknown, event: MouseEvent): boolean {
  if (event.button === 1 && event.target instanceof Element && event.target.closest('a.note-link'))
    event.preventDefault()
  return false
}

/** Copied links keep their address (to paste into a mail or a browser), never a new-tab target. */
function copiedLinksSerializer(schema: Schema): DOMSerializer {
  const base = DOMSerializer.fromSchema(schema)
  const link = (mark: Mark) => {
    const title = text(mark.attrs.title)
    return [
      'a',
      {
        href: text(mark.attrs.href),
        rel: linkRel,
        referrerpolicy: 'no-referrer',
        ...(title ? { title } : {}),
      },
      0,
    ] as const
  }
  return new DOMSerializer(base.nodes, { ...base.marks, link })
}

/**
 * Links in a note are inert: the link mark, its Markdown and its JSON stay as they are; only how
 * the editor draws them (and what a copy puts on the clipboard) changes. Analysts open an address
 * deliberately, by copying it.
 */
export const InertLinks = Extension.create({
  name: 'inertLinks',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('inertLinks'),
        props: {
          markViews: { link: inertLinkView },
          clipboardSerializer: copiedLinksSerializer(this.editor.schema),
          handleDOMEvents: { mousedown: keepMiddleClickOut, mouseup: keepMiddleClickOut },
        },
      }),
    ]
  },
})
