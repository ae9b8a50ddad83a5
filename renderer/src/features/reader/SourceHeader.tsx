import type { ReactNode } from 'react'
import type { Source } from '../../../../shared/model'
import { formatDate } from '../library/describeSource'

/** Title and provenance of the open source: who, when, from which file, and its fingerprint. */
export function SourceHeader({ source }: { source: Source }) {
  return (
    <header className="source-header">
      <h1 className="source-header__title">{source.title}</h1>
      <dl className="source-header__facts">
        {source.authors.length > 0 ? <Fact term="By">{source.authors.join(', ')}</Fact> : null}
        {source.publishedAt ? <Fact term="Published">{formatDate(source.publishedAt)}</Fact> : null}
        <Fact term="File">{source.origin.fileName}</Fact>
        <Fact term="Imported">{formatDate(source.importedAt, true)}</Fact>
        <Fact term="SHA-256">
          <abbr className="source-header__hash" title={source.originalSha256}>
            {source.originalSha256.slice(0, 12)}
          </abbr>
        </Fact>
      </dl>
    </header>
  )
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="source-header__fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  )
}
