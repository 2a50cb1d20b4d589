import { errorKind, isOctokitError } from '../errors/error-kind.js'
import type { ServiceError } from '../errors/service-error.js'
import type { UserError } from '../errors/user-error.js'
import { displayPath } from '../io/display-path.js'
import * as log from './log.js'

const BUG_REPORT = 'This is a bug in mlci, not in your workflow: please report it with this log.'

/**
 * The error boundary every entry point runs its work in, the one place where an error becomes what the user
 * sees (see `errors/error-kind.ts`): a UserError is one annotation at its file:line, a ServiceError one annotation
 * naming the service, neither with a stack; anything else is a bug and keeps its stack. The step fails either way.
 */
export async function errorBoundary(work: () => Promise<void>): Promise<void> {
  try {
    await work()
  } catch (error) {
    await reportFailure(error)
  }
}

async function reportFailure(error: unknown): Promise<void> {
  process.exitCode = 1
  switch (errorKind(error)) {
    case 'user': {
      const { file, line, column } = (error as UserError).location
      log.error(log.text`${(error as UserError).message}`, {
        title: 'mlci',
        file:
          file === undefined ? undefined : displayPath(file, process.env.GITHUB_WORKSPACE || process.cwd()),
        startLine: line,
        startColumn: line === undefined ? undefined : column
      })
      return
    }
    case 'service':
      log.error(log.text`${describeServiceFailure(error as ServiceError)}`, {
        title: 'mlci: service unavailable'
      })
      return
    case 'bug': {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
      log.error(log.text`${log.lines(detail)}\n${BUG_REPORT}`, { title: 'mlci: internal error' })
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
