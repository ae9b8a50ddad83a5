import { HighlightColorSchema, type HighlightColor } from '../../../../shared/model'

export const colorNames: Record<HighlightColor, string> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
  purple: 'Purple',
}

type ColorChoiceProps = {
  /** The radio group's name: unique on the page. */
  name: string
  value: HighlightColor
  onChange: (color: HighlightColor) => void
}

/** The five highlight colours as radio buttons with their names; arrow keys move between them. */
export function ColorChoice({ name, value, onChange }: ColorChoiceProps) {
  return (
    <fieldset className="color-choice">
      <legend className="field-label">Colour</legend>
      <div className="color-choice__options">
        {HighlightColorSchema.options.map((color) => (
          <label key={color} className="color-choice__option">
            <input
              type="radio"
              className="color-choice__input"
              name={name}
              value={color}
              checked={value === color}
              onChange={() => onChange(color)}
            />
            <span className={`color-choice__swatch color-choice__swatch--${color}`} aria-hidden />
            {colorNames[color]}
          </label>
        ))}
      </div>
    </fieldset>
  )
}
