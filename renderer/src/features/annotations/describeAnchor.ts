/** What an analyst reads about a passage that was not found verbatim; nothing when it was. */
export function describeAnchor(anchor: { status: string; score: number }): string | undefined {
  if (anchor.status === 'fuzzy') return `Approximate match (${Math.round(anchor.score * 100)}%)`
  if (anchor.status === 'orphaned') return 'Orphaned: the passage is no longer in this text'
  return undefined
}
