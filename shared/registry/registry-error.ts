import { UserError } from '../errors/user-error.js'

/**
 * A registry refused or kept failing. Not a bug in mlci: it is reported as a plain error naming the
 * registry's own code and message (the distribution-spec error body), without a stack.
 */
export class RegistryError extends UserError {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string
  ) {
    super(message)
    this.name = 'RegistryError'
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
