import { z } from 'zod'
import {
  ActorKindSchema,
  ActorSchema,
  AnnotationSchema,
  BlockSchema,
  ConfidenceSchema,
  CredibilitySchema,
  DateSpecSchema,
  EventSchema,
  HighlightColorSchema,
  NoteSummarySchema,
  RelationSchema,
  RelationTypeSchema,
  ReliabilitySchema,
  SavedSearchSchema,
  SearchFiltersSchema,
  SearchKindSchema,
  SourceSchema,
  TlpSchema,
} from '../model'
import { TextQuoteSelectorSchema } from '../model/annotation'
import { briefMethods } from './briefMethods'
import { method } from './method'
import { noteMethods } from './noteMethods'
import { safetyMethods } from './safetyMethods'

const id = z.string().min(1).max(200)
const tags = z.array(z.string().min(1).max(100)).max(100)
const name = z.string().trim().min(1).max(300)
const aliases = z.array(name).max(500)
const description = z.string().max(100_000)
const entityIds = z.array(id).max(1000)

/** A passage with the title of its source, as actor and event pages list them. */
export const LinkedAnnotationSchema = z.object({
  annotation: AnnotationSchema,
  sourceTitle: z.string(),
})
export type LinkedAnnotation = z.infer<typeof LinkedAnnotationSchema>

/**
 * One thing in the trash, most recently deleted first in `trash.list`. An annotation keeps the
 * shape it always had (`{ annotation, sourceTitle }`, no `kind`); an actor, event, relation or
 * note has a `kind`, a relation the names of its ends, and an actor merged into another that
 * actor (`mergedInto`: such an actor cannot be restored).
 */
export const TrashEntrySchema = z.union([
  LinkedAnnotationSchema,
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('actor'),
      actor: ActorSchema,
      mergedInto: z.object({ id: z.string(), name: z.string() }).nullable(),
    }),
    z.object({ kind: z.literal('event'), event: EventSchema }),
    z.object({
      kind: z.literal('relation'),
      relation: RelationSchema,
      /** The name of the actor the relation starts from. */
      fromName: z.string(),
      /** The name of the actor, or the title of the event, it leads to. */
      toName: z.string(),
    }),
    z.object({ kind: z.literal('note'), note: NoteSummarySchema }),
  ]),
])
export type TrashEntry = z.infer<typeof TrashEntrySchema>
/** A note in the trash, as a list shows it. */
export type NoteTrashEntry = Extract<TrashEntry, { kind: 'note' }>
/** An actor, event or relation in the trash. */
export type EntityTrashEntry = Exclude<TrashEntry, LinkedAnnotation | NoteTrashEntry>

/** An actor named in a source's text: `text.slice(start, end)` is the name as written there. */
export const MentionSchema = z.object({
  actorId: z.string(),
  /** The actor's name. */
  name: z.string(),
  /** The name or alias that matched. */
  term: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
})
export type Mention = z.infer<typeof MentionSchema>

export const ImportStatusSchema = z.enum(['imported', 'duplicate'])

export const SnippetSchema = z.object({
  text: z.string(),
  /** Half-open [start, end) ranges of `text` that matched the query. */
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
})
export type Snippet = z.infer<typeof SnippetSchema>

export const SearchHitSchema = z.object({
  kind: SearchKindSchema,
  id: z.string(),
  title: z.string(),
  snippet: z.string(),
  highlights: SnippetSchema.shape.highlights,
  /** The source an annotation belongs to; for a source, actor, event or note hit, its own id. */
  sourceId: z.string(),
  /** The date the date filters read (see `search.query`), as written; absent if it has none. */
  date: z.string().optional(),
  tags: z.array(z.string()).optional(),
  tlp: TlpSchema.optional(),
  /** How it was found: by an exact indicator, in its title, or in its text. */
  matched: z.enum(['indicator', 'title', 'text']).optional(),
})
export type SearchHit = z.infer<typeof SearchHitSchema>

export const LibraryInfoSchema = z.object({
  path: z.string(),
  schemaVersion: z.number().int(),
  counts: z.object({
    sources: z.number().int(),
    annotations: z.number().int(),
    actors: z.number().int(),
    events: z.number().int(),
    /** The live notes. */
    notes: z.number().int(),
    trash: z.number().int(),
  }),
  index: z.object({
    documents: z.number().int(),
    openedFrom: z.enum(['disk', 'rebuild']),
  }),
})
export type LibraryInfo = z.infer<typeof LibraryInfoSchema>

/**
 * The contract: every capability of Casefile, named `noun.verb`. The core implements this table
 * once; IPC, HTTP, the CLI and the in-memory transport carry it unchanged, and every input is
 * validated against its schema at that one boundary.
 */
export const api = {
  'library.info': method({
    doc: 'Where the library lives, what it holds, and how its search index was opened.',
    input: z.object({}).strict(),
    output: LibraryInfoSchema,
  }),
  'library.loadSample': method({
    doc: 'Imports the small sample case that ships with Casefile (for a first run).',
    input: z.object({}).strict(),
    output: z.object({ imported: z.number().int(), duplicates: z.number().int() }),
  }),
  'library.exportArchive': method({
    doc:
      'Writes the whole library as one zip archive (records, texts, originals, W3C annotations, ' +
      'a manifest with every file’s sha256) to `path`, or beside the library when absent; ' +
      'an existing file is not replaced. Progress as `archive.progress` events. ' +
      '`casefile archive import FILE` unpacks it into an empty library.',
    input: z.object({ path: z.string().min(1).max(4096).optional() }).strict(),
    output: z.object({
      file: z.string(),
      bytes: z.number().int(),
      files: z.number().int(),
      counts: z.object({
        sources: z.number().int(),
        annotations: z.number().int(),
        notes: z.number().int(),
        actors: z.number().int(),
        events: z.number().int(),
        relations: z.number().int(),
      }),
    }),
  }),
  'sources.import': method({
    doc:
      'Imports one file (plain text, Markdown, HTML, e-mail or PDF, by its extension) given as ' +
      'UTF-8 `text` or as `base64` bytes, up to 50 MB. Content whose canonical text is already ' +
      'in the library answers `duplicate` with the existing source.',
    input: z
      .object({
        fileName: z.string().min(1).max(1024),
        text: z.string().max(50_000_000).optional(),
        base64: z.base64().max(70_000_000).optional(),
      })
      .strict()
      .refine((i) => (i.text === undefined) !== (i.base64 === undefined), {
        message: 'give exactly one of `text` or `base64`',
      }),
    output: z.object({ status: ImportStatusSchema, source: SourceSchema }),
  }),
  'sources.list': method({
    doc:
      'Every source in the library, newest import first; with `ids`, only those (in the same ' +
      'order; an id the library does not have is left out), to follow `library.changed` events ' +
      'that name the source changed without reading the whole list again.',
    input: z.object({ ids: z.array(id).max(1000).optional() }).strict(),
    output: z.object({ sources: z.array(SourceSchema) }),
  }),
  'sources.update': method({
    doc: 'Changes the reliability grade (Admiralty A–F, or null), TLP marking or tags of a source.',
    input: z
      .object({
        id,
        reliability: ReliabilitySchema.nullable().optional(),
        tlp: TlpSchema.optional(),
        tags: tags.optional(),
      })
      .strict(),
    output: SourceSchema,
  }),
  'sources.get': method({
    doc: 'One source: its metadata, canonical text and the blocks (paragraphs, headings) of that text.',
    input: z.object({ id }).strict(),
    output: z.object({ source: SourceSchema, text: z.string(), blocks: z.array(BlockSchema) }),
  }),
  'annotations.create': method({
    doc:
      'Highlights a passage of a source. The quote must occur in the source text; its position ' +
      'is checked and, if it no longer matches, the quote is found again by its context.',
    input: z
      .object({
        sourceId: id,
        quote: TextQuoteSelectorSchema,
        position: z.object({
          start: z.number().int().nonnegative(),
          end: z.number().int().positive(),
        }),
        comment: z.string().max(100_000).default(''),
        tags: tags.default([]),
        color: HighlightColorSchema.default('yellow'),
      })
      .strict(),
    output: AnnotationSchema,
  }),
  'annotations.list': method({
    doc: 'The live annotations of one source, in text order.',
    input: z.object({ sourceId: id }).strict(),
    output: z.object({ annotations: z.array(AnnotationSchema) }),
  }),
  'annotations.update': method({
    doc:
      'Changes the comment, tags, colour, information credibility (1–6) or TLP marking of an ' +
      'annotation.',
    input: z
      .object({
        id,
        comment: z.string().max(100_000).optional(),
        tags: tags.optional(),
        color: HighlightColorSchema.optional(),
        credibility: CredibilitySchema.optional(),
        tlp: TlpSchema.optional(),
      })
      .strict(),
    output: AnnotationSchema,
  }),
  'annotations.link': method({
    doc:
      'Sets the actors and/or events a passage is linked to: each list given replaces the ' +
      'current one (an empty list unlinks all), a list left out is kept. Every id must be a ' +
      'live actor or event.',
    input: z
      .object({ id, actorIds: entityIds.optional(), eventIds: entityIds.optional() })
      .strict(),
    output: AnnotationSchema,
  }),
  'annotations.delete': method({
    doc: 'Moves an annotation to the trash (it can be restored; nothing is destroyed).',
    input: z.object({ id }).strict(),
    output: AnnotationSchema,
  }),
  'annotations.restore': method({
    doc: 'Takes an annotation out of the trash: live and searchable again, where it was.',
    input: z.object({ id }).strict(),
    output: AnnotationSchema,
  }),
  'annotations.repair': method({
    doc:
      'Re-selects the passage of a fuzzy or orphaned annotation; the new selection must occur ' +
      'exactly in the source text. Comment, tags and colour are kept.',
    input: z
      .object({
        id,
        quote: TextQuoteSelectorSchema,
        position: z.object({
          start: z.number().int().nonnegative(),
          end: z.number().int().positive(),
        }),
      })
      .strict(),
    output: AnnotationSchema,
  }),
  'annotations.get': method({
    doc:
      'One annotation with its source title, live or in the trash (`deletedAt` set), so a ' +
      'citation can show its passage, or that it was deleted or orphaned. `not_found` only for ' +
      'an id this library never held (or whose source is gone).',
    input: z.object({ id }).strict(),
    output: LinkedAnnotationSchema,
  }),
  'annotations.health': method({
    doc:
      'Every live annotation whose passage was found only approximately (fuzzy, with its score) ' +
      'or not at all (orphaned), worst first, with its source title.',
    input: z.object({}).strict(),
    output: z.object({
      annotations: z.array(z.object({ annotation: AnnotationSchema, sourceTitle: z.string() })),
    }),
  }),
  'trash.list': method({
    doc:
      'What the trash holds, most recently deleted first: annotations with their source title ' +
      '(`{annotation, sourceTitle}`), and actors, events, relations and notes (`{kind, …}`; a ' +
      'note as its summary, `{kind: "note", note}`), a ' +
      'relation with the names of its ends, an actor merged into another with that actor ' +
      '(`mergedInto`).',
    input: z.object({}).strict(),
    output: z.object({ items: z.array(TrashEntrySchema) }),
  }),
  'annotations.export': method({
    doc:
      'The annotations of one source (or of all) as a W3C Web Annotation collection (JSON-LD): ' +
      'TextQuote and TextPosition selectors, the source named `urn:sha256:<original sha256>`.',
    input: z.object({ sourceId: id.optional() }).strict(),
    output: z.object({ document: z.record(z.string(), z.unknown()), count: z.number().int() }),
  }),
  'annotations.import': method({
    doc:
      'Imports W3C Web Annotations (a collection, a page, an array or one annotation; Hypothesis ' +
      'exports too). Each is matched to a source by `urn:sha256:` or URL and re-anchored on its ' +
      'text: the answer counts exact, fuzzy and orphaned anchors (orphans are kept), duplicates ' +
      'and the items skipped, with reasons.',
    input: z.object({ document: z.unknown() }).strict(),
    output: z.object({
      imported: z.number().int(),
      exact: z.number().int(),
      fuzzy: z.number().int(),
      orphaned: z.number().int(),
      duplicates: z.number().int(),
      skipped: z.array(z.object({ item: z.number().int(), reason: z.string() })),
    }),
  }),
  'search.query': method({
    doc:
      'Searches sources (title, authors, text), annotations (quote, comment, tags), actors ' +
      '(name, aliases, description), events (title, place, description) and notes (title, ' +
      'text, mentions as `@Name`, quotes of their citations). Case, diacritics (`Łódź` = ' +
      '`Lodz`), apostrophes and dashes are folded; CJK text is found by any word. The last ' +
      'word matches as a prefix; `"quoted phrases"` match adjacent words in order; `-word` ' +
      'excludes. Indicators (hashes, also by a prefix of 6+ hex digits; IPv4/IPv6 addresses, ' +
      'defanged or not; domains; URLs; e-mail addresses; CVE ids) match exactly and whole, and ' +
      'come first, then title matches. `typo: true` lets words of 5+ letters match one typo ' +
      'away. Filters (`kinds`, `tags`, `actorIds`, `eventIds`, `tlp`, `from`/`to`) narrow the ' +
      'results (see SearchFilters). A query that is an actor’s name or alias also finds what ' +
      'uses the actor’s other names.',
    input: z
      .object({
        query: z.string().max(1000),
        limit: z.number().int().min(1).max(500).default(20),
        ...SearchFiltersSchema.shape,
      })
      .strict(),
    output: z.object({ hits: z.array(SearchHitSchema) }),
  }),
  'searches.save': method({
    doc:
      'Saves a search under a name (a name already saved is replaced, keeping its id); ' +
      'announced as `library.changed` {what: "searches"}.',
    input: z
      .object({ name, query: z.string().max(1000), filters: SearchFiltersSchema.default({}) })
      .strict(),
    output: SavedSearchSchema,
  }),
  'searches.list': method({
    doc: 'The saved searches, by name.',
    input: z.object({}).strict(),
    output: z.object({ searches: z.array(SavedSearchSchema) }),
  }),
  'searches.delete': method({
    doc: 'Forgets a saved search (saved searches are not kept in the trash).',
    input: z.object({ id }).strict(),
    output: SavedSearchSchema,
  }),
  ...entityMethods(),
  ...noteMethods(),
  ...briefMethods(),
  ...safetyMethods(),
}

/** Actors, events, relations and mentions: the case model of issue #5. */
function entityMethods() {
  const actorFields = {
    name,
    aliases,
    kind: ActorKindSchema,
    description,
    tags,
    tlp: TlpSchema,
  }
  const eventFields = {
    title: name,
    occurred: DateSpecSchema,
    reported: DateSpecSchema.nullable(),
    place: z.string().max(300),
    description,
    tags,
    tlp: TlpSchema,
  }
  const relationEnd = z.object({ kind: z.enum(['actor', 'event']), id }).strict()
  const links = {
    relations: z.array(RelationSchema),
    annotations: z.array(LinkedAnnotationSchema),
    /** The live notes that mention it, most recently changed first. */
    notes: z.array(NoteSummarySchema),
  }
  return {
    'actors.create': method({
      doc: 'Adds an actor (person, organisation, state, group or threat actor).',
      input: z
        .object({
          ...actorFields,
          aliases: aliases.default([]),
          description: description.default(''),
          tags: tags.default([]),
          tlp: TlpSchema.default('CLEAR'),
        })
        .strict(),
      output: ActorSchema,
    }),
    'actors.list': method({
      doc:
        'The live actors, by name; with `query`, those whose name or an alias contains it ' +
        '(case, diacritics and apostrophes folded).',
      input: z.object({ query: z.string().max(300).optional() }).strict(),
      output: z.object({ actors: z.array(ActorSchema) }),
    }),
    'actors.get': method({
      doc:
        'An actor page: the actor, its live relations (either end), every live passage ' +
        'linked to it with its source title, in source order, and the live notes that mention ' +
        'it (`notes`, summaries, most recently changed first).',
      input: z.object({ id }).strict(),
      output: z.object({ actor: ActorSchema, ...links }),
    }),
    'actors.update': method({
      doc: 'Renames an actor or changes its aliases, kind, description, tags or TLP marking.',
      input: z.object({ id, ...z.object(actorFields).partial().shape }).strict(),
      output: ActorSchema,
    }),
    'actors.delete': method({
      doc:
        'Moves an actor to the trash. Its relations and passage links are kept (relations are ' +
        'no longer listed while an end is in the trash).',
      input: z.object({ id }).strict(),
      output: ActorSchema,
    }),
    'actors.restore': method({
      doc:
        'Takes an actor out of the trash: listed, searchable and linkable again, with its ' +
        'relations and passage links as they were. An actor merged into another (`mergedInto`) ' +
        'cannot be restored: the refusal names the actor that now carries its names and links.',
      input: z.object({ id }).strict(),
      output: ActorSchema,
    }),
    'actors.merge': method({
      doc:
        'Merges `mergeId` into `keepId`: names and aliases united (the merged name becomes an ' +
        'alias), tags united, descriptions joined, the stricter TLP kept; every relation and ' +
        'passage link (trashed ones too) moved. The merged actor goes to the trash pointing at ' +
        'the kept one (`mergedInto`); nothing is lost.',
      input: z
        .object({ keepId: id, mergeId: id })
        .strict()
        .refine((i) => i.keepId !== i.mergeId, {
          message: 'an actor cannot be merged into itself',
        }),
      output: z.object({
        actor: ActorSchema,
        movedRelations: z.number().int(),
        movedAnnotations: z.number().int(),
      }),
    }),
    'events.create': method({
      doc:
        'Adds an event: its `occurred` date with a precision (day, month, year, or a range), ' +
        'optionally the date it was `reported`.',
      input: z
        .object({
          ...eventFields,
          reported: eventFields.reported.default(null),
          place: eventFields.place.default(''),
          description: description.default(''),
          tags: tags.default([]),
          tlp: TlpSchema.default('CLEAR'),
        })
        .strict(),
      output: EventSchema,
    }),
    'events.list': method({
      doc: 'The live events, by title; with `query`, those whose title or place contains it.',
      input: z.object({ query: z.string().max(300).optional() }).strict(),
      output: z.object({ events: z.array(EventSchema) }),
    }),
    'events.get': method({
      doc:
        'An event page: the event, its live relations (the actors involved and their ' +
        'roles), every live passage linked to it with its source title, and the live notes ' +
        'that mention it (`notes`).',
      input: z.object({ id }).strict(),
      output: z.object({ event: EventSchema, ...links }),
    }),
    'events.update': method({
      doc: 'Changes an event’s title, dates, place, description, tags or TLP marking.',
      input: z.object({ id, ...z.object(eventFields).partial().shape }).strict(),
      output: EventSchema,
    }),
    'events.delete': method({
      doc: 'Moves an event to the trash (its relations and passage links are kept).',
      input: z.object({ id }).strict(),
      output: EventSchema,
    }),
    'events.restore': method({
      doc: 'Takes an event out of the trash: listed, searchable and on the timeline again.',
      input: z.object({ id }).strict(),
      output: EventSchema,
    }),
    'events.timeline': method({
      doc:
        'The live events in time order: by the first day their `occurred` date covers, then ' +
        'the wider span first (a year before its months, a month before its days); a range ' +
        'sits at its start; ties by title. Optionally only those related to `actorId`, or tagged `tag`.',
      input: z.object({ actorId: id.optional(), tag: z.string().max(100).optional() }).strict(),
      output: z.object({ events: z.array(EventSchema) }),
    }),
    'relations.create': method({
      doc:
        'Relates an actor to another actor or to an event (“Iran — denies → 15 July ' +
        'cyberattack”), with a confidence and the live annotations that are its evidence. ' +
        'Both ends must be live.',
      input: z
        .object({
          from: z.object({ kind: z.literal('actor'), id }).strict(),
          to: relationEnd,
          type: RelationTypeSchema,
          confidence: ConfidenceSchema,
          evidence: entityIds.default([]),
          note: description.default(''),
        })
        .strict(),
      output: RelationSchema,
    }),
    'relations.list': method({
      doc:
        'The live relations whose ends are both live, oldest first; with `actorId` or ' +
        '`eventId`, those touching it.',
      input: z.object({ actorId: id.optional(), eventId: id.optional() }).strict(),
      output: z.object({ relations: z.array(RelationSchema) }),
    }),
    'relations.delete': method({
      doc: 'Moves a relation to the trash.',
      input: z.object({ id }).strict(),
      output: RelationSchema,
    }),
    'relations.restore': method({
      doc:
        'Takes a relation out of the trash. Both its ends must be live: an end still in the ' +
        'trash is named in the refusal (restore it first).',
      input: z.object({ id }).strict(),
      output: RelationSchema,
    }),
    'mentions.find': method({
      doc:
        'The known (live) actors named in a source’s text, by name or alias, in text order: ' +
        "whole words, case, diacritics and apostrophes folded (`Ka'nani` finds `Ka’nani`), the " +
        'longest name winning where several start together. Names of two or three capitals ' +
        '(`US`, `WHO`) are acronyms and match only in capitals. Offsets are those of the ' +
        'canonical text.',
      input: z.object({ sourceId: id }).strict(),
      output: z.object({ mentions: z.array(MentionSchema) }),
    }),
  }
}

export type Api = typeof api
export type MethodName = keyof Api
export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>
export type ParsedInput<M extends MethodName> = z.output<Api[M]['input']>
export type MethodOutput<M extends MethodName> = z.output<Api[M]['output']>

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(api, name)
}
