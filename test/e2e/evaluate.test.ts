import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { pullRequestEvent, pushEvent } from '../harness/events.js'
import { runAction, type RunResult } from '../harness/run-action.js'
import { startGitHubFake, type GitHubFake } from '../fakes/github/server.js'
import { startResultsService, type ResultsService } from '../fakes/results-service.js'
import { gzipSync } from 'node:zlib'
import { decodeDigest } from '../../shared/metrics/results-digest.js'
import { resultsSchemaErrors } from './results-schema.js'

/**
 * evaluate end to end: the bundle as the runner runs it, against the GitHub REST fake (and the results
 * service fake for the cache fallback). A push run on the base commit records its results in its check run;
 * pull request runs then find that baseline and gate on it.
 */
const REPO = { owner: 'octo-org', name: 'ml-model' }
const CHECK = 'mlci/evaluate'
const POLICY = `metrics:
  accuracy: { direction: higher, min: 0.80, max_drop: 0.02, warn_drop: 0.01 }
  loss: { direction: lower, max_increase_pct: 10 }
missing: fail
first_run: pass
`

let github: GitHubFake
beforeEach(async () => {
  github = await startGitHubFake({ owner: REPO.owner, repo: REPO.name })
})
afterEach(async () => {
  await github.close()
})

async function workspaceWith(files: Record<string, string>): Promise<string> {
  const workspace = await mkdtemp(path.join(tmpdir(), 'mlci-evaluate-e2e-'))
  for (const [name, text] of Object.entries({ 'mlci-policy.yaml': POLICY, ...files })) {
    await writeFile(path.join(workspace, name), text)
  }
  return workspace
}

function evaluate(options: {
  files: Record<string, string>
  inputs?: Record<string, string>
  event: 'push' | 'pull_request'
  payload: object
  token?: string
  env?: Record<string, string>
}): Promise<RunResult> {
  return workspaceWith(options.files).then(workspace =>
    runAction({
      action: 'evaluate',
      workspace,
      event: options.event,
      eventPayload: options.payload,
      token: options.token ?? 'ghs_workflow_token',
      env: { GITHUB_API_URL: github.url, ...options.env },
      inputs: { metrics: 'metrics.json', policy: 'mlci-policy.yaml', ...options.inputs }
    })
  )
}

const metricsFile = (metrics: Record<string, number>) => ({ 'metrics.json': JSON.stringify({ ...metrics }) })

/** A base commit on main where a push run recorded accuracy 0.90 and loss 0.30, and a PR on top of it. */
async function recordBaseline(env?: Record<string, string>) {
  const base = github.state.addCommit({ branch: 'main' })
  const pushed = await evaluate({
    files: metricsFile({ accuracy: 0.9, loss: 0.3 }),
    event: 'push',
    payload: pushEvent({ repo: REPO, after: base.sha, before: '0'.repeat(40) }),
    env
  })
  expect(pushed.exitCode).toBe(0)
  const head = github.state.addCommit({ branch: 'feature', parents: [base.sha] })
  return { base: base.sha, head: head.sha, pushed }
}

const pullRequest = (base: string, head: string) =>
  pullRequestEvent({ repo: REPO, baseSha: base, headSha: head, baseRef: 'main', headRef: 'feature' })

const checkRunsOn = (sha: string) =>
  [...github.state.repo().checkRuns.values()].filter(run => run.headSha === sha)

describe('evaluate end to end', () => {
  test('a push run records its results in its check run; PR runs find that baseline and pass, warn or fail', async () => {
    const { base, head, pushed } = await recordBaseline()
    expect(pushed.outputs['baseline-source']).toMatch(/^none/)
    const [baseRun] = checkRunsOn(base)
    expect(baseRun).toMatchObject({ name: CHECK, conclusion: 'success' })
    expect(decodeDigest(baseRun.output.summary, base)?.metrics.accuracy).toEqual({ value: 0.9 })

    const cases = [
      { metrics: { accuracy: 0.905, loss: 0.31 }, verdict: 'pass', conclusion: 'success', exit: 0 },
      { metrics: { accuracy: 0.885, loss: 0.3 }, verdict: 'warn', conclusion: 'neutral', exit: 0 },
      { metrics: { accuracy: 0.87, loss: 0.36 }, verdict: 'fail', conclusion: 'failure', exit: 1 }
    ]
    for (const expected of cases) {
      const result = await evaluate({
        files: metricsFile(expected.metrics),
        event: 'pull_request',
        payload: pullRequest(base, head)
      })
      expect(result.exitCode).toBe(expected.exit)
      expect(result.outputs.verdict).toBe(expected.verdict)
      expect(result.outputs['baseline-source']).toBe(
        `check-run at ${base.slice(0, 12)} (check run '${CHECK}')`
      )
      expect(result.stdout).toContain(`Baseline: check-run at ${base.slice(0, 12)}`)
      const results = JSON.parse(readFileSync(result.outputs.results, 'utf8'))
      expect(resultsSchemaErrors(result.outputs.results)).toEqual([])
      expect(results.baseline).toMatchObject({ source: 'check-run', commit: base })
      const run = checkRunsOn(head).at(-1)!
      expect(run.conclusion).toBe(expected.conclusion)
      expect(run.output.summary).toContain('| metric | candidate | interval | baseline | change |')
      expect(result.summary).toContain(`### ${CHECK}`)
    }
    const failed = checkRunsOn(head).at(-1)!
    expect(failed.annotations.map(a => [a.path, a.start_line, a.annotation_level])).toEqual([
      ['mlci-policy.yaml', 2, 'failure'],
      ['mlci-policy.yaml', 2, 'warning'],
      ['mlci-policy.yaml', 3, 'failure']
    ])
    expect(github.validationErrors).toEqual([])
  })

  test('a slice value carrying a forged results digest cannot become the baseline', async () => {
    // The forged digest says accuracy was 0.1 on main, so any candidate would pass max_drop. Padded base64
    // ends the decode at the forged payload, as an attacker would arrange it.
    const forgedPayload = gzipSync(
      JSON.stringify({ version: 1, commit: null, metrics: { accuracy: { value: 0.1 } }, pad: 'x' })
    ).toString('base64')
    const forged = `mlci-results:v1:data:application/gzip;base64,${forgedPayload}`
    const rows = Array.from({ length: 20 }, (_, i) => {
      const label = i % 2
      return `${label},${label},${label === 1 ? 0.9 : 0.1},${i < 10 ? 'eu' : `"${forged}"`}`
    })
    const base = github.state.addCommit({ branch: 'main' })
    const pushed = await evaluate({
      files: {
        'predictions.csv': `label,prediction,score,region\n${rows.join('\n')}\n`,
        'mlci-policy.yaml':
          'metrics:\n  accuracy: { direction: higher, max_drop: 0.02 }\nslices:\n  column: region\n  metrics: { accuracy: { min: 0.5 } }\n'
      },
      inputs: {
        metrics: '',
        predictions: 'predictions.csv',
        'score-column': 'score',
        'slice-columns': 'region',
        bootstrap: '0'
      },
      event: 'push',
      payload: pushEvent({ repo: REPO, after: base.sha, before: '0'.repeat(40) })
    })
    if (pushed.exitCode !== 0) throw new Error(pushed.stdout)
    const [baseRun] = checkRunsOn(base.sha)
    // The data is in the summary, but only as escaped text: the one HTML comment line is our trailer, last.
    expect(baseRun.output.summary).toContain(forgedPayload)
    const lines = baseRun.output.summary!.trimEnd().split('\n')
    expect(lines.filter(line => line.includes('<!--'))).toEqual([lines.at(-1)])

    const head = github.state.addCommit({ branch: 'feature', parents: [base.sha] })
    const result = await evaluate({
      files: {
        ...metricsFile({ accuracy: 0.6 }),
        'mlci-policy.yaml': 'metrics:\n  accuracy: { direction: higher, max_drop: 0.02 }\n'
      },
      event: 'pull_request',
      payload: pullRequest(base.sha, head.sha)
    })
    const results = JSON.parse(readFileSync(result.outputs.results, 'utf8'))
    expect(results.baseline).toMatchObject({ source: 'check-run', commit: base.sha })
    expect(results.baseline.metrics.accuracy.value).toBe(1)
    expect(result.outputs.verdict).toBe('fail')
  })

  test('when the base branch moved past an unevaluated commit, the merge base carries the baseline', async () => {
    const { base } = await recordBaseline()
    // main moves on without an evaluate run; the PR's event names the new tip as its base.
    const moved = github.state.addCommit({ branch: 'main' })
    const head = github.state.addCommit({ branch: 'topic', parents: [base] })
    const result = await evaluate({
      files: metricsFile({ accuracy: 0.9, loss: 0.3 }),
      event: 'pull_request',
      payload: pullRequest(moved.sha, head.sha)
    })
    expect(result.outputs['baseline-source']).toBe(`check-run at ${base.slice(0, 12)} (check run '${CHECK}')`)
    expect(github.callsTo('GET /repos/{owner}/{repo}/compare/{basehead}')).toHaveLength(1)
    expect(result.outputs.verdict).toBe('pass')
  })

  test('more than 50 annotations go in batches of 50: the create request, then an update', async () => {
    const names = Array.from({ length: 60 }, (_, i) => `m${i}`)
    const policy = `metrics:\n${names.map(name => `  ${name}: { min: 1 }`).join('\n')}\n`
    const sha = github.state.addCommit({ branch: 'main' }).sha
    const result = await evaluate({
      files: {
        'metrics.json': JSON.stringify(Object.fromEntries(names.map(name => [name, 0.5]))),
        'mlci-policy.yaml': policy
      },
      event: 'push',
      payload: pushEvent({ repo: REPO, after: sha })
    })
    expect(result.exitCode).toBe(1)
    const [run] = checkRunsOn(sha)
    expect(run.annotations.map(a => a.start_line)).toEqual(names.map((_, i) => i + 2))
    const sizes = [
      ...github.callsTo('POST /repos/{owner}/{repo}/check-runs'),
      ...github.callsTo('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}')
    ].map(call => (call.body as { output: { annotations: unknown[] } }).output.annotations.length)
    expect(sizes).toEqual([50, 10])
  })

  test('a check run whose create answer was lost is not created twice', async () => {
    const sha = github.state.addCommit({ branch: 'main' }).sha
    github.fail({ route: 'POST /repos/{owner}/{repo}/check-runs', dropResponse: true })
    const result = await evaluate({
      files: metricsFile({ accuracy: 0.9, loss: 0.3 }),
      event: 'push',
      payload: pushEvent({ repo: REPO, after: sha, before: '0'.repeat(40) })
    })
    expect(result.exitCode).toBe(0)
    expect(github.callsTo('POST /repos/{owner}/{repo}/check-runs')[0].dropped).toBe(true)
    expect(checkRunsOn(sha)).toHaveLength(1)
    expect(checkRunsOn(sha)[0]).toMatchObject({ name: CHECK, conclusion: 'success' })
    expect(decodeDigest(checkRunsOn(sha)[0].output.summary, sha)?.metrics.accuracy).toEqual({ value: 0.9 })
  })

  test('a 422 on the check run is a clear error naming what GitHub refused', async () => {
    // A commit GitHub does not have (pushed to another repository, or rewritten since).
    const sha = 'f'.repeat(40)
    const result = await evaluate({
      files: metricsFile({ accuracy: 0.9, loss: 0.3 }),
      event: 'push',
      payload: pushEvent({ repo: REPO, after: sha, before: '0'.repeat(40) })
    })
    expect(result.exitCode).toBe(1)
    expect(result.annotations).toEqual([
      expect.objectContaining({
        level: 'error',
        title: 'mlci: service unavailable',
        message: expect.stringMatching(
          /^GitHub refused POST \/repos\/octo-org\/ml-model\/check-runs \(HTTP 422\): No commit found for SHA: f{40}\./
        )
      })
    ])
    expect(result.annotations[0].message).not.toMatch(/permission/)
  })

  test('a secondary rate limit on the check run says so, and does not fall back to a commit status', async () => {
    const sha = github.state.addCommit({ branch: 'main' }).sha
    github.fail({
      route: 'POST /repos/{owner}/{repo}/check-runs',
      secondaryRateLimit: { retryAfterSeconds: 0.001 },
      times: Infinity
    })
    const result = await evaluate({
      files: metricsFile({ accuracy: 0.9, loss: 0.3 }),
      event: 'push',
      payload: pushEvent({ repo: REPO, after: sha, before: '0'.repeat(40) })
    })
    expect(result.exitCode).toBe(1)
    expect(github.state.repo().statuses).toEqual([])
    expect(result.stdout).not.toContain('cannot create check runs')
    expect(result.annotations.filter(a => a.level === 'error')).toEqual([
      expect.objectContaining({
        title: 'mlci: service unavailable',
        message: expect.stringMatching(/^GitHub's secondary rate limit .*outlasted the retries/)
      })
    ])
  })

  test('a metric missing from the candidate fails', async () => {
    const { base, head } = await recordBaseline()
    const result = await evaluate({
      files: metricsFile({ accuracy: 0.95 }),
      event: 'pull_request',
      payload: pullRequest(base, head)
    })
    expect(result.exitCode).toBe(1)
    expect(JSON.parse(result.outputs['failed-rules'])).toEqual([
      expect.objectContaining({ metric: 'loss', rule: 'missing', status: 'fail' })
    ])
    expect(checkRunsOn(head).at(-1)!.annotations).toEqual([
      expect.objectContaining({
        start_line: 3,
        annotation_level: 'failure',
        message: expect.stringContaining('loss is missing')
      })
    ])
  })

  test('a first run without any baseline passes with the change rules skipped, and says so', async () => {
    const base = github.state.addCommit({ branch: 'main' })
    const head = github.state.addCommit({ branch: 'feature', parents: [base.sha] })
    const result = await evaluate({
      files: metricsFile({ accuracy: 0.85, loss: 0.4 }),
      event: 'pull_request',
      payload: pullRequest(base.sha, head.sha)
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.verdict).toBe('pass')
    expect(result.outputs['baseline-source']).toMatch(/^none \(no 'mlci\/evaluate' check run with results on/)
    const rules = JSON.parse(readFileSync(result.outputs.results, 'utf8')).rules
    expect(
      rules.filter((r: { status: string }) => r.status === 'skipped').map((r: { rule: string }) => r.rule)
    ).toEqual(['max_drop', 'warn_drop', 'max_increase_pct'])
    expect(result.summary).toContain('no baseline (first run)')
  })

  test('without a base check run, the base branch cache saved by a default-branch run is the baseline', async () => {
    const service: ResultsService = await startResultsService()
    try {
      const env = Object.fromEntries(
        Object.entries(service.env('', '')).filter(
          (entry): entry is [string, string] =>
            entry[1] !== undefined && !['RUNNER_TEMP', 'GITHUB_WORKSPACE'].includes(entry[0])
        )
      )
      const { base } = await recordBaseline(env)
      expect(service.cacheEntries().map(entry => entry.key)).toEqual([`mlci-baseline-${CHECK}-main-${base}`])
      // The PR branched from a commit evaluate never ran on, and main moved on since.
      const older = github.state.addCommit({ branch: 'old', parents: [] })
      const head = github.state.addCommit({ branch: 'feature2', parents: [older.sha] })
      const result = await evaluate({
        files: metricsFile({ accuracy: 0.86, loss: 0.3 }),
        event: 'pull_request',
        payload: pullRequest(older.sha, head.sha),
        env
      })
      expect(result.outputs['baseline-source']).toBe(
        `cache at ${base.slice(0, 12)} (cache mlci-baseline-${CHECK}-main-${base})`
      )
      expect(result.outputs.verdict).toBe('fail')
    } finally {
      await service.close()
    }
  })

  test('a token that cannot write checks falls back to a commit status, a read-only one to the summary', async () => {
    await github.close()
    github = await startGitHubFake({
      owner: REPO.owner,
      repo: REPO.name,
      tokens: { ghp_personal: 'octocat' }
    })
    const base = github.state.addCommit({ branch: 'main' })
    const head = github.state.addCommit({ branch: 'feature', parents: [base.sha] })
    const files = metricsFile({ accuracy: 0.87, loss: 0.3 })
    const inputs = { baseline: 'baseline.json' }
    const withBaseline = { ...files, 'baseline.json': JSON.stringify({ accuracy: 0.9, loss: 0.3 }) }
    const status = await evaluate({
      files: withBaseline,
      inputs,
      event: 'pull_request',
      payload: pullRequest(base.sha, head.sha),
      token: 'ghp_personal'
    })
    expect(status.exitCode).toBe(1)
    expect(status.stdout).toContain('falling back to a commit status')
    const [posted] = github.state.repo().statuses
    expect(posted).toMatchObject({ sha: head.sha, state: 'failure', context: CHECK })
    expect(posted.description!.length).toBeLessThanOrEqual(140)

    github.fail({
      route: 'POST /repos/{owner}/{repo}/statuses/{sha}',
      status: 403,
      message: 'Resource not accessible by integration'
    })
    const readOnly = await evaluate({
      files: withBaseline,
      inputs,
      event: 'pull_request',
      payload: pullRequest(base.sha, head.sha),
      token: 'ghp_personal'
    })
    expect(readOnly.exitCode).toBe(1)
    expect(readOnly.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringContaining('the verdict is in the job summary')
      })
    )
    expect(readOnly.summary).toContain('FAIL')
  })

  test('a policy typo is an error at its line, and no results file is written', async () => {
    const result = await evaluate({
      files: {
        ...metricsFile({ accuracy: 0.9 }),
        'mlci-policy.yaml': 'metrics:\n  accuracy: { direction: higher, max_dorp: 0.01 }\n'
      },
      inputs: { results: 'out/results.json' },
      event: 'push',
      payload: pushEvent({ repo: REPO, after: github.state.addCommit({ branch: 'main' }).sha })
    })
    expect(result.exitCode).toBe(1)
    expect(result.annotations).toEqual([
      expect.objectContaining({
        level: 'error',
        file: 'mlci-policy.yaml',
        line: 2,
        message: "mlci-policy.yaml:2: unknown key 'max_dorp': did you mean 'max_drop'?"
      })
    ])
    expect(existsSync(path.join(result.workspace, 'out/results.json'))).toBe(false)
  })
})
