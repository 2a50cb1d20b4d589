import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { pushEvent } from '../harness/events.js'
import { runAction, startAction, type RunOptions } from '../harness/run-action.js'
import { startGitHubFake, type GitHubFake } from '../fakes/github/server.js'
import { COMMAND_TARGET, deployWorkspace, targetLog } from './fixtures.js'

/**
 * The deploy action through the harness against the GitHub fake: the deployment and its statuses, the
 * post step rolling back a killed main step.
 */
const OWNER = 'octo-org'
const REPO = 'models'

/** A metrics command (run with node, no shell): latency samples for canary and baseline. */
const metricsScript = (canaryCenter: number) => `
const sample = (center, seed) => Array.from({ length: 40 }, (_, k) => center * (1 + 0.05 * Math.sin(k * 1.7 + seed)))
console.log(JSON.stringify({ latency: { canary: sample(${canaryCenter}, 1), baseline: sample(0.1, 2) } }))
`
const ANALYSIS =
  'provider: { command: [node, metrics.mjs] }\nmetrics:\n  - { name: latency, direction: increase }\n'

let fake: GitHubFake
let head: string
beforeAll(async () => {
  // The job's token and the seeding token act as the workflow's identity; mallory writes deployments too.
  fake = await startGitHubFake({
    owner: OWNER,
    repo: REPO,
    tokens: { ghs_job_token: 'github-actions[bot]', seed: 'github-actions[bot]', mallory_pat: 'mallory' }
  })
  head = fake.state.repo().branches.get('main')!
})
afterAll(async () => fake?.close())

/** Unthrottled calls for seeding: the action's client is the one under test. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the fake, checked by the assertions
async function api(method: string, path: string, body?: unknown, token = 'seed'): Promise<any> {
  const response = await fetch(`${fake.url}/repos/${OWNER}/${REPO}${path}`, {
    method,
    headers: {
      authorization: `token ${token}`,
      'content-type': 'application/json',
      accept: 'application/vnd.github+json'
    },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  return response.json()
}

function options(workspace: string, inputs: Record<string, string>): RunOptions {
  return {
    action: 'deploy',
    workspace,
    token: 'ghs_job_token',
    event: 'push',
    eventPayload: pushEvent({ after: head, repo: { owner: OWNER, name: REPO } }),
    env: { GITHUB_API_URL: fake.url },
    inputs: {
      'model-uri': 'oci://127.0.0.1/models/churn:v2',
      environment: 'production',
      'environment-url': 'https://churn.example.com',
      analysis: 'analysis.yml',
      interval: '1s',
      ...COMMAND_TARGET,
      ...inputs
    }
  }
}

describe('GitHub deployments', () => {
  test('records the rollout: created without auto-merge, in_progress → success, the previous one inactive', async () => {
    const previous = await api('POST', '/deployments', {
      ref: 'main',
      environment: 'production',
      required_contexts: [],
      auto_merge: false,
      payload: { model_uri: 'oci://127.0.0.1/models/churn:v1', tool: 'mlci/deploy' }
    })
    await api('POST', `/deployments/${previous.id}/statuses`, { state: 'success' })
    const workspace = await deployWorkspace({ 'analysis.yml': ANALYSIS, 'metrics.mjs': metricsScript(0.1) })

    const result = await runAction(options(workspace, { stages: '50%:1s, 100%' }))
    expect(result.annotations).toEqual([])
    expect(result.exitCode).toBe(0)
    const id = Number(result.outputs['deployment-id'])
    const [created] = fake
      .callsTo('POST /repos/{owner}/{repo}/deployments')
      .filter(call => call.status === 201)
      .slice(-1)
    expect(created.body).toEqual({
      ref: head,
      environment: 'production',
      auto_merge: false,
      required_contexts: [],
      description: 'mlci canary rollout of oci://127.0.0.1/models/churn:v2',
      payload: { model_uri: 'oci://127.0.0.1/models/churn:v2', tool: 'mlci/deploy' }
    })
    const statuses = await api('GET', `/deployments/${id}/statuses`)
    expect(statuses.map((status: { state: string }) => status.state)).toEqual(['success', 'in_progress'])
    expect(statuses[0]).toMatchObject({
      log_url: 'https://github.com/octo-org/models/actions/runs/1658821493/attempts/1',
      environment_url: 'https://churn.example.com'
    })
    const previousStatuses = await api('GET', `/deployments/${previous.id}/statuses`)
    expect(previousStatuses[0].state).toBe('inactive')
    // The model to roll back to came from the previous deployment's payload.
    expect(await targetLog(workspace)).toEqual([
      'deploy stage=1 traffic=50 model=oci://127.0.0.1/models/churn:v2 environment=production previous=oci://127.0.0.1/models/churn:v1',
      'deploy stage=2 traffic=100 model=oci://127.0.0.1/models/churn:v2 environment=production previous=oci://127.0.0.1/models/churn:v1'
    ])
    expect(fake.validationErrors).toEqual([])
  })

  test('killing the main step mid-bake, then running the post entry, rolls back and marks the deployment failed', async () => {
    const workspace = await deployWorkspace({ 'analysis.yml': ANALYSIS, 'metrics.mjs': metricsScript(0.1) })
    const running = await startAction(options(workspace, { stages: '50%:60s, 100%', interval: '30s' }))
    await running.waitForOutput(/Baking stage 1 \(50%\)/)
    running.kill('SIGKILL')
    const main = await running.finished
    expect(main.exitCode).toBeNull()
    expect(JSON.parse(main.state.rollout)).toMatchObject({ phase: 'in-progress' })

    const post = await runAction({
      ...options(workspace, { stages: '50%:60s, 100%', interval: '30s' }),
      entry: 'post',
      state: main.state
    })
    expect(post.exitCode).toBe(0)
    expect(post.annotations).toEqual([
      expect.objectContaining({ level: 'warning', message: expect.stringContaining('stopped mid-rollout') })
    ])
    expect((await targetLog(workspace)).map(line => line.split(' ').slice(0, 3).join(' '))).toEqual([
      'deploy stage=1 traffic=50',
      'rollback stage=rollback traffic=0'
    ])
    const deploymentId = JSON.parse(main.state.rollout).deploymentId
    const statuses = await api('GET', `/deployments/${deploymentId}/statuses`)
    expect(statuses.map((status: { state: string }) => status.state)).toEqual(['failure', 'in_progress'])
  })

  test('a token without deployments: write is told how to fix it, before any traffic moves', async () => {
    fake.fail({
      route: 'POST /repos/{owner}/{repo}/deployments',
      status: 403,
      message: 'Resource not accessible by integration'
    })
    const workspace = await deployWorkspace({ 'analysis.yml': ANALYSIS, 'metrics.mjs': metricsScript(0.1) })
    const result = await runAction(options(workspace, { stages: '100%' }))
    expect(result.exitCode).toBe(1)
    expect(result.annotations).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(/permissions: deployments: write/)
      })
    ])
    expect(await targetLog(workspace)).toEqual([])
  })

  test('the post entry does nothing after a rollout that settled', async () => {
    const workspace = await deployWorkspace({ 'analysis.yml': ANALYSIS, 'metrics.mjs': metricsScript(0.1) })
    const main = await runAction(options(workspace, { stages: '100%', 'record-deployment': 'false' }))
    const post = await runAction({
      ...options(workspace, { stages: '100%', 'record-deployment': 'false' }),
      entry: 'post',
      state: main.state
    })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain('nothing to undo')
    expect(await targetLog(workspace)).toHaveLength(1)
  })
})

describe('the model to roll back to', () => {
  /** A deployment to `environment` whose latest status is success, as `token`'s owner would write it. */
  async function seedActive(environment: string, payload: object, token = 'seed'): Promise<number> {
    const deployment = await api(
      'POST',
      '/deployments',
      { ref: 'main', environment, required_contexts: [], auto_merge: false, payload },
      token
    )
    await api('POST', `/deployments/${deployment.id}/statuses`, { state: 'success' }, token)
    return deployment.id
  }

  async function refusedRollout(environment: string) {
    const workspace = await deployWorkspace({ 'analysis.yml': ANALYSIS, 'metrics.mjs': metricsScript(0.1) })
    const result = await runAction(options(workspace, { environment, stages: '50%:1s, 100%' }))
    expect(result.exitCode).toBe(1)
    // Nothing shifted: not one call of the deploy or rollback command.
    expect(await targetLog(workspace)).toEqual([])
    expect(result.stdout).not.toContain('registry.evil')
    // The deployment this run created says why it stopped.
    const [created] = fake
      .callsTo('POST /repos/{owner}/{repo}/deployments')
      .filter(
        call => call.status === 201 && (call.body as { environment: string }).environment === environment
      )
      .slice(-1)
    const statuses = await api('GET', `/deployments/${(created.response as { id: number }).id}/statuses`)
    expect(statuses[0]).toMatchObject({ state: 'error', description: expect.stringMatching(/^Refused:/) })
    expect(fake.validationErrors).toEqual([])
    return result
  }

  test('a successful deployment someone else wrote is never rolled back to: refused before any traffic moves', async () => {
    const planted = await seedActive(
      'planted',
      { model_uri: 'registry.evil/backdoor', tool: 'mlci/deploy' },
      'mallory_pat'
    )
    const result = await refusedRollout('planted')
    expect(result.annotations).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(
          new RegExp(
            `^The newest successful deployment to 'planted' \\(${planted}\\) was written by mallory, ` +
              `not by mlci as github-actions\\[bot\\]`
          )
        )
      })
    ])
  })

  test("a deployment without mlci's record, or without a model, is refused the same way", async () => {
    await seedActive('unmarked', { model_uri: 'registry.evil/backdoor' })
    const unmarked = await refusedRollout('unmarked')
    expect(unmarked.annotations[0].message).toMatch(
      /was not recorded by mlci \(its payload has no mlci record\)/
    )

    await seedActive('empty', { model_uri: '', tool: 'mlci/deploy' })
    const empty = await refusedRollout('empty')
    expect(empty.annotations[0].message).toMatch(/names no model to roll back to/)
  })

  test('a status someone else set does not make an old deployment of ours the one to roll back to', async () => {
    const old = await seedActive('revived', {
      model_uri: 'oci://127.0.0.1/models/churn:v0',
      tool: 'mlci/deploy'
    })
    await api('POST', `/deployments/${old}/statuses`, { state: 'inactive' })
    await api('POST', `/deployments/${old}/statuses`, { state: 'success' }, 'mallory_pat')
    const revived = await refusedRollout('revived')
    expect(revived.annotations[0].message).toMatch(/its latest status was set by mallory/)
  })

  test('our own record is the model to roll back to; a first rollout has none', async () => {
    await seedActive('canary-env', { model_uri: 'oci://127.0.0.1/models/churn:v1', tool: 'mlci/deploy' })
    const workspace = await deployWorkspace({ 'analysis.yml': ANALYSIS, 'metrics.mjs': metricsScript(0.1) })
    const result = await runAction(options(workspace, { environment: 'canary-env', stages: '100%' }))
    expect(result.exitCode).toBe(0)
    expect(await targetLog(workspace)).toEqual([
      'deploy stage=1 traffic=100 model=oci://127.0.0.1/models/churn:v2 environment=canary-env previous=oci://127.0.0.1/models/churn:v1'
    ])
    const first = await deployWorkspace({ 'analysis.yml': ANALYSIS, 'metrics.mjs': metricsScript(0.1) })
    const firstResult = await runAction(options(first, { environment: 'first-env', stages: '100%' }))
    expect(firstResult.exitCode).toBe(0)
    expect(firstResult.stdout).toContain('no earlier mlci deployment to first-env')
    expect((await targetLog(first))[0]).toMatch(/ previous=$/)
  })
})
