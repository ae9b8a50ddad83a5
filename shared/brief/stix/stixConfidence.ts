import type { Confidence } from '../../model'

/**
 * Casefile's words are the DNI (ICD 203) words of estimative probability, so they map to STIX
 * `confidence` by the DNI scale of the STIX 2.1 confidence-scales appendix (as
 * oasis-open/cti-python-stix2 `stix2.confidence.scales.dni_to_value` implements it): Almost No
 * Chance / Remote 5, Unlikely 30, Roughly Even Chance 50, Likely 70, Almost Certain 95.
 */
const dniValues: Readonly<Record<Confidence, number>> = {
  remote: 5,
  unlikely: 30,
  'roughly even chance': 50,
  likely: 70,
  'almost certain': 95,
}

export function confidenceValue(confidence: Confidence): number {
  return dniValues[confidence]
}

/**
 * The words for a STIX confidence, by the same scale's value-to-DNI ranges: 0–9 remote, 20–39
 * unlikely, 40–59 roughly even chance, 60–79 likely, 90–100 almost certain. Casefile has no
 * words for its two other bands, so 10–19 (very unlikely) reads as unlikely and 80–89 (very
 * likely) as likely: an import never states more certainty than the bundle did.
 */
export function confidenceWords(value: number): Confidence {
  if (value < 10) return 'remote'
  if (value < 40) return 'unlikely'
  if (value < 60) return 'roughly even chance'
  if (value < 90) return 'likely'
  return 'almost certain'
}

/**
 * An annotation's Admiralty credibility (1–6) as STIX `confidence`, by the Admiralty Credibility
 * scale of the same appendix: 1 → 90, 2 → 70, 3 → 50, 4 → 30, 5 → 10; 6 (cannot be judged) has
 * no value.
 */
export function credibilityValue(credibility: number | undefined): number | undefined {
  if (credibility === undefined || credibility < 1 || credibility > 5) return undefined
  return 110 - 20 * credibility
}
