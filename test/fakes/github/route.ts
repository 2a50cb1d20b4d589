import type { Urls } from './representations.js'
import type { GitHubState, RepoRecord, UserRecord } from './state.js'

/**
 * A value ajv has already checked against GitHub's description: handlers read it the way the description
 * says, which is more than the type system can see.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Validated = any

/** One request, after authentication and validation against GitHub's description. */
export interface RouteContext {
  state: GitHubState
  urls: Urls
  /** Who the token belongs to. */
  identity: UserRecord
  /** Path parameters, coerced to the types the description gives them. */
  params: Record<string, Validated>
  /** Query parameters, coerced, with the description's defaults filled in. */
  query: Record<string, Validated>
  /**
   * The JSON body with the description's defaults filled in; the raw bytes for an operation whose body is a
   * file (a release asset upload).
   */
  body: Validated
  /** The request's Content-Type header, as sent. */
  contentType: string | undefined
  /** The full request URL on the fake, for Link headers. */
  requestUrl: URL
}

export interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

export type Handler = (context: RouteContext) => Reply

/** An error response in GitHub's shape: `{ message, documentation_url, status, ...extra }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {}
  ) {
    super(message)
  }
}

export function notFound(): HttpError {
  return new HttpError(404, 'Not Found')
}

/** GitHub's 422 for a semantically invalid field: `Validation Failed` plus one entry per field. */
export function validationFailed(resource: string, field: string, code: string, message?: string): HttpError {
  return new HttpError(422, 'Validation Failed', {
    errors: [{ resource, field, code, ...(message === undefined ? {} : { message }) }]
  })
}

export function repoOf(context: RouteContext): RepoRecord {
  const repo = context.state.findRepo(context.params.owner, context.params.repo)
  if (repo === undefined) throw notFound()
  return repo
}

/** A commit SHA the repository has; GitHub answers 422 for an unknown one. */
export function commitOf(context: RouteContext, repo: RepoRecord, ref: string): string {
  const sha = context.state.resolveRef(repo, ref)
  if (sha === undefined) throw new HttpError(422, `No commit found for SHA: ${ref}`)
  return sha
}
