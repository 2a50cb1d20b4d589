/**
 * A service mlci talks to (GitHub's API, an OCI registry, MLflow, Prometheus, a deploy webhook) could not be
 * reached or refused the request. Not the user's file and not our bug: reported as one annotation that names the
 * service, what it answered (the HTTP status, when there was one) and what to check, without a stack.
 */
export class ServiceError extends Error {
  constructor(
    /** The service as the user knows it: `GitHub`, `the registry 127.0.0.1:5000`, `Prometheus at …`. */
    readonly service: string,
    message: string,
    readonly details: {
      /** The HTTP status it answered, if it answered. */
      status?: number
      /** What the user should check: a permission, an address, a credential. */
      hint?: string
    } = {}
  ) {
    super(message)
    this.name = 'ServiceError'
  }

  get status(): number | undefined {
    return this.details.status
  }
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof ServiceError
}
