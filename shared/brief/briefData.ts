import type { Actor, Annotation, CaseEvent, Relation, Source, Tlp } from '../model'

/** Where an offset of a source's text lies: its paragraph (1-based) and, in a paged original, its page. */
export type Place = { paragraph: number; page?: number }

/** An annotated passage the brief cites: the annotation, its source, and where in it the quote lies. */
export type BriefPassage = {
  annotation: Annotation
  source: Source
  place: Place
  /** The marking this passage carries: its own, or else its source's. */
  tlp: Tlp
}

/** A note the analyst picked for the brief, as Markdown. */
export type BriefNote = {
  id: string
  title: string
  markdown: string
  tlp: Tlp
  createdAt: string
  updatedAt: string
}

/**
 * Everything one brief covers, gathered from the library and already cut to the brief's marking
 * (nothing here is more restricted than `brief.tlp`). Both renderers read only this: the Markdown
 * brief and the STIX 2.1 bundle.
 */
export type BriefData = {
  brief: {
    /** Stable for one brief (a saved brief's id; for an unsaved one, derived from its scope). */
    id: string
    title: string
    author: string
    tlp: Tlp
    /** ISO timestamp of this export. */
    generatedAt: string
    /** `Casefile 0.1.0`. */
    generator: string
  }
  /** The intro note, as Markdown; null without one. */
  intro: string | null
  /** The notes picked by hand, as Markdown, in the order picked. */
  notes: BriefNote[]
  actors: Actor[]
  /** In timeline order. */
  events: CaseEvent[]
  /** Between actors and events of the brief; `evidence` holds only passages the brief cites. */
  relations: Relation[]
  passages: BriefPassage[]
  /** Every source a passage cites, once each, in order of first citation. */
  sources: Source[]
  /** What the brief leaves out, counted so the brief can say so. */
  leftOut: {
    /** Items marked more restrictively than the brief. */
    byTlp: number
    /** Annotations whose passages are no longer in their sources' texts. */
    orphans: number
  }
}
