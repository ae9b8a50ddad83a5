export { buildStixBundle, relationshipType } from './buildStixBundle'
export { actorStixType, type ActorStixType } from './stixActors'
export { confidenceValue, confidenceWords, credibilityValue } from './stixConfidence'
export { tlp2ExtensionId, tlpMarkingDefinition, tlpMarkingId, tlpOfMarkingId } from './stixMarkings'
export type { IdFor, StixBundle, StixObject, StixValue } from './stixObjects'
export {
  readStixBundle,
  stixLimits,
  type ReadOptions,
  type StixActorIn,
  type StixEventIn,
  type StixReading,
  type StixRelationIn,
  type StixSkipped,
} from './readStixBundle'
