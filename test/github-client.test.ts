import { afterEach, beforeEach, expect, jest, test } from '@jest/globals'
import { createGitHubClient, type GitHubClient } from '../shared/runner/github-api.js'
import { startGitHubFake, type GitHubFake } from './fakes/github/server.js'

// How shared/github/client.ts behaves when GitHub misbehaves, against the OpenAPI-checked fake.
// retryBaseMs is 1, so 5xx retries wait 1, 4 and 9 ms; rate limits wait what GitHub's headers say.

const owner = 'octo-org'
const repo = 'ml-model'
const PULL = 'GET /repos/{owner}/{repo}/pulls/{pull_number}'
let fake: GitHubFake
let octokit: GitHubClient
let stdout: string[]

beforeEach(async () => {
  fake = await startGitHubFake({ owner, repo })
  fake.state.addPull({ head: 'retrain', title: 'Retrain churn model' })
  octokit = createGitHubClient('ghs_fake_installation_token', { baseUrl: fake.url, retryBaseMs: 1 })
  // @actions/core writes ::warning:: commands to stdout; keep them to assert on and out of the test log.
  stdout = []
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    stdout.push(String(chunk))
    return true
  })
})

afterEach(async () => {
  jest.restoreAllMocks()
  await fake.close()
})

const statuses = (route: string) => fake.callsTo(route).map(call => call.status)

test('a 502 is retried and the second attempt succeeds', async () => {
  fake.fail({ route: PULL, status: 502 })

  const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: 1 })

  expect(data.title).toBe('Retrain churn model')
  expect(statuses(PULL)).toEqual([502, 200])
})

test('a 500 that outlasts the retries surfaces after 1 + 3 attempts', async () => {
  fake.fail({ route: PULL, status: 500, message: 'Server Error', times: Infinity })

  await expect(octokit.rest.pulls.get({ owner, repo, pull_number: 1 })).rejects.toMatchObject({
    status: 500,
    message: expect.stringContaining('Server Error')
  })
  expect(statuses(PULL)).toEqual([500, 500, 500, 500])
})

test('a secondary rate limit is waited out (retry-after: 1) and retried by the throttling plugin', async () => {
  // retry-after: 0 would not do: plugin-throttling reads `Number(header) || 60` and waits a minute.
  fake.fail({ route: PULL, secondaryRateLimit: { retryAfterSeconds: 1 } })
  const started = Date.now()

  const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: 1 })

  expect(data.number).toBe(1)
  expect(statuses(PULL)).toEqual([403, 200])
  expect(fake.callsTo(PULL)[0]?.response).toMatchObject({
    message: expect.stringMatching(/^You have exceeded a secondary rate limit/)
  })
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
  expect(stdout.join('')).toContain(
    '::warning::GitHub secondary rate limit on GET /repos/{owner}/{repo}/pulls/{pull_number}; retrying in 1s.'
  )
})

test('an exhausted primary rate limit is waited out until x-ratelimit-reset', async () => {
  fake.fail({ route: PULL, primaryRateLimit: { resetInSeconds: 0 } })

  await octokit.rest.pulls.get({ owner, repo, pull_number: 1 })

  expect(statuses(PULL)).toEqual([403, 200])
  expect(stdout.join('')).toContain('::warning::GitHub rate limit on GET')
})

test('a secondary rate limit that persists gives up after the retry count', async () => {
  // A fractional retry-after keeps this fast; GitHub sends whole seconds.
  fake.fail({ route: PULL, secondaryRateLimit: { retryAfterSeconds: 0.001 }, times: Infinity })

  await expect(octokit.rest.pulls.get({ owner, repo, pull_number: 1 })).rejects.toMatchObject({ status: 403 })
  expect(statuses(PULL)).toEqual([403, 403, 403, 403])
})

test('a 422 from validation is not retried', async () => {
  const sha = fake.state.repo().branches.get('main')!

  const attempt = octokit.rest.checks.create({
    owner,
    repo,
    name: 'model-eval',
    head_sha: sha,
    status: 'done' as 'completed'
  })

  await expect(attempt).rejects.toMatchObject({ status: 422 })
  expect(statuses('POST /repos/{owner}/{repo}/check-runs')).toEqual([422])
  expect(fake.validationErrors).toHaveLength(1)
})

test('an injected 422 on a read is not retried either', async () => {
  fake.fail({ route: PULL, status: 422 })

  await expect(octokit.rest.pulls.get({ owner, repo, pull_number: 1 })).rejects.toMatchObject({ status: 422 })
  expect(statuses(PULL)).toEqual([422])
})

test('a slow response is waited for', async () => {
  fake.fail({ route: PULL, delayMs: 300 })
  const started = Date.now()

  await octokit.rest.pulls.get({ owner, repo, pull_number: 1 })

  expect(Date.now() - started).toBeGreaterThanOrEqual(300)
  expect(statuses(PULL)).toEqual([200])
})
