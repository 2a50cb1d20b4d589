import * as core from '@actions/core'
import * as log from './log.js'
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { rateLimitOf } from '../errors/github-refusal.js'
import { ServiceError } from '../errors/service-error.js'
import { requireToken } from './github-token.js'

import type { GitHubClient } from '../github/github-client.js'

export type { GitHubClient }

export interface ClientOptions {
  /** Defaults to GITHUB_API_URL, read when the client is made, so GitHub Enterprise Server works. */
  baseUrl?: string
  /** How many times a 5xx, a network error or a rate limit is retried. */
  retries?: number
  /** Base wait before a retry, in ms; @octokit/plugin-retry waits retryCount² times this. */
  retryBaseMs?: number
}

/**
 * The one GitHub client of mlci: Octokit from @actions/github with retries (5xx and network errors)
 * and throttling (primary and secondary rate limits, honouring retry-after). The token is masked first,
 * so it cannot reach a log even through a debug line.
 */
export function createGitHubClient(token: string, options: ClientOptions = {}): GitHubClient {
  if (token === '') throw new Error('createGitHubClient needs a token: use requireGitHubClient for an input')
  core.setSecret(token)
  const retries = options.retries ?? 3
  return getOctokit(
    token,
    {
      baseUrl: options.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com',
      // 409 joins Octokit's list: GitHub answers it for conflicts (a deployment blocked by failing checks)
      // that a retry cannot clear.
      retry: {
        retries,
        retryAfterBaseValue: options.retryBaseMs ?? 1000,
        doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451]
      },
      throttle: {
        onRateLimit: (
          retryAfter: number,
          request: { method: string; url: string },
          _octokit: unknown,
          count: number
        ) => {
          log.warning`GitHub rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s.`
          return count < retries
        },
        onSecondaryRateLimit: (
          retryAfter: number,
          request: { method: string; url: string },
          _octokit: unknown,
          count: number
        ) => {
          log.warning`GitHub secondary rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s.`
          return count < retries
        }
      }
    },
    retry,
    throttling
  )
}

/** The client for a GitHub feature the workflow asked for; an empty token is the user's mistake (requireToken). */
export function requireGitHubClient(token: string, feature: string, permission: string): GitHubClient {
  return createGitHubClient(requireToken(token, feature, permission))
}

/**
 * GitHub refused for want of a permission (403) or hid the resource from this token (404). A rate limit is a 403
 * too, but says nothing about permissions: it is not one (a fallback to a commit status or a warning to grant a
 * permission would both be wrong).
 */
export function isPermissionError(error: unknown): boolean {
  const status = (error as { status?: number } | null)?.status
  return (status === 403 && rateLimitOf(error) === undefined) || status === 404
}

/**
 * A refusal turned into what to do: a 403/404 becomes a ServiceError naming the permission to grant; any other
 * error passes through unchanged (the boundary reports an HTTP error of GitHub's as a ServiceError itself).
 */
export function explainRefusal(error: unknown, what: string, permission: string): unknown {
  if (!isPermissionError(error)) return error
  const status = (error as { status: number }).status
  return new ServiceError('GitHub', `GitHub refused to ${what}.`, {
    status,
    hint: `Give the job 'permissions: ${permission}', and check that github-token is the job's token.`
  })
}

/**
 * GitHub did not answer, answered with a server error, or held us off with a rate limit (after the client's
 * retries): a lookup must not read that as "nothing there" — a gate would then run without its baseline — so
 * the step fails as a ServiceError.
 */
export function isGitHubUnavailable(error: unknown): boolean {
  return isNoAnswer(error) || rateLimitOf(error) !== undefined
}

/** No answer at all, or a server error: GitHub may or may not have done what was asked. */
export function isNoAnswer(error: unknown): boolean {
  const { status, response } = (error ?? {}) as { status?: unknown; response?: unknown }
  return typeof status === 'number' && (status >= 500 || response === undefined)
}
