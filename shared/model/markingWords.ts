import type { Reliability, Tlp } from './marking'

/** The Admiralty grades of a source's reliability, as NATO's AJP-2.1 words them. */
export const reliabilityWords: Record<Reliability, string> = {
  A: 'completely reliable',
  B: 'usually reliable',
  C: 'fairly reliable',
  D: 'not usually reliable',
  E: 'unreliable',
  F: 'reliability cannot be judged',
}

/** The Admiralty grades of a piece of information's credibility. */
export const credibilityWords: Record<number, string> = {
  1: 'confirmed by other sources',
  2: 'probably true',
  3: 'possibly true',
  4: 'doubtful',
  5: 'improbable',
  6: 'truth cannot be judged',
}

/** What each TLP 2.0 marking lets a reader do with what it marks. */
export const tlpWords: Record<Tlp, string> = {
  CLEAR: 'may be shared freely',
  GREEN: 'within the community',
  AMBER: 'within the organisation and its clients',
  'AMBER+STRICT': 'within the organisation only',
  RED: 'for the named recipients only',
}
