import type { Editor } from '@tiptap/react'
import { useEditorState } from '@tiptap/react'
import { modifierKeyLabel } from '../../app/modifierKey'
import { LinkTool } from './LinkTool'

type Tool = {
  label: string
  keys: string
  active: (editor: Editor) => boolean
  run: (editor: Editor) => void
}

const mod = modifierKeyLabel()

const tools: Tool[] = [
  {
    label: 'Bold',
    keys: `${mod}+B`,
    active: (e) => e.isActive('bold'),
    run: (e) => e.chain().focus().toggleBold().run(),
  },
  {
    label: 'Italic',
    keys: `${mod}+I`,
    active: (e) => e.isActive('italic'),
    run: (e) => e.chain().focus().toggleItalic().run(),
  },
  ...([1, 2, 3] as const).map((level) => ({
    label: `Heading ${level}`,
    keys: `${'#'.repeat(level)} then space`,
    active: (e: Editor) => e.isActive('heading', { level }),
    run: (e: Editor) => e.chain().focus().toggleHeading({ level }).run(),
  })),
  {
    label: 'Bulleted list',
    keys: '- then space',
    active: (e) => e.isActive('bulletList'),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    label: 'Numbered list',
    keys: '1. then space',
    active: (e) => e.isActive('orderedList'),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  {
    label: 'Task list',
    keys: '[ ] then space',
    active: (e) => e.isActive('taskList'),
    run: (e) => e.chain().focus().toggleTaskList().run(),
  },
  {
    label: 'Quote',
    keys: '> then space',
    active: (e) => e.isActive('blockquote'),
    run: (e) => e.chain().focus().toggleBlockquote().run(),
  },
  {
    label: 'Code block',
    keys: '``` then space',
    active: (e) => e.isActive('codeBlock'),
    run: (e) => e.chain().focus().toggleCodeBlock().run(),
  },
  {
    label: 'Table',
    keys: '',
    active: (e) => e.isActive('table'),
    run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
  },
]

/** Short labels for the buttons; their accessible names are the full ones. */
const faces: Record<string, string> = {
  Bold: 'B',
  Italic: 'I',
  'Heading 1': 'H1',
  'Heading 2': 'H2',
  'Heading 3': 'H3',
  'Bulleted list': '•',
  'Numbered list': '1.',
  'Task list': '☑',
  Quote: '❝',
  'Code block': '{ }',
  Table: '▦',
}

/** The note's formatting buttons, each showing whether it applies where the caret is. */
export function EditorToolbar({ editor }: { editor: Editor }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => tools.map((tool) => tool.active(current)),
  })
  return (
    <div className="note-toolbar" role="toolbar" aria-label="Formatting">
      {tools.map((tool, index) => (
        <button
          key={tool.label}
          type="button"
          className="note-toolbar__button"
          aria-label={tool.label}
          aria-pressed={active[index] ?? false}
          title={tool.keys ? `${tool.label} (${tool.keys})` : tool.label}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => tool.run(editor)}
        >
          {faces[tool.label]}
        </button>
      ))}
      <LinkTool editor={editor} />
      <span className="note-toolbar__hint hint">
        <kbd>@</kbd> mention · <kbd>#</kbd>tag · <kbd>{mod}</kbd>
        <kbd>Z</kbd> undo
      </span>
    </div>
  )
}
