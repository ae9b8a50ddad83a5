import { z } from 'zod'

/** Traffic Light Protocol 2.0 handling marking. */
export const TlpSchema = z.enum(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'])
export type Tlp = z.infer<typeof TlpSchema>

/** Admiralty source reliability: A (completely reliable) to F (cannot be judged). */
export const ReliabilitySchema = z.enum(['A', 'B', 'C', 'D', 'E', 'F'])
export type Reliability = z.infer<typeof ReliabilitySchema>
