/**
 * Recovery: backups of the library's files, and what to do with a part that cannot be read
 * (issue #9). Spread into the contract.
 */
export function safetyMethods() {
  return {}
}
