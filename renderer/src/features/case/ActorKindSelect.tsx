import { ActorKindSchema, type ActorKind } from '../../../../shared/model'
import { actorKindLabel } from './matchEntities'

type ActorKindSelectProps = {
  id?: string
  label?: string
  testId?: string
  value: ActorKind
  onChange: (kind: ActorKind) => void
}

/** Person, organisation, state, group or threat actor. */
export function ActorKindSelect({ id, label, testId, value, onChange }: ActorKindSelectProps) {
  return (
    <select
      id={id}
      className="text-field"
      aria-label={label}
      data-testid={testId}
      value={value}
      onChange={(event) => onChange(event.target.value as ActorKind)}
    >
      {ActorKindSchema.options.map((option) => (
        <option key={option} value={option}>
          {actorKindLabel[option]}
        </option>
      ))}
    </select>
  )
}
