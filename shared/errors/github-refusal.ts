/**
 * What an error answer of GitHub's REST API says, read from Octokit's `HttpError` (`status`, `response.headers`,
 * `response.data`): is it a rate limit, and which reasons does a 422 give. Shared by the error boundary, which
 * words the step's failure, and the GitHub client's callers, which must not mistake a rate limit for a
 * missing permission (both are 403s).
 */

interface ErrorAnswer {
  status?: unknown
  message?: unknown
  response?: { headers?: Record<string, string | undefined>; data?: unknown }
}

export interface RateLimit {
  /** secondary: too many requests at once (`retry-after`); primary: the hourly quota is used up. */
  kind: 'secondary' | 'primary'
  /** How long GitHub asked to wait (secondary), in seconds. */
  retryAfterSeconds?: number
  /** When the quota comes back (primary). */
  resetAt?: Date
}

/**
 * GitHub's rate limit, recognised as @octokit/plugin-throttling does: a 403 or 429 whose message names a
 * secondary rate limit, or with `x-ratelimit-remaining: 0`. Undefined for any other error.
 */
export function rateLimitOf(error: unknown): RateLimit | undefined {
  const { status, message, response } = (error ?? {}) as ErrorAnswer
  if (status !== 403 && status !== 429) return undefined
  const headers = response?.headers ?? {}
  if (typeof message === 'string' && /\bsecondary rate\b/i.test(message)) {
    const retryAfter = Number(headers['retry-after'])
    return { kind: 'secondary', retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined }
  }
  if (headers['x-ratelimit-remaining'] === '0') {
    const reset = Number(headers['x-ratelimit-reset'])
    return { kind: 'primary', resetAt: Number.isFinite(reset) ? new Date(reset * 1000) : undefined }
  }
  return undefined
}

/**
 * Why GitHub refused a request's content (a 422): the `message` of each entry of `errors`, or
 * `resource.field code` when an entry has none, else the answer's own message. Never the documentation link
 * Octokit appends to its error message.
 */
export function refusalReasons(error: unknown): string {
  const { message, response } = (error ?? {}) as ErrorAnswer
  const data = (response?.data ?? {}) as { message?: unknown; errors?: unknown }
  const entries = Array.isArray(data.errors) ? (data.errors as unknown[]) : []
  const reasons = entries.map(entry => {
    if (typeof entry === 'string') return entry
    const { message: text, resource, field, code } = (entry ?? {}) as Record<string, unknown>
    if (typeof text === 'string' && text !== '') return text
    return (
      [resource, field].filter(part => typeof part === 'string').join('.') + (code ? ` ${String(code)}` : '')
    )
  })
  if (reasons.length > 0) return reasons.join('; ')
  if (typeof data.message === 'string' && data.message !== '') return data.message
  return typeof message === 'string' ? message.replace(/ - https:\/\/\S+$/, '') : 'no reason given'
}
