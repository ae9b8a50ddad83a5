import { createHash } from 'node:crypto'

/** RFC 4122 / RFC 9562 name-based UUID, version 5: SHA-1 of the namespace's bytes and the name. */
export function uuidV5(namespace: string, name: string): string {
  const hex = namespace.replace(/-/g, '')
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`Not a UUID: ${namespace}`)
  const bytes = createHash('sha1')
    .update(Buffer.from(hex, 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16)
  bytes[6] = (bytes[6]! & 0x0f) | 0x50
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const out = bytes.toString('hex')
  return `${out.slice(0, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}-${out.slice(16, 20)}-${out.slice(20)}`
}

/** RFC 4122's namespace for names that are URLs. */
const urlNamespace = '6ba7b811-9dad-11d1-80b4-00c04fd430c8'

/**
 * Casefile's namespace for STIX ids, itself derived rather than invented:
 * uuidv5(URL namespace, 'casefile:stix') = 1c8dab72-3a9e-5a42-95dd-4966f51b11d9.
 */
export const casefileStixNamespace = uuidV5(urlNamespace, 'casefile:stix')

/**
 * The id of a STIX object made from a Casefile item (`casefile:actor:<id>`): the same item
 * always gets the same id. The UUID part depends on the key alone, so an item keeps it when its
 * STIX type changes (an identity that becomes a threat actor once something is attributed to it).
 */
export function stixIdFor(type: string, key: string): string {
  return `${type}--${uuidV5(casefileStixNamespace, key)}`
}
