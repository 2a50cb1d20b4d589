import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { deployWorkspace, COMMAND_TARGET } from '../deploy/fixtures.js'
import { startGitHubFake, type GitHubFake } from '../fakes/github/server.js'
import { writeZip } from '../fakes/zip-writer.js'
import { pullRequestEvent, pushEvent, workflowRunEvent } from '../harness/events.js'
import { REPO_ROOT, runAction, type RunOptions } from '../harness/run-action.js'
import { startSigstoreFakes } from '../fakes/sigstore/index.js'
import { eventKind, needsOf, requiredGrants, ROUTE_PERMISSIONS, withDefaults } from './github-permissions.js'

/**
 * The permission table of github-permissions.ts held to what the actions really call: statically, every
 * `.rest.<namespace>.<method>` in shared/ and actions/*\/src resolves (through Octokit's own endpoint table) to a
 * route the table maps; and through the bundles, every route the GitHub fake sees from an action is one that
 * needsOf() predicts for the inputs and event of that run.
 */

const OWNER = 'octo-org'
const REPO = 'models'

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter(file => /\.ts$/.test(file) && !/\.test\.ts$|\.d\.ts$/.test(file))
    .map(file => path.join(REPO_ROOT, dir, file))
}

describe('the route → permission table', () => {
  test('maps every REST method the code calls (client.rest.<namespace>.<method>)', () => {
    const octokit = getOctokit('unused') as unknown as {
      rest: Record<string, Record<string, { endpoint: { DEFAULTS: { method: string; url: string } } }>>
    }
    const files = [
      ...sourceFiles('shared'),
      ...readdirSync(path.join(REPO_ROOT, 'actions')).flatMap(name => sourceFiles(`actions/${name}/src`))
    ]
    const calls = new Map<string, string>()
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\.rest\.(\w+)\.(\w+)\b/g)) {
        const endpoint = octokit.rest[match[1]]?.[match[2]]?.endpoint.DEFAULTS
        const route = endpoint ? `${endpoint.method} ${endpoint.url}` : `unknown rest.${match[1]}.${match[2]}`
        calls.set(route, path.relative(REPO_ROOT, file))
      }
    }
    expect(calls.size).toBeGreaterThan(10)
    const unmapped = [...calls].filter(([route]) => ROUTE_PERMISSIONS[route] === undefined)
    expect(unmapped).toEqual([])
  })

  test('maps every route the GitHub fake serves', () => {
    const subset = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'test/fakes/github/openapi-subset.json'), 'utf8')
    ) as { operations: Record<string, unknown> }
    expect(Object.keys(subset.operations).filter(route => ROUTE_PERMISSIONS[route] === undefined)).toEqual([])
  })
})

describe('the routes each bundle calls are those needsOf() predicts', () => {
  let fake: GitHubFake
  const dirs: string[] = []
  beforeAll(async () => {
    fake = await startGitHubFake({ owner: OWNER, repo: REPO })
  })
  afterAll(async () => {
    await fake?.close()
    await Promise.all(dirs.map(dir => rm(dir, { recursive: true, force: true })))
  })

  async function workspace(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'mlci-routes-'))
    dirs.push(dir)
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text)
    return dir
  }

  /** Runs the step, and returns the routes it called that needsOf() does not predict (and its exit code). */
  async function unpredicted(options: RunOptions & { event: string }) {
    const from = fake.calls.length
    const result = await runAction({
      token: 'ghs_job_token',
      ...options,
      env: { ...options.env, GITHUB_API_URL: fake.url }
    })
    const seen = new Set(fake.calls.slice(from).map(call => call.route ?? `${call.method} ${call.path}`))
    const inputs = withDefaults(options.action, options.inputs ?? {}, REPO_ROOT)
    const predicted = new Set(
      needsOf(options.action, inputs, eventKind(options.event)).routes.map(r => r.route)
    )
    return {
      exitCode: result.exitCode,
      seen: [...seen].sort(),
      unpredicted: [...seen].filter(route => !predicted.has(route)),
      log: result.stdout
    }
  }

  function pullRequest() {
    const base = fake.state.addCommit({ branch: 'main' })
    const head = fake.state.addCommit({ branch: 'feature', parents: [base.sha] })
    return pullRequestEvent({
      repo: { owner: OWNER, name: REPO },
      baseSha: base.sha,
      headSha: head.sha,
      baseRef: 'main',
      headRef: 'feature'
    })
  }

  test('evaluate on a pull request: check run, baseline from the base commit and merge base', async () => {
    const dir = await workspace({ 'metrics.json': '{"accuracy": 0.91}' })
    const run = await unpredicted({
      action: 'evaluate',
      workspace: dir,
      inputs: { metrics: 'metrics.json' },
      event: 'pull_request',
      eventPayload: pullRequest()
    })
    expect(run.exitCode).toBe(0)
    expect(run.seen).toContain('POST /repos/{owner}/{repo}/check-runs')
    expect(run.seen).toContain('GET /repos/{owner}/{repo}/compare/{basehead}')
    expect(run.unpredicted).toEqual([])
  })

  test('evaluate with a token that cannot write checks: the commit-status fallback is predicted (optional)', async () => {
    const dir = await workspace({ 'metrics.json': '{"accuracy": 0.91}' })
    fake.fail({
      route: 'POST /repos/{owner}/{repo}/check-runs',
      status: 403,
      message: 'Resource not accessible by integration'
    })
    const run = await unpredicted({
      action: 'evaluate',
      workspace: dir,
      inputs: { metrics: 'metrics.json', baseline: 'none' },
      event: 'pull_request',
      eventPayload: pullRequest()
    })
    expect(run.exitCode).toBe(0)
    expect(run.seen).toContain('POST /repos/{owner}/{repo}/statuses/{sha}')
    expect(run.unpredicted).toEqual([])
  })

  test('validate-data with check-name', async () => {
    const dir = await workspace({ 'data.csv': 'id,x\n1,2\n2,3\n' })
    const run = await unpredicted({
      action: 'validate-data',
      workspace: dir,
      inputs: { data: 'data.csv', 'check-name': 'data quality' },
      event: 'pull_request',
      eventPayload: pullRequest()
    })
    expect(run.exitCode).toBe(0)
    expect(run.seen).toContain('POST /repos/{owner}/{repo}/check-runs')
    expect(run.unpredicted).toEqual([])
  })

  test('metric-diff on a pull request: baseline, history chart and the sticky comment', async () => {
    const pull = fake.state.addPull({ head: 'topic' })
    const event = pullRequestEvent({
      repo: { owner: OWNER, name: REPO },
      number: pull.number,
      baseSha: pull.base.sha,
      headSha: pull.head.sha,
      headRef: 'topic'
    })
    const dir = await workspace({ 'metrics.json': '{"accuracy": 0.91}' })
    const run = await unpredicted({
      action: 'metric-diff',
      workspace: dir,
      inputs: { metrics: 'metrics.json' },
      event: 'pull_request',
      eventPayload: event
    })
    expect(run.exitCode).toBe(0)
    expect(run.seen).toContain('GET /repos/{owner}/{repo}/commits')
    expect(run.seen).toContain('POST /repos/{owner}/{repo}/issues/{issue_number}/comments')
    expect(run.unpredicted).toEqual([])
  })

  test('metric-diff mode post in a workflow_run workflow: artifact, pull request, baseline, comment', async () => {
    const pull = fake.state.addPull({ head: 'retrain', user: 'fork-owner' })
    const runId = 5151
    const report = {
      version: 1,
      commentKey: 'model-metrics',
      pullNumber: pull.number,
      headSha: pull.head.sha,
      comparison: { baselineSource: 'none', baseline: {}, candidate: { accuracy: { value: 0.95 } } }
    }
    fake.state.addArtifact({
      runId,
      name: 'mlci-metric-diff-model-metrics',
      zip: writeZip([{ name: 'report.json', data: JSON.stringify(report) }]),
      headSha: pull.head.sha
    })
    const run = await unpredicted({
      action: 'metric-diff',
      workspace: await workspace({}),
      inputs: { mode: 'post' },
      event: 'workflow_run',
      eventPayload: workflowRunEvent({
        id: runId,
        headSha: pull.head.sha,
        repo: { owner: OWNER, name: REPO }
      })
    })
    expect(run.exitCode).toBe(0)
    expect(run.seen).toContain('GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts')
    expect(run.unpredicted).toEqual([])
  })

  test('deploy recording its GitHub deployment', async () => {
    const dir = await deployWorkspace()
    dirs.push(dir)
    const run = await unpredicted({
      action: 'deploy',
      workspace: dir,
      inputs: { 'model-uri': 'oci://127.0.0.1/models/churn:v2', stages: '100%', ...COMMAND_TARGET },
      event: 'push',
      eventPayload: pushEvent({
        after: fake.state.repo().branches.get('main'),
        repo: { owner: OWNER, name: REPO }
      })
    })
    expect(run.exitCode).toBe(0)
    expect(run.seen).toContain('POST /repos/{owner}/{repo}/deployments')
    expect(run.unpredicted).toEqual([])
  })

  test("evaluate and metric-diff on a push: the previous commit's check run, the history of the branch", async () => {
    const before = fake.state.repo().branches.get('main')!
    const after = fake.state.addCommit({ branch: 'main' }).sha
    const event = pushEvent({ before, after, repo: { owner: OWNER, name: REPO } })
    const dir = await workspace({ 'metrics.json': '{"accuracy": 0.91}' })
    const evaluate = await unpredicted({
      action: 'evaluate',
      workspace: dir,
      inputs: { metrics: 'metrics.json', results: 'results.json' },
      event: 'push',
      eventPayload: event
    })
    expect(evaluate.exitCode).toBe(0)
    expect(evaluate.seen).toContain('GET /repos/{owner}/{repo}/commits/{ref}/check-runs')
    expect(evaluate.unpredicted).toEqual([])
    const diff = await unpredicted({
      action: 'metric-diff',
      workspace: dir,
      inputs: { results: 'results.json' },
      event: 'push',
      eventPayload: event
    })
    expect(diff.exitCode).toBe(0)
    expect(diff.seen).toContain('GET /repos/{owner}/{repo}/commits')
    expect(diff.unpredicted).toEqual([])
  })

  test('publish calls no GitHub API (its ghcr.io need, packages: write, is the registry login)', async () => {
    const dir = await workspace({ 'model.bin': 'weights' })
    const run = await unpredicted({
      action: 'publish',
      workspace: dir,
      inputs: { model: 'model.bin', destination: 'oci-layout://layout' },
      event: 'push',
      eventPayload: pushEvent({ repo: { owner: OWNER, name: REPO } })
    })
    expect(run.exitCode).toBe(0)
    expect(run.seen).toEqual([])
  })

  test('publish with attest: true stores its signed statements (attestations: write), having signed with the id-token', async () => {
    const sigstore = await startSigstoreFakes({
      repository: `${OWNER}/${REPO}`,
      workflowPath: '.github/workflows/release.yml'
    })
    try {
      const dir = await workspace({
        'model.bin': 'weights',
        'metrics.json': '{"accuracy": 0.9}',
        'policy.yml': 'metrics:\n  accuracy: { direction: higher, min: 0.8 }\n'
      })
      const evaluated = await runAction({
        action: 'evaluate',
        workspace: dir,
        inputs: {
          metrics: 'metrics.json',
          policy: 'policy.yml',
          baseline: 'none',
          'check-name': '',
          results: 'results.json'
        }
      })
      expect(evaluated.exitCode).toBe(0)
      const inputs = {
        model: 'model.bin',
        destination: 'oci-layout://layout',
        results: 'results.json',
        attest: 'true',
        'sigstore-fulcio-url': sigstore.fulcio.url,
        'sigstore-rekor-url': sigstore.rekor.url
      }
      const run = await unpredicted({
        action: 'publish',
        workspace: dir,
        inputs,
        event: 'push',
        eventPayload: pushEvent({ repo: { owner: OWNER, name: REPO } }),
        env: sigstore.env
      })
      expect(run.exitCode).toBe(0)
      expect(run.seen).toEqual(['POST /repos/{owner}/{repo}/attestations'])
      expect(run.unpredicted).toEqual([])
      // The OIDC token is no REST route: the id-token grant is predicted as a need of its own.
      const grants = requiredGrants(needsOf('publish', withDefaults('publish', inputs, REPO_ROOT), 'push'))
      expect(grants.flatMap(grant => grant.anyOf)).toEqual(
        expect.arrayContaining([
          { scope: 'attestations', level: 'write' },
          { scope: 'id-token', level: 'write' }
        ])
      )
    } finally {
      await sigstore.close()
    }
  })
})
