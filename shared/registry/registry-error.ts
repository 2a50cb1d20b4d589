import { ServiceError } from '../errors/service-error.js'

/**
 * A registry refused or could not be reached: a ServiceError (see `errors/error-kind.ts`), reported as one
 * annotation naming the registry, its HTTP status and the registry's own code and message (the
 * distribution-spec error body), with what to check, without a stack.
 */
export class RegistryError extends ServiceError {
  /** The distribution-spec error code (`UNAUTHORIZED`, `BLOB_UNKNOWN`…), when the registry sent one. */
  readonly code?: string

  constructor(
    /** `the registry HOST:PORT`, or the token service it sent us to. */
    service: string,
    message: string,
    details: { status?: number; hint?: string; code?: string } = {}
  ) {
    super(service, message, { status: details.status, hint: details.hint })
    this.name = 'RegistryError'
    this.code = details.code
  }
}

/** `{"errors":[{"code":"…","message":"…"}]}`, or the start of whatever else the registry said. */
export function describeErrorBody(body: Buffer): { code?: string; text: string } {
  const text = body.toString('utf8')
  try {
    const parsed = JSON.parse(text) as { errors?: { code?: string; message?: string }[] }
    const first = parsed.errors?.[0]
    if (first) return { code: first.code, text: `${first.code ?? ''}: ${first.message ?? ''}`.trim() }
  } catch {
    // not JSON: distribution answers unknown routes with plain text
  }
  return { text: text.trim().slice(0, 200) }
}
