import { STATUS_CODES } from 'node:http'
import type { Reply } from './route.js'
import type { GitHubState } from './state.js'

/** Which requests a fault applies to, and how many times (default once; `Infinity` for every match). */
interface FaultMatch {
  method?: string
  /** The request path, exactly or by pattern, e.g. `/repos/octo-org/ml-model/pulls/1`. */
  path?: string | RegExp
  /** The operation, e.g. `GET /repos/{owner}/{repo}/pulls/{pull_number}`. */
  route?: string
  times?: number
}

export type Fault = FaultMatch &
  /** GitHub's error shape; `errors` as a 422 carries them (`{ resource, field, code, message }`). */
  (
    | { status: number; message?: string; errors?: Record<string, string>[] }
    /** 403 with `retry-after`, GitHub's answer to bursts of writes or concurrent requests. */
    | { secondaryRateLimit: { retryAfterSeconds: number } }
    /** 403 with `x-ratelimit-remaining: 0`, the hourly quota running out. */
    | { primaryRateLimit: { resetInSeconds: number } }
    /** Answers normally, only late. */
    | { delayMs: number }
    /**
     * Another client's change lands just before this request (a comment deleted between our list and our
     * update): `change` edits the state, then the route answers as GitHub would.
     */
    | { interleave: (state: GitHubState) => void }
    /**
     * The route runs and changes the state, then the connection drops without an answer (a reset after
     * GitHub committed the write): the client cannot tell whether its request happened.
     */
    | { dropResponse: true }
  )

/** A fault that answers instead of the route. */
export type Failure = Extract<
  Fault,
  { status: number } | { secondaryRateLimit: unknown } | { primaryRateLimit: unknown }
>

const isFailure = (fault: Fault): fault is Failure =>
  'status' in fault || 'secondaryRateLimit' in fault || 'primaryRateLimit' in fault

/** Faults armed by a test, consumed by the requests they match in order. */
export class FaultQueue {
  private readonly armed: { fault: Fault; remaining: number }[] = []

  add(fault: Fault): void {
    this.armed.push({ fault, remaining: fault.times ?? 1 })
  }

  /** The total delay of matching delay faults, consuming one use of each. */
  takeDelay(method: string, path: string, route: string | undefined): number {
    let total = 0
    for (const entry of this.matching(method, path, route)) {
      if (!('delayMs' in entry.fault)) continue
      entry.remaining--
      total += entry.fault.delayMs
    }
    return total
  }

  /** The first matching failure, consuming one use of it. */
  takeFailure(method: string, path: string, route: string | undefined): Failure | undefined {
    const entry = this.matching(method, path, route).find(candidate => isFailure(candidate.fault))
    if (entry === undefined) return undefined
    entry.remaining--
    return entry.fault as Failure
  }

  /** The changes of matching interleave faults, in the order they were armed, consuming one use of each. */
  takeInterleaved(method: string, path: string, route: string | undefined): ((state: GitHubState) => void)[] {
    const changes: ((state: GitHubState) => void)[] = []
    for (const entry of this.matching(method, path, route)) {
      if (!('interleave' in entry.fault)) continue
      entry.remaining--
      changes.push(entry.fault.interleave)
    }
    return changes
  }

  /** Whether a drop fault matches, consuming one use of it. */
  takeDrop(method: string, path: string, route: string | undefined): boolean {
    const entry = this.matching(method, path, route).find(candidate => 'dropResponse' in candidate.fault)
    if (entry === undefined) return false
    entry.remaining--
    return true
  }

  private matching(method: string, path: string, route: string | undefined) {
    return this.armed.filter(({ fault, remaining }) => {
      if (remaining <= 0) return false
      if (fault.method !== undefined && fault.method.toUpperCase() !== method) return false
      if (fault.route !== undefined && fault.route !== route) return false
      if (typeof fault.path === 'string' && fault.path !== path) return false
      if (fault.path instanceof RegExp && !fault.path.test(path)) return false
      return true
    })
  }
}

/** Faults answer as GitHub does; they are marked so they are not held against the description. */
export function injectedReply(fault: Failure, requestId: string): Reply & { injected: true } {
  if ('secondaryRateLimit' in fault) {
    return {
      status: 403,
      injected: true,
      headers: { 'retry-after': String(fault.secondaryRateLimit.retryAfterSeconds) },
      body: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
          `If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
        documentation_url:
          'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        status: '403'
      }
    }
  }
  if ('primaryRateLimit' in fault) {
    return {
      status: 403,
      injected: true,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + fault.primaryRateLimit.resetInSeconds)
      },
      body: {
        message: 'API rate limit exceeded for installation ID 1.',
        documentation_url:
          'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits',
        status: '403'
      }
    }
  }
  const message =
    fault.message ?? (fault.status === 422 ? 'Validation Failed' : (STATUS_CODES[fault.status] ?? 'Error'))
  return {
    status: fault.status,
    injected: true,
    body: {
      message,
      ...(fault.errors === undefined ? {} : { errors: fault.errors }),
      documentation_url: 'https://docs.github.com/rest',
      status: String(fault.status)
    }
  }
}
