import { afterEach, describe, expect, jest, test } from '@jest/globals'
import { ServiceError } from '../errors/service-error.js'
import { UserError } from '../errors/user-error.js'
import { errorBoundary } from './run-action.js'

/** What the boundary printed: the workflow commands the runner would read. */
async function printed(error: unknown): Promise<string> {
  const lines: string[] = []
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    lines.push(String(chunk))
    return true
  })
  try {
    await errorBoundary(async () => {
      throw error
    })
  } finally {
    write.mockRestore()
  }
  expect(process.exitCode).toBe(1)
  return lines.join('')
}

afterEach(() => {
  process.exitCode = undefined
})

describe('the error boundary', () => {
  test('a UserError is one annotation at its file and line, without a stack', async () => {
    const out = await printed(
      new UserError('policy.yml:3: unknown key', { file: 'policy.yml', line: 3, column: 2 })
    )
    expect(out).toBe('::error title=mlci,file=policy.yml,line=3,col=2::policy.yml:3: unknown key\n')
  })

  test('a ServiceError names the service, its status and what to check, without a stack', async () => {
    const out = await printed(
      new ServiceError('The registry 127.0.0.1:5000', 'refused the upload.', {
        status: 401,
        hint: 'Check username and password.'
      })
    )
    expect(out).toBe(
      '::error title=mlci%3A service unavailable::The registry 127.0.0.1:5000 (HTTP 401): refused the upload. Check username and password.\n'
    )
  })

  test("an HTTP error of Octokit's is GitHub's refusal, not our bug", async () => {
    const error = Object.assign(new Error('Resource not accessible by integration'), {
      name: 'HttpError',
      status: 403,
      request: { method: 'POST', url: 'https://api.github.com/repos/o/r/check-runs?x=1' },
      response: { status: 403 }
    })
    const out = await printed(error)
    expect(out).toMatch(
      /^::error title=mlci%3A service unavailable::GitHub answered HTTP 403 to POST \/repos\/o\/r\/check-runs: Resource not accessible by integration\. Check the job's permissions/
    )
    expect(out).not.toMatch(/ at /)
  })

  test('a request GitHub never answered names the address, not a status it did not send', async () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      name: 'HttpError',
      status: 500,
      request: { method: 'GET', url: 'http://127.0.0.1:9/repos/o/r/commits/abc/check-runs' }
    })
    const out = await printed(error)
    expect(out).toMatch(
      /^::error title=mlci%3A service unavailable::GitHub at 127\.0\.0\.1:9 could not be reached \(GET \/repos\/o\/r\/commits\/abc\/check-runs: connect ECONNREFUSED 127\.0\.0\.1:9\)\. Check GITHUB_API_URL/
    )
    expect(out).not.toMatch(/HTTP 500/)
  })

  test('a rate limit that outlasted the retries says so, not that a permission is missing', async () => {
    const request = { method: 'POST', url: 'https://api.github.com/repos/o/r/issues/1/comments' }
    const secondary = Object.assign(new Error('You have exceeded a secondary rate limit. Please wait.'), {
      name: 'HttpError',
      status: 403,
      request,
      response: { status: 403, headers: { 'retry-after': '60' }, data: {} }
    })
    expect(await printed(secondary)).toMatch(
      /^::error title=mlci%3A service unavailable::GitHub's secondary rate limit refused POST \/repos\/o\/r\/issues\/1\/comments and outlasted the retries \(GitHub asked to wait 60 s more\)/
    )
    const primary = Object.assign(new Error('API rate limit exceeded for installation ID 1.'), {
      name: 'HttpError',
      status: 403,
      request,
      response: { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1800000000' } }
    })
    const out = await printed(primary)
    expect(out).toContain("GitHub's API rate limit of this token is used up")
    expect(out).toContain('2027-01-15T08:00:00.000Z')
    expect(out).not.toMatch(/permission/)
  })

  test("a 422 gives GitHub's reasons, not the documentation link or a permission hint", async () => {
    const error = Object.assign(
      new Error('Validation Failed: {"resource":"CheckRun"} - https://docs.github.com/rest'),
      {
        name: 'HttpError',
        status: 422,
        request: { method: 'PATCH', url: 'https://api.github.com/repos/o/r/check-runs/5' },
        response: {
          status: 422,
          headers: {},
          data: {
            message: 'Validation Failed',
            errors: [{ resource: 'CheckRun', field: 'annotations', code: 'invalid' }, 'Title is too long']
          }
        }
      }
    )
    expect(await printed(error)).toBe(
      '::error title=mlci%3A service unavailable::GitHub refused PATCH /repos/o/r/check-runs/5 (HTTP 422): CheckRun.annotations invalid; Title is too long.\n'
    )
  })

  test('anything else is a bug: its stack and the request to report it', async () => {
    const out = await printed(new TypeError('x is undefined'))
    expect(out).toMatch(/^::error title=mlci%3A internal error::TypeError: x is undefined%0A {4}at /)
    expect(out).toMatch(/This is a bug in mlci, not in your workflow/)
  })
})
