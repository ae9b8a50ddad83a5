import type { z } from 'zod'

/** One method of the contract: what it does (read by every client), its input and its output. */
export function method<I extends z.ZodType, O extends z.ZodType>(spec: {
  doc: string
  input: I
  output: O
}) {
  return spec
}
