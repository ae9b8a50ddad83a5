import { z } from 'zod'

/** Traffic Light Protocol 2.0 handling marking. */
export const TlpSchema = z.enum(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'])
export type Tlp = z.infer<typeof TlpSchema>

/** Admiralty source reliability: A (completely reliable) to F (cannot be judged). */
export const ReliabilitySchema = z.enum(['A', 'B', 'C', 'D', 'E', 'F'])
export type Reliability = z.infer<typeof ReliabilitySchema>

/** Least to most restricted. */
export const tlpOrder: readonly Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED']

/** Whether something marked `marking` may go where `limit` is the most restricted allowed. */
export function tlpAllows(limit: Tlp, marking: Tlp): boolean {
  return tlpOrder.indexOf(marking) <= tlpOrder.indexOf(limit)
}

/** The stricter of two markings. */
export function stricterTlp(a: Tlp, b: Tlp): Tlp {
  return tlpOrder.indexOf(a) >= tlpOrder.indexOf(b) ? a : b
}
