/**
 * mlci's error taxonomy: every error that leaves an action's work is exactly one of three kinds, and the error
 * boundary (`runner/run-action.ts`) reports each kind one way.
 *
 * | kind      | class                               | meaning                                       | reported as                                   |
 * |-----------|-------------------------------------|-----------------------------------------------|-----------------------------------------------|
 * | `user`    | `UserError` (`user-error.ts`)       | the workflow or its files are wrong           | one `::error` at file:line, no stack, exit 1  |
 * | `service` | `ServiceError` (`service-error.ts`) | GitHub, a registry, MLflow, Prometheus or a   | one `::error` naming the service, its status  |
 * |           |                                     | webhook is unreachable or refuses             | and what to check, no stack, exit 1           |
 * | `bug`     | anything else                       | mlci itself is wrong                          | the stack and "please report", exit 1         |
 *
 * How the other error classes of the code base map onto the three:
 * - `RegistryError` (registry/registry-error.ts) and `MlflowError` (registry/mlflow-client.ts) are ServiceErrors:
 *   the registry answered with an error or not at all. A registry *address* the user got wrong is a UserError
 *   raised where the destination is parsed.
 * - `ProviderUnavailableError` (deploy/metrics-provider.ts) and `TargetError` (deploy/rollout-target.ts) are
 *   ServiceErrors; the rollout catches them and turns them into "no data" or a rollback, so they only reach the
 *   boundary from the post step.
 * - `ZipRefused` (data/zip-archive.ts), the CSV reader's `InvalidUtf8` and the JSON locator's `JsonSyntaxAt` never
 *   leave their modules as they are: their callers turn them into a UserError naming the file.
 * - `DegenerateSampleError` (stats/mann-whitney.ts) is caught by the canary judge ("no variance, no verdict").
 * - An error from Octokit (`HttpError`, with a numeric `status`) that no caller translated is a ServiceError of
 *   GitHub: `runner/github-api.ts` translates the common ones (403/404 → the permission to grant).
 */
import { isServiceError } from './service-error.js'
import { isUserError } from './user-error.js'

export type ErrorKind = 'user' | 'service' | 'bug'

export function errorKind(error: unknown): ErrorKind {
  if (isUserError(error)) return 'user'
  if (isServiceError(error) || isOctokitError(error)) return 'service'
  return 'bug'
}

/** An HTTP error of Octokit's request library: `RequestError` with a status and the request it answered. */
export function isOctokitError(
  error: unknown
): error is Error & { status: number; request: { method: string; url: string }; response?: unknown } {
  if (!(error instanceof Error) || error.name !== 'HttpError') return false
  const { status, request } = error as { status?: unknown; request?: { method?: unknown; url?: unknown } }
  return typeof status === 'number' && typeof request?.method === 'string' && typeof request.url === 'string'
}
