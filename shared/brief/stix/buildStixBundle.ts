import type { Actor, CaseEvent, Relation, Source, Tlp } from '../../model'
import type { BriefData, BriefNote, BriefPassage, Place } from '../briefData'
import { actorProperties, actorStixType } from './stixActors'
import { confidenceValue, credibilityValue } from './stixConfidence'
import { stricterTlp, tlpOrder } from '../../model'
import { tlpMarkingDefinition, tlpMarkingId } from './stixMarkings'
import {
  compact,
  stixTimestamp,
  type IdFor,
  type StixBundle,
  type StixObject,
  type StixValue,
} from './stixObjects'

/** What every object of the bundle shares: the brief's author, its export time, the markings used. */
type Context = {
  idFor: IdFor
  generatedAt: string
  authorId: string
  reportId: string
  markings: Set<Tlp>
}

/**
 * The brief as a STIX 2.1 bundle: the TLP 2.0 marking definitions it uses, an identity for its
 * author, a report (the brief), the actors (see `actorStixType`), the events as incidents, the
 * relations as relationships and each cited passage as a note. Ids are UUIDv5 of the items' own
 * ids (`idFor`), so the same case exports the same ids, and the same data the same bundle.
 */
export function buildStixBundle(data: BriefData, idFor: IdFor): StixBundle {
  const generatedAt = stixTimestamp(data.brief.generatedAt, '1970-01-01T00:00:00.000Z')
  const context: Context = {
    idFor,
    generatedAt,
    authorId: idFor('identity', `casefile:author:${data.brief.author}`),
    reportId: idFor('report', `casefile:brief:${data.brief.id}`),
    markings: new Set([data.brief.tlp]),
  }
  const actors = new Map<string, { id: string; tlp: Tlp }>()
  const actorObjects = unique(data.actors).map((actor) => {
    const object = actorObject(actor, data.relations, context)
    actors.set(actor.id, { id: object.id, tlp: actor.tlp })
    return object
  })
  const events = new Map<string, { id: string; tlp: Tlp }>()
  const eventObjects = unique(data.events).map((event) => {
    const object = eventObject(event, context)
    events.set(event.id, { id: object.id, tlp: event.tlp })
    return object
  })
  // A relation whose end the brief left out would point outside the bundle: it stays out too.
  const evidenceOf = new Map<string, string[]>()
  const relationObjects: StixObject[] = []
  for (const relation of unique(data.relations)) {
    const from = actors.get(relation.from.id)
    const to = (relation.to.kind === 'actor' ? actors : events).get(relation.to.id)
    if (from === undefined || to === undefined) continue
    const object = relationObject(relation, from, to, context)
    relationObjects.push(object)
    for (const annotationId of relation.evidence)
      evidenceOf.set(annotationId, [...(evidenceOf.get(annotationId) ?? []), object.id])
  }
  const noteObjects = uniquePassages(data.passages).map((passage) =>
    noteObject(passage, context, [
      ...linkedIds(passage.annotation.actorIds, actors),
      ...linkedIds(passage.annotation.eventIds, events),
      ...(evidenceOf.get(passage.annotation.id) ?? []),
    ]),
  )
  const analystNotes = data.notes.map((note) => analystNoteObject(note, context))
  const contents = [
    ...actorObjects,
    ...eventObjects,
    ...relationObjects,
    ...noteObjects,
    ...analystNotes,
  ]
  const author = object('identity', context.authorId, context, {
    created: generatedAt,
    modified: generatedAt,
    name: data.brief.author.trim() === '' ? 'Unknown author' : data.brief.author,
    identity_class: 'individual',
    object_marking_refs: [tlpMarkingId(data.brief.tlp)],
  })
  const report = object('report', context.reportId, context, {
    created: generatedAt,
    modified: generatedAt,
    name: data.brief.title.trim() === '' ? 'Casefile brief' : data.brief.title,
    description: data.intro ?? undefined,
    report_types: ['threat-report'],
    published: generatedAt,
    // A report needs at least one object: an empty brief lists its author.
    object_refs: contents.length > 0 ? contents.map((item) => item.id) : [context.authorId],
    external_references: data.sources.map((source) => sourceReference(source)),
    object_marking_refs: [tlpMarkingId(data.brief.tlp)],
    x_casefile_generator: data.brief.generator,
    x_casefile_left_out: { by_tlp: data.leftOut.byTlp, orphans: data.leftOut.orphans },
  })
  const markings = tlpOrder.filter((tlp) => context.markings.has(tlp)).map(tlpMarkingDefinition)
  return {
    type: 'bundle',
    id: idFor('bundle', `casefile:bundle:${data.brief.id}`),
    objects: [...markings, author, report, ...contents],
  }
}

/** The properties every SDO and SRO here has, then its own (absent ones dropped). */
function object(
  type: string,
  id: string,
  context: Context,
  properties: Record<string, StixValue | undefined> & { created: string; modified: string },
): StixObject {
  return {
    type,
    spec_version: '2.1',
    id,
    // The author's own identity is the one object not created by it.
    ...(id === context.authorId ? {} : { created_by_ref: context.authorId }),
    ...compact(properties),
  }
}

/** Created and modified of an item, as STIX timestamps; modified is never before created. */
function times(item: { createdAt: string; updatedAt: string }, context: Context) {
  const created = stixTimestamp(item.createdAt, context.generatedAt)
  const modified = stixTimestamp(item.updatedAt, created)
  return { created, modified: modified < created ? created : modified }
}

function marked(tlp: Tlp, context: Context): string[] {
  context.markings.add(tlp)
  return [tlpMarkingId(tlp)]
}

function actorObject(actor: Actor, relations: readonly Relation[], context: Context): StixObject {
  const type = actorStixType(actor, relations)
  return object(type, context.idFor(type, `casefile:actor:${actor.id}`), context, {
    ...times(actor, context),
    ...actorProperties(actor, type),
    object_marking_refs: marked(actor.tlp, context),
  })
}

/**
 * An event as an incident. STIX 2.1 leaves the incident a stub (a name and a description), so
 * the date as precisely as it is known, the date reported and the place are custom properties.
 */
function eventObject(event: CaseEvent, context: Context): StixObject {
  return object('incident', context.idFor('incident', `casefile:event:${event.id}`), context, {
    ...times(event, context),
    name: event.title,
    description: event.description,
    labels: event.tags,
    x_casefile_occurred: compact({ ...event.occurred }),
    x_casefile_reported: event.reported === null ? undefined : compact({ ...event.reported }),
    x_casefile_place: event.place,
    object_marking_refs: marked(event.tlp, context),
  })
}

/**
 * A relation as a relationship, in the direction Casefile reads it (“A — attributed-to → B”:
 * source A, target B). Its marking is the stricter of its ends': it tells of both.
 */
function relationObject(
  relation: Relation,
  from: { id: string; tlp: Tlp },
  to: { id: string; tlp: Tlp },
  context: Context,
): StixObject {
  const type = relationshipType(relation.type)
  const id = context.idFor('relationship', `casefile:relation:${relation.id}`)
  return object('relationship', id, context, {
    ...times(relation, context),
    relationship_type: type,
    // A free-text type loses its spaces and capitals to the slug: kept as written.
    x_casefile_type: type === relation.type ? undefined : relation.type,
    source_ref: from.id,
    target_ref: to.id,
    confidence: confidenceValue(relation.confidence),
    description: relation.note,
    object_marking_refs: marked(stricterTlp(from.tlp, to.tlp), context),
  })
}

/** A relation type as the schema's `relationship_type` allows it (`^[a-z0-9-]+$`). */
export function relationshipType(type: string): string {
  const slug = type
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return slug === '' ? 'related-to' : slug
}

/** A cited passage as a note: the quote and the comment, about what the passage is linked to. */
function noteObject(passage: BriefPassage, context: Context, linked: string[]): StixObject {
  const { annotation, source, place } = passage
  const quote = annotation.target.quote
  const id = context.idFor('note', `casefile:annotation:${annotation.id}`)
  return object('note', id, context, {
    ...times(annotation, context),
    abstract: `${titleOf(source)}, ${placeText(place)}`,
    content:
      annotation.comment === '' ? `“${quote.exact}”` : `“${quote.exact}”\n\n${annotation.comment}`,
    object_refs: linked.length > 0 ? [...new Set(linked)] : [context.reportId],
    confidence: credibilityValue(annotation.credibility),
    labels: annotation.tags,
    external_references: [sourceReference(source, place)],
    // Enough to find the passage again in the source's canonical text.
    x_casefile_quote: {
      exact: quote.exact,
      prefix: quote.prefix,
      suffix: quote.suffix,
      start: annotation.target.position.start,
      end: annotation.target.position.end,
      text_sha256: annotation.target.textSha256,
    },
    object_marking_refs: marked(passage.tlp, context),
  })
}

/** A note the analyst picked for the brief: its Markdown, about the report. */
function analystNoteObject(note: BriefNote, context: Context): StixObject {
  return object('note', context.idFor('note', `casefile:note:${note.id}`), context, {
    ...times(note, context),
    abstract: note.title,
    content: note.markdown.trim() === '' ? note.title : note.markdown,
    object_refs: [context.reportId],
    object_marking_refs: marked(note.tlp, context),
  })
}

/** A source as an external reference, with the hash of its original bytes. */
function sourceReference(source: Source, place?: Place): { [key: string]: StixValue } {
  const name = titleOf(source)
  const description = [
    source.authors.length > 0 ? `by ${source.authors.join(', ')}` : undefined,
    source.publishedAt === null ? undefined : `published ${source.publishedAt}`,
    `file ${source.origin.fileName}`,
    place === undefined ? undefined : placeText(place),
    `canonical text SHA-256 ${source.textSha256}`,
  ]
  const url = source.origin.url
  return compact({
    // `cve` and `capec` are reserved source names (`common/external-reference.json`).
    source_name: /^(cve|capec)$/.test(name) ? `source ${name}` : name,
    description: description.filter((part) => part !== undefined).join('; '),
    url: url !== null && isPlainUri(url) ? url : undefined,
    hashes: { 'SHA-256': source.originalSha256 },
  })
}

/** A URI the schema's `uri` format accepts: a scheme, then printable ASCII without spaces. */
function isPlainUri(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:[!#-;=?-[\]_a-z~%]+$/i.test(url) && !/%(?![0-9a-f]{2})/i.test(url)
}

function titleOf(source: Source): string {
  return source.title.trim() === '' ? source.origin.fileName : source.title
}

function placeText(place: Place): string {
  const paragraph = `paragraph ${place.paragraph}`
  return place.page === undefined ? paragraph : `page ${place.page}, ${paragraph}`
}

function linkedIds(
  ids: readonly string[] | undefined,
  known: ReadonlyMap<string, { id: string }>,
): string[] {
  return (ids ?? []).flatMap((id) => known.get(id)?.id ?? [])
}

function unique<T extends { id: string }>(items: readonly T[]): T[] {
  return [...new Map(items.map((item) => [item.id, item])).values()]
}

function uniquePassages(passages: readonly BriefPassage[]): BriefPassage[] {
  return [...new Map(passages.map((passage) => [passage.annotation.id, passage])).values()]
}
