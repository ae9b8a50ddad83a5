import type { Actor } from '../../../../shared/model'
import type { GraphScope } from './graphOf'

/** What the analyst chose to see; kept whole so that switching scope back restores the options. */
export type GraphSettings = {
  /** The actor whose neighbourhood is shown; empty for the whole case. */
  actorId: string
  showUnrelated: boolean
  twoSteps: boolean
}

export const wholeCase: GraphSettings = { actorId: '', showUnrelated: false, twoSteps: false }

/** The scope the settings ask for; the whole case when the chosen actor is gone. */
export function scopeOf(settings: GraphSettings, actors: readonly Actor[]): GraphScope {
  if (settings.actorId !== '' && actors.some((actor) => actor.id === settings.actorId))
    return { kind: 'neighbourhood', actorId: settings.actorId, depth: settings.twoSteps ? 2 : 1 }
  return { kind: 'case', showUnrelated: settings.showUnrelated }
}

type GraphScopeBarProps = {
  actors: readonly Actor[]
  settings: GraphSettings
  scope: GraphScope
  onChange: (settings: GraphSettings) => void
}

/** Whole case or one actor's neighbourhood, and the option that goes with each. */
export function GraphScopeBar({ actors, settings, scope, onChange }: GraphScopeBarProps) {
  return (
    <div className="graph-scope">
      <label className="graph-scope__field">
        <span className="field-label">Show</span>
        <select
          className="text-field graph-scope__select"
          data-testid="graph-scope"
          value={scope.kind === 'case' ? '' : scope.actorId}
          onChange={(event) => onChange({ ...settings, actorId: event.target.value })}
        >
          <option value="">Whole case</option>
          {actors.map((actor) => (
            <option key={actor.id} value={actor.id}>
              {`Neighbourhood of ${actor.name}`}
            </option>
          ))}
        </select>
      </label>
      {scope.kind === 'case' ? (
        <label className="graph-scope__check">
          <input
            type="checkbox"
            data-testid="graph-show-unrelated"
            checked={settings.showUnrelated}
            onChange={(event) => onChange({ ...settings, showUnrelated: event.target.checked })}
          />
          Show unrelated actors and events
        </label>
      ) : (
        <label className="graph-scope__check">
          <input
            type="checkbox"
            data-testid="graph-two-steps"
            checked={settings.twoSteps}
            onChange={(event) => onChange({ ...settings, twoSteps: event.target.checked })}
          />
          Two steps out
        </label>
      )}
    </div>
  )
}
