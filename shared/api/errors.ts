import { z } from 'zod'

export const ErrorCodeSchema = z.enum([
  'invalid_input',
  'unknown_method',
  'not_found',
  /** The item changed since the caller read it (a note saved in another window): reload, merge. */
  'conflict',
  'unsupported_format',
  'bad_file',
  'library_corrupt',
  'library_locked',
  'io_error',
  'internal',
])
export type ErrorCode = z.infer<typeof ErrorCodeSchema>

/** What every transport sends back when a call fails. */
export const ApiErrorSchema = z.object({ code: ErrorCodeSchema, message: z.string() })
export type ApiError = z.infer<typeof ApiErrorSchema>

/** A failure with a code a client can act on and a message a person can read. */
export class CasefileError extends Error {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'CasefileError'
    this.code = code
  }

  toJSON(): ApiError {
    return { code: this.code, message: this.message }
  }
}

export function isApiError(value: unknown): value is ApiError {
  return ApiErrorSchema.safeParse(value).success
}

/** Turns anything thrown into an ApiError without leaking stack traces to a client. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof CasefileError) return error.toJSON()
  if (error instanceof z.ZodError)
    return { code: 'invalid_input', message: describeZodError(error) }
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'internal', message: `Unexpected error: ${message}` }
}

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ')
}
