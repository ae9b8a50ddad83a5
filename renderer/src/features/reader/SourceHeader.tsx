import type { ReactNode } from 'react'
import type { Source } from '../../../../shared/model'
import { formatDate } from '../library/describeSource'
import { SourceMarkings } from '../markings/SourceMarkings'

/** Title and provenance of the open source: who, when, where from, in what language, and its fingerprint. */
export function SourceHeader({
  source,
  onOpenSource,
}: {
  source: Source
  onOpenSource: (id: string) => void
}) {
  return (
    <header className="source-header">
      <h1 className="source-header__title">{source.title}</h1>
      {source.supersededBy ? (
        <VersionNote
          note="A newer version of this source exists."
          action="Open the newer version"
          testId="open-newer-version"
          onOpen={() => source.supersededBy && onOpenSource(source.supersededBy)}
        />
      ) : null}
      {source.previousVersionId ? (
        <VersionNote
          note="Version of an earlier import."
          action="Open the earlier version"
          testId="open-earlier-version"
          onOpen={() => source.previousVersionId && onOpenSource(source.previousVersionId)}
        />
      ) : null}
      <dl className="source-header__facts">
        {source.authors.length > 0 ? <Fact term="By">{source.authors.join(', ')}</Fact> : null}
        {source.publishedAt ? <Fact term="Published">{formatDate(source.publishedAt)}</Fact> : null}
        {source.details?.siteName ? <Fact term="Site">{source.details.siteName}</Fact> : null}
        {source.origin.url ? (
          <Fact term="URL">
            <span className="source-header__url">{source.origin.url}</span>
          </Fact>
        ) : null}
        {source.details?.pageCount ? <Fact term="Pages">{source.details.pageCount}</Fact> : null}
        {source.language ? <Fact term="Language">{languageName(source.language)}</Fact> : null}
        {source.details?.attachments && source.details.attachments.length > 0 ? (
          <Fact term="Attachments">
            {source.details.attachments
              .map((attachment) => `${attachment.fileName} (${attachment.contentType})`)
              .join(', ')}
          </Fact>
        ) : null}
        <Fact term="File">{source.origin.fileName}</Fact>
        <Fact term="Imported">{formatDate(source.importedAt, true)}</Fact>
        <Fact term="SHA-256">
          <abbr className="source-header__hash" title={source.originalSha256}>
            {source.originalSha256.slice(0, 12)}
          </abbr>
        </Fact>
      </dl>
      <SourceMarkings source={source} />
    </header>
  )
}

/** Where this source stands among the versions of one document, and a way to the other one. */
function VersionNote(props: { note: string; action: string; testId: string; onOpen: () => void }) {
  return (
    <p className="source-header__version">
      <span>{props.note}</span>
      <button
        type="button"
        className="button button--secondary button--small"
        data-testid={props.testId}
        onClick={props.onOpen}
      >
        {props.action}
      </button>
    </p>
  )
}

/** `fr-CA` → `French (Canada)`, in the reader's own language; the tag itself when unknown. */
function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(undefined, { type: 'language' }).of(tag) ?? tag
  } catch {
    return tag
  }
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="source-header__fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  )
}
