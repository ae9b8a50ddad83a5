import { useCallback, useMemo, useRef, useState } from 'react'
import { countOf } from './countOf'
import type { SearchHit } from '../../../shared/api'
import type { Annotation, RelationEnd, Source } from '../../../shared/model'
import { useRepair } from '../features/annotations/useRepair'
import { BriefComposer } from '../features/briefs/BriefComposer'
import { BriefsView, type BriefPick } from '../features/briefs/BriefsView'
import { ExportBriefButton } from '../features/briefs/ExportBriefButton'
import { useBriefs } from '../features/briefs/useBriefs'
import { ActorPage } from '../features/case/ActorPage'
import { ActorsView } from '../features/case/ActorsView'
import { CaseProvider } from '../features/case/caseContext'
import { OpenEntityContext } from '../features/case/EntityChip'
import { EventPage } from '../features/case/EventPage'
import { EventsView } from '../features/case/EventsView'
import { DamagedFiles } from '../features/health/DamagedFiles'
import { HealthView } from '../features/health/HealthView'
import { useAnchorHealth } from '../features/health/useAnchorHealth'
import { Inspector } from '../features/inspector/Inspector'
import { ImportButton } from '../features/library/ImportButton'
import { LibraryList } from '../features/library/LibraryList'
import { useFileDrop } from '../features/library/useFileDrop'
import { folderItems } from '../features/library/collectDropped'
import { useImport, type ImportItem } from '../features/library/useImport'
import { usePasteImport } from '../features/library/usePasteImport'
import { useSources } from '../features/library/useSources'
import { Reader, type RevealRequest } from '../features/reader/Reader'
import { useSourceDocument } from '../features/reader/useSourceDocument'
import { RelationsGraph } from '../features/graph/RelationsGraph'
import { OpenPassageContext } from '../features/notes/CitationView'
import { NoteEditor, type QuoteRequest } from '../features/notes/NoteEditor'
import { NotesView, OpenNoteContext } from '../features/notes/NotesView'
import { useQuoteInNote } from '../features/notes/useQuoteInNote'
import { CommandPalette } from '../features/palette/CommandPalette'
import { SearchPanel } from '../features/search/SearchPanel'
import { SearchView } from '../features/search/SearchView'
import { usePaletteCommands } from './usePaletteCommands'
import { TimelineView } from '../features/timeline/TimelineView'
import { TrashView } from '../features/trash/TrashView'
import { useTrash } from '../features/trash/useTrash'
import { Welcome } from '../features/welcome/Welcome'
import { NavigatorViews, type View } from './NavigatorViews'
import { StatusBar } from './StatusBar'
import { StatusProvider } from './statusContext'
import { UndoProvider } from './undoContext'
import './shell.css'

/** The window: navigator, the open source (or a list to review), its inspector, a status line. */
export function App() {
  return (
    <StatusProvider>
      <UndoProvider>
        <CaseProvider>
          <Workspace />
        </CaseProvider>
      </UndoProvider>
    </StatusProvider>
  )
}

function Workspace() {
  const library = useSources()
  const { refresh } = library
  const [openId, setOpenId] = useState<string>()
  const [selectedId, setSelectedId] = useState<string>()
  const [reveal, setReveal] = useState<RevealRequest>()
  const revealCount = useRef(0)
  const [view, setView] = useState<View>('source')
  /** The actor or event whose page is open (with view `actor` or `event`). */
  const [entityId, setEntityId] = useState<string>()
  /** The note open in the editor (with view `note`), and a passage waiting to be quoted in it. */
  const [noteId, setNoteId] = useState<string>()
  const [quote, setQuote] = useState<QuoteRequest>()
  /** The brief open in the composer (with view `brief`), and a file picker the palette asked for. */
  const [briefId, setBriefId] = useState<string>()
  const [briefPick, setBriefPick] = useState<BriefPick>()
  const briefs = useBriefs()
  const opened = useSourceDocument(openId)
  const { reloadAnnotations } = opened
  const trash = useTrash()
  const health = useAnchorHealth()
  const repair = useRepair(opened.document?.text)

  // The header follows the library's copy of the source: a newer version may have come in since.
  // Compared by value: each re-read of the list (an import makes many) brings new objects, and a
  // new document would render the whole reader again.
  const listedNow = library.sources.find((source) => source.id === openId)
  const listedJson = listedNow ? JSON.stringify(listedNow) : ''
  const document = useMemo(() => {
    const listed = listedJson ? (JSON.parse(listedJson) as Source) : undefined
    return opened.document && listed ? { ...opened.document, source: listed } : opened.document
  }, [opened.document, listedJson])

  /** Opens a source and, if given, selects one of its annotations and scrolls to it. */
  const openSource = useCallback((id: string, annotationId?: string) => {
    setView('source')
    setOpenId(id)
    setSelectedId(annotationId)
    setReveal(annotationId ? { id: annotationId, nonce: ++revealCount.current } : undefined)
  }, [])
  const openEntity = useCallback((end: RelationEnd) => {
    setEntityId(end.id)
    setView(end.kind)
  }, [])
  const openNote = useCallback((id: string) => {
    setNoteId(id)
    setView('note')
  }, [])
  const openBrief = useCallback((id: string) => {
    setBriefId(id)
    setView('brief')
  }, [])
  const pickForBriefs = useCallback((what: BriefPick['what']) => {
    setBriefPick({ what, nonce: Date.now() })
    setView('briefs')
  }, [])
  const briefPicked = useCallback(() => setBriefPick(undefined), [])
  const briefCommands = useMemo(
    () => ({ openBrief, pick: pickForBriefs }),
    [openBrief, pickForBriefs],
  )
  const quoteInNote = useQuoteInNote(noteId, (id, request) => {
    setQuote(request)
    openNote(id)
  })
  const quoted = useCallback(() => setQuote(undefined), [])
  const openPassage = useCallback(
    (annotation: Annotation) => openSource(annotation.sourceId, annotation.id),
    [openSource],
  )
  const revealAnnotation = useCallback((id: string) => {
    setSelectedId(id)
    setReveal({ id, nonce: ++revealCount.current })
  }, [])

  // The list is re-read first (changes are re-read at most every 250 ms while an import runs):
  // the import's summary, shown after this, should find every file in it.
  const imported = useCallback(
    async (source: Source) => {
      await refresh([source.id])
      openSource(source.id)
    },
    [refresh, openSource],
  )
  const importer = useImport(imported)
  const { importFiles, importItems } = importer
  const dropFiles = useCallback((files: File[]) => void importFiles(files), [importFiles])
  const chooseFolder = useCallback(
    (files: File[]) => void importItems(folderItems(files)),
    [importItems],
  )
  const dropItems = useCallback((items: ImportItem[]) => void importItems(items), [importItems])
  const dragging = useFileDrop(dropItems)
  usePasteImport(importer)

  const sampleLoaded = useCallback(async () => {
    const sources = await refresh('all')
    const first = sources.at(-1) // newest first: the sample's first file came in first
    if (first) openSource(first.id)
  }, [refresh, openSource])

  const annotationCreated = useCallback(
    async (annotation: Annotation) => {
      await reloadAnnotations()
      setSelectedId(annotation.id)
      void refresh()
    },
    [reloadAnnotations, refresh],
  )
  const created = useCallback(
    (annotation: Annotation) => void annotationCreated(annotation),
    [annotationCreated],
  )
  const annotationChanged = useCallback(
    async (annotation: Annotation) => {
      await reloadAnnotations()
      if (annotation.deletedAt !== null)
        setSelectedId((id) => (id === annotation.id ? undefined : id))
      void refresh()
    },
    [reloadAnnotations, refresh],
  )

  const openHit = (hit: SearchHit) =>
    hit.kind === 'actor' || hit.kind === 'event'
      ? openEntity({ kind: hit.kind, id: hit.id })
      : hit.kind === 'note'
        ? openNote(hit.id)
        : openSource(hit.sourceId, hit.kind === 'annotation' ? hit.id : undefined)
  const empty = library.loaded && library.sources.length === 0 && !library.error
  const commands = usePaletteCommands(setView, openNote, briefCommands)
  const showInspector = view === 'source' && openId !== undefined && document !== undefined

  return (
    <OpenEntityContext.Provider value={openEntity}>
      <OpenPassageContext.Provider value={openSource}>
        <OpenNoteContext.Provider value={openNote}>
          <div className={`shell${showInspector ? ' shell--with-inspector' : ''}`}>
            <aside className="shell__navigator" aria-label="Navigator">
              <div className="brand">
                <span className="brand__mark" aria-hidden="true" />
                <span className="brand__name">Casefile</span>
              </div>
              <SearchPanel onOpen={openHit}>
                <section className="navigator__section" aria-labelledby="library-heading">
                  <h2 id="library-heading" className="pane-heading">
                    Library <span className="count">{library.sources.length}</span>
                  </h2>
                  <LibraryList sources={library.sources} openId={openId} onOpen={openSource} />
                </section>
              </SearchPanel>
              <div className="navigator__footer">
                <NavigatorViews
                  view={view}
                  trash={trash.data.length}
                  health={health.data.length}
                  notes={library.info?.counts.notes}
                  actors={library.info?.counts.actors}
                  events={library.info?.counts.events}
                  briefs={briefs.loaded ? briefs.data.length : undefined}
                  onChoose={setView}
                />
                {library.info ? (
                  <p className="navigator__counts">
                    {countOf(library.info.counts.sources, 'source')} ·{' '}
                    {countOf(library.info.counts.annotations, 'highlight')}
                  </p>
                ) : null}
                <div className="navigator__actions">
                  <ImportButton onFiles={dropFiles} label="Import…" />
                  <ImportButton
                    onFiles={chooseFolder}
                    label="Folder…"
                    variant="quiet"
                    folder
                    testId="import-folder-input"
                  />
                  <ExportBriefButton disabled={empty} />
                </div>
              </div>
            </aside>
            <main className="shell__centre" id="main">
              {library.error ? (
                <p className="centre-note centre-note--error" role="alert">
                  The library could not be read: {library.error}
                </p>
              ) : view === 'trash' ? (
                <TrashView items={trash.data} loaded={trash.loaded} error={trash.error} />
              ) : view === 'search' ? (
                <SearchView onOpen={openHit} />
              ) : view === 'notes' ? (
                <NotesView onOpen={openNote} />
              ) : view === 'note' && noteId ? (
                <NoteEditor
                  id={noteId}
                  quote={quote}
                  onQuoted={quoted}
                  onGone={() => setView('notes')}
                />
              ) : view === 'briefs' ? (
                <BriefsView onOpen={openBrief} pick={briefPick} onPicked={briefPicked} />
              ) : view === 'brief' && briefId ? (
                <BriefComposer id={briefId} onClose={() => setView('briefs')} />
              ) : view === 'actors' ? (
                <ActorsView onOpen={(id) => openEntity({ kind: 'actor', id })} />
              ) : view === 'events' ? (
                <EventsView onOpen={(id) => openEntity({ kind: 'event', id })} />
              ) : view === 'actor' && entityId ? (
                <ActorPage
                  id={entityId}
                  onOpenPassage={openPassage}
                  onGone={() => setView('actors')}
                />
              ) : view === 'event' && entityId ? (
                <EventPage
                  id={entityId}
                  onOpenPassage={openPassage}
                  onGone={() => setView('events')}
                />
              ) : view === 'timeline' ? (
                <TimelineView onOpenEvent={(id) => openEntity({ kind: 'event', id })} />
              ) : view === 'graph' ? (
                <div className="shell__fill">
                  <RelationsGraph onOpen={openEntity} />
                </div>
              ) : view === 'health' ? (
                <HealthView
                  items={health.data}
                  loaded={health.loaded}
                  error={health.error}
                  onOpen={(annotation) => openSource(annotation.sourceId, annotation.id)}
                />
              ) : empty ? (
                <Welcome onFiles={dropFiles} onSampleLoaded={() => void sampleLoaded()} />
              ) : opened.error ? (
                <p className="centre-note centre-note--error" role="alert">
                  {opened.error}
                </p>
              ) : document ? (
                <Reader
                  document={document}
                  placed={opened.placed}
                  selectedId={selectedId}
                  reveal={reveal}
                  onSelect={setSelectedId}
                  onCreated={created}
                  onOpenSource={openSource}
                  repairing={repair.id !== undefined}
                  onRepairSelection={repair.choose}
                />
              ) : library.loaded && !openId ? (
                <div className="centre-note">
                  <p>
                    Choose a source from the library, or search with <kbd>/</kbd>.
                  </p>
                </div>
              ) : null}
            </main>
            {showInspector ? (
              <aside className="shell__inspector" aria-label="Inspector">
                <Inspector
                  sourceId={document.source.id}
                  text={document.text}
                  placed={opened.placed}
                  selectedId={selectedId}
                  onSelect={revealAnnotation}
                  onChanged={(annotation) => void annotationChanged(annotation)}
                  repair={repair}
                  onQuote={(annotation) => void quoteInNote(annotation, document.source.title)}
                />
              </aside>
            ) : null}
            <StatusBar />
            <DamagedFiles />
            <CommandPalette commands={commands} onOpenHit={openHit} />
            {dragging ? (
              <div className="drop-overlay" aria-hidden="true">
                <p>Drop files or folders to import them</p>
              </div>
            ) : null}
          </div>
        </OpenNoteContext.Provider>
      </OpenPassageContext.Provider>
    </OpenEntityContext.Provider>
  )
}
