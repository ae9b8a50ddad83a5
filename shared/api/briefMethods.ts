import { z } from 'zod'
import { maxBriefChars } from '../brief/citation'
import { BriefVerificationSchema } from '../brief/verification'
import { BriefDraftSchema, BriefSchema } from '../model'
import { method } from './method'

export type { BriefVerification, CitationCheck } from '../brief/verification'
/** The largest brief file `briefs.verify` reads, in characters. */
export const maxBriefFileChars = maxBriefChars

/** The most of a brief the preview shows: a whole case of thousands of sources runs to megabytes. */
export const maxPreviewChars = 1_000_000

const id = z.string().min(1).max(200)

/**
 * Which brief: a saved one (`briefId`), or a draft as the composer holds it; neither is the whole
 * case under the default draft.
 */
const BriefRequestSchema = z
  .object({ briefId: id.optional(), draft: BriefDraftSchema.optional() })
  .strict()
  .refine((i) => i.briefId === undefined || i.draft === undefined, {
    message: 'give `briefId` or `draft`, not both',
  })

const counts = z.object({ created: z.number().int(), matched: z.number().int() })
const leftOut = z.object({ byTlp: z.number().int(), orphans: z.number().int() })

/** The counts a preview shows beside the Markdown, and the items the analyst can drop. */
const BriefOutlineSchema = z.object({
  actors: z.array(z.object({ id: z.string(), name: z.string() })),
  events: z.array(z.object({ id: z.string(), title: z.string() })),
  relations: z.array(z.object({ id: z.string(), sentence: z.string() })),
  passages: z.array(z.object({ id: z.string(), quote: z.string(), sourceTitle: z.string() })),
  sources: z.number().int(),
})

/** Briefs: composed, saved, exported as Markdown or STIX 2.1, and verified against the library (#8). */
export function briefMethods() {
  return {
    'briefs.list': method({
      doc: 'The saved briefs, most recently changed first.',
      input: z.object({}).strict(),
      output: z.object({ briefs: z.array(BriefSchema) }),
    }),
    'briefs.save': method({
      doc:
        'Saves a brief: new without `id`, else over the brief `id` (an `id` no brief has saves ' +
        'it under that id: how a deletion is undone).',
      input: BriefDraftSchema.extend({ id: id.optional() }).strict(),
      output: BriefSchema,
    }),
    'briefs.delete': method({
      doc: 'Forgets a saved brief; the answer is the brief, to save again for undo.',
      input: z.object({ id }).strict(),
      output: BriefSchema,
    }),
    'briefs.preview': method({
      doc:
        'Exactly what `briefs.export` would write for this brief now, with its outline: the ' +
        'actors, events, relations and passages it holds (to drop from the draft) and what it ' +
        'leaves out (marked more restrictively than the brief, or orphaned). A brief longer than ' +
        '`maxPreviewChars` is previewed up to there, at the end of a line (`fullLength` tells ' +
        'how long the export is).',
      input: BriefRequestSchema,
      output: z.object({
        fileName: z.string(),
        markdown: z.string(),
        /** The length of the whole brief; longer than `markdown` when the preview is cut. */
        fullLength: z.number().int(),
        citations: z.number().int(),
        leftOut,
        outline: BriefOutlineSchema,
      }),
    }),
    'briefs.export': method({
      doc:
        'Renders a Markdown brief: YAML front matter, the TLP marking at top and bottom, the ' +
        'intro, key judgements, timeline, actors and key passages, a footnote citing the ' +
        'source of every quote (title, authors, date, origin, place, sha256 prefix, the exact ' +
        'quote) and a sources appendix. Items marked more restrictively than the brief are ' +
        'left out, and counted in the brief.',
      input: BriefRequestSchema,
      output: z.object({
        fileName: z.string(),
        markdown: z.string(),
        citations: z.number().int(),
        leftOut,
      }),
    }),
    'briefs.exportStix': method({
      doc:
        'The same brief as a STIX 2.1 bundle (JSON text): a report, identities, threat actors ' +
        'and intrusion sets for actors, incidents for events, relationships, notes for the ' +
        'passages, TLP 2.0 markings. The same case gives the same ids.',
      input: BriefRequestSchema,
      output: z.object({ fileName: z.string(), json: z.string(), objects: z.number().int() }),
    }),
    'briefs.verify': method({
      doc:
        'Checks an exported brief against the library: every citation re-anchored in its ' +
        'source and reported exact, fuzzy (with a score) or orphaned (with the reason).',
      input: z.object({ markdown: z.string().max(maxBriefFileChars) }).strict(),
      output: BriefVerificationSchema,
    }),
    'case.importStix': method({
      doc:
        'Brings the actors, events and relations of a STIX 2.1 bundle (JSON text) into the ' +
        'case; an actor already known by a name or alias, an event by its title, a relation by ' +
        'its ends and type are matched, not duplicated. What is not brought in is listed.',
      input: z.object({ json: z.string().max(maxBriefFileChars) }).strict(),
      output: z.object({
        actors: counts.extend({ aliasesAdded: z.number().int() }),
        events: counts,
        relations: counts,
        /** Titles of the events the bundle gave no date (dated by when they were recorded). */
        undated: z.array(z.string()),
        skipped: z.array(z.object({ id: z.string(), type: z.string(), reason: z.string() })),
      }),
    }),
  }
}
