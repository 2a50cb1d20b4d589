import { errorKind, isOctokitError } from '../errors/error-kind.js'
import { rateLimitOf, refusalReasons } from '../errors/github-refusal.js'
import type { ServiceError } from '../errors/service-error.js'
import type { UserError } from '../errors/user-error.js'
import { displayPath } from '../io/display-path.js'
import { stopProgramsOnCancel } from './cancellation.js'
import * as log from './log.js'

const BUG_REPORT = 'This is a bug in mlci, not in your workflow: please report it with this log.'

/**
 * The error boundary every entry point runs its work in, the one place where an error becomes what the user
 * sees (see `errors/error-kind.ts`): a UserError is one annotation at its file:line, a ServiceError one annotation
 * naming the service, neither with a stack; anything else is a bug and keeps its stack. The step fails either way.
 * Also where a cancelled step ends the programs it started (`cancellation.ts`).
 */
export async function errorBoundary(work: () => Promise<void>): Promise<void> {
  stopProgramsOnCancel()
  try {
    await work()
  } catch (error) {
    await reportFailure(error)
  }
  log.noteUnshownAnnotations()
}

async function reportFailure(error: unknown): Promise<void> {
  process.exitCode = 1
  switch (errorKind(error)) {
    case 'user': {
      const { file, line, column } = (error as UserError).location
      log.fail(log.text`${(error as UserError).message}`, {
        title: 'mlci',
        file:
          file === undefined ? undefined : displayPath(file, process.env.GITHUB_WORKSPACE || process.cwd()),
        startLine: line,
        startColumn: line === undefined ? undefined : column
      })
      return
    }
    case 'service':
      log.fail(log.text`${describeServiceFailure(error as ServiceError)}`, {
        title: 'mlci: service unavailable'
      })
      return
    case 'bug': {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
      log.fail(log.text`${log.lines(detail)}\n${BUG_REPORT}`, { title: 'mlci: internal error' })
    }
  }
}

function describeServiceFailure(error: ServiceError | Error): string {
  if (isOctokitError(error)) {
    const url = new URL(error.request.url, 'https://api.invalid')
    const where = url.pathname
    // Octokit reports a request that got no answer at all (refused, reset, timed out) as a 500 without a response.
    if (error.response === undefined)
      return (
        `GitHub at ${url.host} could not be reached (${error.request.method} ${where}: ${firstLine(error.message)}). ` +
        "Check GITHUB_API_URL and the runner's network, or retry the job."
      )
    const request = `${error.request.method} ${where}`
    const limit = rateLimitOf(error)
    // The client waits out rate limits (runner/github-api.ts): one that reaches here outlasted its retries.
    if (limit?.kind === 'secondary')
      return (
        `GitHub's secondary rate limit refused ${request} and outlasted the retries` +
        `${limit.retryAfterSeconds === undefined ? '' : ` (GitHub asked to wait ${limit.retryAfterSeconds} s more)`}: ` +
        'too many requests at once, as when many jobs write to GitHub together. Re-run the job later, or spread the jobs out.'
      )
    if (limit?.kind === 'primary')
      return (
        `GitHub's API rate limit of this token is used up, so ${request} was not done` +
        `${limit.resetAt === undefined ? '' : ` (it resets at ${limit.resetAt.toISOString()})`}. Re-run the job after that.`
      )
    if (error.status === 422)
      return `GitHub refused ${request} (HTTP 422): ${firstLine(refusalReasons(error)).replace(/\.?$/, '.')}`
    return (
      `GitHub answered HTTP ${error.status} to ${error.request.method} ${where}: ${firstLine(error.message)}. ` +
      "Check the job's permissions and the github-token input; GitHub may also be having trouble (retry the job)."
    )
  }
  const { service, details } = error as ServiceError
  const status = details.status === undefined ? '' : ` (HTTP ${details.status})`
  const hint = details.hint ? ` ${details.hint}` : ''
  return `${service}${status}: ${firstLine(error.message)}${hint}`
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim()
}
