import type { RelationEnd } from '../../../../shared/model'
import { EntityChip } from './EntityChip'
import { EntityPicker } from './EntityPicker'

type LinkFieldsProps = {
  idPrefix: string
  testIdPrefix: string
  links: readonly RelationEnd[]
  onChange: (links: RelationEnd[]) => void
}

/** The actors and events a passage is about: chips, and a field to find or create more. */
export function LinkFields({ idPrefix, testIdPrefix, links, onChange }: LinkFieldsProps) {
  const same = (a: RelationEnd, b: RelationEnd) => a.kind === b.kind && a.id === b.id
  return (
    <div className="link-fields">
      <label className="field-label" htmlFor={`${idPrefix}-links`}>
        Actors and events
      </label>
      {links.length > 0 ? (
        <div className="entity-chips">
          {links.map((end) => (
            <EntityChip
              key={`${end.kind}:${end.id}`}
              end={end}
              onRemove={() => onChange(links.filter((link) => !same(link, end)))}
            />
          ))}
        </div>
      ) : null}
      <EntityPicker
        id={`${idPrefix}-links`}
        testId={`${testIdPrefix}-links`}
        kinds={['actor', 'event']}
        exclude={links}
        placeholder="Link an actor or event: type a name"
        onPick={(end) => onChange([...links, end])}
      />
    </div>
  )
}
