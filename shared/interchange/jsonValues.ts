/** A JSON object, as read from a document of unknown shape. */
export type Json = Record<string, unknown>

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]
}

/** The value's types, without an `oa:` or full-IRI prefix. */
export function typeOf(value: Json): string[] {
  return listOf(value.type ?? value['@type'])
    .filter((type): type is string => typeof type === 'string')
    .map((type) => type.replace(/^.*[#:/]/, ''))
}

export function hasType(value: Json, type: string): boolean {
  return typeOf(value).includes(type)
}
