/** A JSON value as a STIX object holds it. */
export type StixValue = string | number | boolean | StixValue[] | { [key: string]: StixValue }

/** One STIX 2.1 object: an SDO, an SRO or a marking definition, as plain JSON. */
export type StixObject = { type: string; id: string; [property: string]: StixValue }

export type StixBundle = { type: 'bundle'; id: string; objects: StixObject[] }

/**
 * Makes the id of a STIX object from its type and a key stable for one Casefile item
 * (`casefile:actor:<id>`): `type--uuid`. The core injects a UUIDv5 maker (SHA-1 lives in Node).
 */
export type IdFor = (type: string, key: string) => string

/**
 * The object without its absent parts: undefined values, empty strings and empty lists. The
 * schemas refuse an empty list (`minItems: 1`) and a custom property that is null.
 */
export function compact(properties: Record<string, StixValue | undefined>): {
  [key: string]: StixValue
} {
  const kept: { [key: string]: StixValue } = {}
  for (const [key, value] of Object.entries(properties)) {
    if (value === undefined || value === '') continue
    if (Array.isArray(value) && value.length === 0) continue
    kept[key] = value
  }
  return kept
}

const millisecondTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/**
 * A STIX timestamp (UTC, to the millisecond, as `created` and `modified` require) of an ISO
 * time; `fallback` when it is not one.
 */
export function stixTimestamp(iso: string, fallback: string): string {
  if (millisecondTimestamp.test(iso)) return iso
  const time = Date.parse(iso)
  return Number.isNaN(time) ? fallback : new Date(time).toISOString()
}
