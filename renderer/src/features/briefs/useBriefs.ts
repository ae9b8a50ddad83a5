import type { Brief, BriefDraft } from '../../../../shared/model'
import type { Client } from '../../../../shared/rpc'
import { useLibraryQuery } from '../../app/useLibraryQuery'

const listBriefs = async (client: Client) => (await client.call('briefs.list', {})).briefs

/** The saved briefs, most recently changed first; asked again whenever a brief is saved. */
export function useBriefs() {
  return useLibraryQuery<Brief[]>(listBriefs, [], ['briefs'])
}

/** The parts of a saved brief that `briefs.save` takes back (its timestamps are the core's). */
export function draftOf(brief: Brief): BriefDraft {
  const { title, author, tlp, introNoteId, scope, sections, dropped } = brief
  return { title, author, tlp, introNoteId, scope, sections, dropped }
}
