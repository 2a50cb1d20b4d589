/**
 * A mistake the user can fix: a bad input, a malformed file, a policy with a typo.
 * It is reported as one plain `::error` annotation (at `file:line` when known) with no stack trace.
 * Anything else that escapes an action is a bug in mlci and keeps its stack.
 */
export interface SourceLocation {
  /** Path of the file at fault, absolute or relative to the workspace. */
  file?: string
  line?: number
  column?: number
}

export class UserError extends Error {
  readonly location: SourceLocation

  constructor(message: string, location: SourceLocation = {}) {
    super(message)
    this.name = 'UserError'
    this.location = location
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError
}
