import { tlpOrder, type Tlp } from '../../model'
import type { StixObject } from './stixObjects'

/**
 * The TLP 2.0 property extension of marking definitions, and its five official objects, as
 * OASIS publishes them: oasis-open/cti-stix-common-objects,
 * `extension-definition-specifications/tlp-2.0/` (the extension's schema and `examples/`) and
 * `objects/marking-definition/marking-definition--<id>.json`.
 */
export const tlp2ExtensionId = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d'

const tlp2Ids: Readonly<Record<Tlp, string>> = {
  CLEAR: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  GREEN: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  AMBER: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  RED: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
}

/** TLP 1.0, built into STIX 2.1 (the ids `common/marking-definition.json` pins): read, never written. */
const tlp1Ids: Readonly<Record<string, Tlp>> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'CLEAR',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'GREEN',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'AMBER',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'RED',
}

/** The id of the official TLP 2.0 marking definition of a marking. */
export function tlpMarkingId(tlp: Tlp): string {
  return tlp2Ids[tlp]
}

/** The official TLP 2.0 marking definition, exactly as OASIS publishes it. */
export function tlpMarkingDefinition(tlp: Tlp): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: tlp2Ids[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${tlp}`,
    extensions: {
      [tlp2ExtensionId]: { extension_type: 'property-extension', tlp_2_0: tlp.toLowerCase() },
    },
  }
}

/** The TLP a marking-definition id stands for (TLP 2.0 or 1.0), if it is one of the official ones. */
export function tlpOfMarkingId(id: string): Tlp | undefined {
  for (const tlp of tlpOrder) if (tlp2Ids[tlp] === id) return tlp
  return tlp1Ids[id]
}

/** The TLP a marking value names (`amber+strict`, `white`), as a bundle's own definitions write it. */
export function tlpOfName(value: string): Tlp | undefined {
  const name = value.trim().toUpperCase().replace(/^TLP:/, '')
  if (name === 'WHITE') return 'CLEAR'
  return tlpOrder.find((tlp) => tlp === name)
}
