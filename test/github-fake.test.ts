import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { createGitHubClient, type GitHubClient } from '../shared/runner/github-api.js'
import { matchOperation, operationKeys, validateResponse } from './fakes/github/openapi-validator.js'
import { startGitHubFake, type GitHubFake } from './fakes/github/server.js'

// The fake is driven through mlci's one GitHub client, so what passes here is what the actions send.
// That client spaces writes one second apart (plugin-throttling), which is most of this file's run time.

const owner = 'octo-org'
const repo = 'ml-model'
let fake: GitHubFake
let octokit: GitHubClient

beforeEach(async () => {
  fake = await startGitHubFake({ owner, repo })
  octokit = createGitHubClient('ghs_fake_installation_token', { baseUrl: fake.url, retryBaseMs: 1 })
})

afterEach(async () => {
  await fake.close()
})

/** A request without the client: for what it cannot send (no token), and to sweep every route unthrottled. */
async function raw(path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (init.token !== undefined) headers.authorization = `token ${init.token}`
  const response = await fetch(fake.url + path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body)
  })
  const text = await response.text()
  return {
    status: response.status,
    link: response.headers.get('link'),
    body: text === '' ? undefined : (JSON.parse(text) as unknown)
  }
}

describe('issue comments', () => {
  test('octokit.paginate finds all 250 comments across three pages linked like GitHub', async () => {
    const pull = fake.state.addPull({ head: 'retrain-2026-11' })
    const seeded = fake.state.addComments(
      pull.number,
      Array.from({ length: 250 }, (_, index) => `comment ${index}`)
    )

    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: pull.number,
      per_page: 100
    })

    expect(comments.map(comment => comment.id)).toEqual(seeded.map(comment => comment.id))
    expect(comments[249]?.body).toBe('comment 249')
    const pages = fake.callsTo('GET /repos/{owner}/{repo}/issues/{issue_number}/comments')
    expect(pages.map(call => [call.query.page, (call.response as unknown[]).length])).toEqual([
      [undefined, 100],
      ['2', 100],
      ['3', 50]
    ])

    const middle = await raw(`/repos/${owner}/${repo}/issues/${pull.number}/comments?per_page=100&page=2`, {
      token: 'any'
    })
    const url = (page: number) =>
      `${fake.url}/repos/${owner}/${repo}/issues/${pull.number}/comments?per_page=100&page=${page}`
    expect(middle.link).toBe(
      `<${url(1)}>; rel="prev", <${url(3)}>; rel="next", <${url(3)}>; rel="last", <${url(1)}>; rel="first"`
    )
  })

  test('create, update and delete a comment as the token owner, github-actions[bot]', async () => {
    const pull = fake.state.addPull({ head: 'feature' })

    const created = await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: pull.number,
      body: 'AUC 0.91'
    })
    expect(created.status).toBe(201)
    expect(created.data.user).toMatchObject({ login: 'github-actions[bot]', type: 'Bot', id: 41898282 })
    expect(created.data.html_url).toBe(
      `${fake.url}/${owner}/${repo}/pull/${pull.number}#issuecomment-${created.data.id}`
    )

    const updated = await octokit.rest.issues.updateComment({
      owner,
      repo,
      comment_id: created.data.id,
      body: 'AUC 0.93'
    })
    expect(updated.data.body).toBe('AUC 0.93')
    expect(fake.state.comments(pull.number).map(comment => comment.body)).toEqual(['AUC 0.93'])

    const deleted = await octokit.rest.issues.deleteComment({ owner, repo, comment_id: created.data.id })
    expect(deleted.status).toBe(204)
    expect(fake.state.comments(pull.number)).toEqual([])
    await expect(
      octokit.rest.issues.getComment({ owner, repo, comment_id: created.data.id })
    ).rejects.toMatchObject({
      status: 404
    })
    expect(fake.calls.map(call => `${call.method} ${call.status}`)).toEqual([
      'POST 201',
      'PATCH 200',
      'DELETE 204',
      'GET 404'
    ])
  })
})

describe('validation against GitHub’s OpenAPI description', () => {
  test('a check run with conclusion "passed" gets 422 and is recorded', async () => {
    const { sha } = fake.state.addCommit({ branch: 'main' })

    const attempt = octokit.rest.checks.create({
      owner,
      repo,
      name: 'model-eval',
      head_sha: sha,
      conclusion: 'passed' as 'success'
    })

    await expect(attempt).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('"passed" is not a member')
    })
    expect(fake.calls).toHaveLength(1)
    expect(fake.validationErrors).toEqual([
      expect.objectContaining({
        kind: 'request',
        route: 'POST /repos/{owner}/{repo}/check-runs',
        errors: [
          expect.stringMatching(
            /^For 'properties\/conclusion', "passed" is not a member of \["action_required",/
          )
        ]
      })
    ])
    expect(fake.state.repo().checkRuns.size).toBe(0)
  })

  test('50 annotations per request are accepted, 51 are refused', async () => {
    const { sha } = fake.state.addCommit({ branch: 'main' })
    const annotations = (count: number) =>
      Array.from({ length: count }, (_, index) => ({
        path: 'data/train.csv',
        start_line: index + 1,
        end_line: index + 1,
        annotation_level: 'warning' as const,
        message: `drift in row ${index + 1}`
      }))

    const run = await octokit.rest.checks.create({
      owner,
      repo,
      name: 'data-validation',
      head_sha: sha,
      status: 'in_progress',
      output: { title: 'Drift', summary: '50 rows drifted', annotations: annotations(50) }
    })
    expect(run.data.output.annotations_count).toBe(50)

    const tooMany = octokit.rest.checks.update({
      owner,
      repo,
      check_run_id: run.data.id,
      conclusion: 'failure',
      output: { title: 'Drift', summary: '51 rows drifted', annotations: annotations(51) }
    })
    await expect(tooMany).rejects.toMatchObject({ status: 422 })
    expect(fake.validationErrors.map(issue => issue.errors)).toEqual([
      [expect.stringContaining("For 'properties/output/properties/annotations',")]
    ])
    // The refused update changed nothing.
    const after = await octokit.rest.checks.get({ owner, repo, check_run_id: run.data.id })
    expect(after.data).toMatchObject({
      status: 'in_progress',
      conclusion: null,
      output: { annotations_count: 50 }
    })
  })

  test('a response that breaks the description fails the test that caused it', async () => {
    const pull = fake.state.addPull({ head: 'feature' })
    const [comment] = fake.state.addComments(pull.number, ['seeded by a careless test'])
    comment!.createdAt = 'yesterday'

    await octokit.rest.issues.getComment({ owner, repo, comment_id: comment!.id })

    expect(() => fake.assertNoResponseErrors()).toThrow(/\/created_at must match format "date-time"/)
    fake.validationErrors.length = 0
  })

  test('the validator itself rejects a response missing required fields', () => {
    const operation = matchOperation('GET', '/repos/o/r/issues/comments/1')!
    expect(operation.key).toBe('GET /repos/{owner}/{repo}/issues/comments/{comment_id}')
    expect(operation.pathParams).toEqual({ owner: 'o', repo: 'r', comment_id: '1' })
    expect(validateResponse(operation, 200, { id: 1 })).toEqual(
      expect.arrayContaining([expect.stringContaining("must have required property 'node_id'")])
    )
  })
})

describe('deployments', () => {
  test('create a deployment and a success status, then read both back', async () => {
    const head = fake.state.repo().branches.get('main')!

    const deployment = await octokit.rest.repos.createDeployment({
      owner,
      repo,
      ref: 'main',
      environment: 'staging',
      payload: { model: 'churn', version: '2026.11.26' },
      required_contexts: []
    })
    expect(deployment.status).toBe(201)
    if (!('id' in deployment.data)) throw new Error('expected a deployment, got an auto-merge message')
    expect(deployment.data).toMatchObject({
      sha: head,
      task: 'deploy',
      environment: 'staging',
      production_environment: false
    })

    await octokit.rest.repos.createDeploymentStatus({
      owner,
      repo,
      deployment_id: deployment.data.id,
      state: 'success',
      environment_url: 'https://staging.example.com/churn'
    })

    const statuses = await octokit.rest.repos.listDeploymentStatuses({
      owner,
      repo,
      deployment_id: deployment.data.id
    })
    expect(statuses.data).toEqual([
      expect.objectContaining({
        state: 'success',
        environment_url: 'https://staging.example.com/churn',
        log_url: ''
      })
    ])
    const listed = await octokit.rest.repos.listDeployments({ owner, repo, environment: 'staging' })
    expect(listed.data.map(d => d.payload)).toEqual([{ model: 'churn', version: '2026.11.26' }])
  })

  test('without required_contexts a failing commit status blocks the deployment with 409', async () => {
    const sha = fake.state.repo().branches.get('main')!
    fake.state.addStatus({
      sha,
      state: 'failure',
      context: 'mlci/metric-gate',
      description: 'accuracy dropped'
    })

    // retries: 0 because the shared client retries 409 like a 5xx (see github-client.test.ts).
    const attempt = octokit.rest.repos.createDeployment({ owner, repo, ref: 'main', request: { retries: 0 } })

    await expect(attempt).rejects.toMatchObject({
      status: 409,
      response: { data: { errors: [{ contexts: [{ context: 'mlci/metric-gate', state: 'failure' }] }] } }
    })
    expect(fake.state.repo().deployments.size).toBe(0)
  })
})

describe('commits', () => {
  test('a pull request’s head: check runs (latest per name), commit statuses, combined status', async () => {
    const pull = fake.state.addPull({ head: 'retrain', title: 'Retrain churn model' })
    const sha = pull.head.sha
    fake.state.addCheckRun({ headSha: sha, name: 'model-eval', conclusion: 'failure' })
    const rerun = fake.state.addCheckRun({ headSha: sha, name: 'model-eval', conclusion: 'success' })
    fake.state.addCheckRun({ headSha: sha, name: 'data-validation', status: 'in_progress' })
    fake.state.addStatus({ sha, state: 'pending', context: 'mlci/metric-gate' })
    fake.state.addStatus({
      sha,
      state: 'success',
      context: 'mlci/metric-gate',
      description: 'AUC 0.93 ≥ 0.90'
    })

    const pulls = await octokit.rest.pulls.list({ owner, repo, head: `${owner}:retrain` })
    expect(pulls.data.map(p => [p.number, p.head.sha])).toEqual([[pull.number, sha]])
    const { data: full } = await octokit.rest.pulls.get({ owner, repo, pull_number: pull.number })
    expect(full).toMatchObject({
      title: 'Retrain churn model',
      commits: 1,
      merged: false,
      base: { ref: 'main' }
    })

    const runs = await octokit.rest.checks.listForRef({ owner, repo, ref: 'retrain' })
    expect(runs.data.total_count).toBe(2)
    expect(runs.data.check_runs.find(run => run.name === 'model-eval')).toMatchObject({
      id: rerun.id,
      pull_requests: [{ number: pull.number }]
    })

    const statuses = await octokit.rest.repos.listCommitStatusesForRef({ owner, repo, ref: sha })
    expect(statuses.data.map(s => s.state)).toEqual(['success', 'pending'])
    const combined = await octokit.rest.repos.getCombinedStatusForRef({ owner, repo, ref: 'retrain' })
    expect(combined.data).toMatchObject({ state: 'success', total_count: 1, sha })
  })

  test('compare returns the merge base of diverged branches', async () => {
    const base = fake.state.repo().branches.get('main')!
    fake.state.addCommit({ branch: 'main', message: 'hotfix' })
    fake.state.addCommit({ branch: 'retrain', parents: [base], message: 'retrain 1' })
    const tip = fake.state.addCommit({ branch: 'retrain', message: 'retrain 2' })

    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
      owner,
      repo,
      basehead: 'main...retrain'
    })

    expect(data.merge_base_commit.sha).toBe(base)
    expect(data).toMatchObject({ status: 'diverged', ahead_by: 2, behind_by: 1, total_commits: 2 })
    expect(data.commits.map(commit => commit.commit.message)).toEqual(['retrain 1', 'retrain 2'])
    expect(data.commits[1]?.sha).toBe(tip.sha)
  })

  test('unknown refs are 404', async () => {
    await expect(
      octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: 'main...no-such-branch' })
    ).rejects.toMatchObject({ status: 404 })
  })
})

describe('authentication', () => {
  test('no token is 401, an unknown one too when tokens are configured', async () => {
    expect(await raw(`/repos/${owner}/${repo}`)).toMatchObject({
      status: 401,
      body: { message: 'Requires authentication' }
    })

    const strict = await startGitHubFake({ tokens: { ghp_octocat: 'octocat' } })
    try {
      const user = createGitHubClient('ghp_octocat', { baseUrl: strict.url, retryBaseMs: 1 })
      expect((await user.rest.users.getAuthenticated()).data).toMatchObject({
        login: 'octocat',
        type: 'User'
      })
      const stranger = createGitHubClient('ghp_stranger', { baseUrl: strict.url, retryBaseMs: 1 })
      await expect(stranger.rest.users.getAuthenticated()).rejects.toMatchObject({ status: 401 })
    } finally {
      await strict.close()
    }
  })

  test('GITHUB_TOKEN cannot read /user, as on GitHub', async () => {
    await expect(octokit.rest.users.getAuthenticated()).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration')
    })
  })
})

test('every operation the fake serves answers 2xx within GitHub’s description', async () => {
  const r = `/repos/${owner}/${repo}`
  const pull = fake.state.addPull({ head: 'feature' })
  const sha = pull.head.sha
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await raw(r + path, { method, body, token: 'any' })
    if (response.status >= 300)
      throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(response.body)}`)
    return response.body as { id: number }
  }

  expect((await raw(r, { token: 'any' })).status).toBe(200)
  const comment = await send('POST', `/issues/${pull.number}/comments`, { body: 'hello' })
  await send('GET', `/issues/${pull.number}/comments?since=2000-01-01T00:00:00Z`)
  await send('GET', `/issues/comments/${comment.id}`)
  await send('PATCH', `/issues/comments/${comment.id}`, { body: 'hello again' })
  await send('DELETE', `/issues/comments/${comment.id}`)
  await send('GET', '/pulls?state=all')
  await send('GET', `/pulls/${pull.number}`)
  const annotation = {
    path: 'a.py',
    start_line: 1,
    end_line: 2,
    annotation_level: 'notice',
    message: 'm',
    title: 't'
  }
  const run = await send('POST', '/check-runs', {
    name: 'eval',
    head_sha: sha,
    details_url: 'https://ci.example.com/1',
    output: { title: 't', summary: 's', text: 'x', annotations: [annotation] }
  })
  await send('PATCH', `/check-runs/${run.id}`, {
    status: 'completed',
    conclusion: 'neutral',
    completed_at: '2026-11-26T10:00:00Z'
  })
  await send('GET', `/check-runs/${run.id}`)
  await send('GET', `/check-runs/${run.id}/annotations`)
  await send('GET', `/commits/${sha}/check-runs?filter=all&status=completed`)
  await send('POST', `/statuses/${sha}`, {
    state: 'error',
    context: 'ci',
    target_url: 'https://ci.example.com/2'
  })
  await send('GET', `/commits/${sha}/statuses`)
  await send('GET', `/commits/${sha}/status`)
  const deployment = await send('POST', '/deployments', {
    ref: sha,
    required_contexts: [],
    payload: 'raw payload'
  })
  await send('GET', '/deployments?task=deploy')
  await send('GET', `/deployments/${deployment.id}`)
  await send('POST', `/deployments/${deployment.id}/statuses`, {
    state: 'in_progress',
    log_url: 'https://ci.example.com/3'
  })
  await send('GET', `/deployments/${deployment.id}/statuses`)
  await send('GET', '/compare/main...feature?per_page=1')
  await send('GET', '/commits?sha=main&per_page=5')
  const artifact = fake.state.addArtifact({ runId: 99, name: 'report', zip: Buffer.from('zip bytes') })
  await send('GET', '/actions/runs/99/artifacts?name=report')
  // The download answers with a redirect to a signed blob URL, which fetch follows without the token.
  const download = await fetch(`${fake.url}${r}/actions/artifacts/${artifact.id}/zip`, {
    headers: { authorization: 'token any' }
  })
  expect(Buffer.from(await download.arrayBuffer()).toString()).toBe('zip bytes')
  expect(download.headers.get('content-type')).toBe('application/zip')
  // Releases and git references, as scripts/release/ uses them (test/release.test.ts runs the whole flow).
  await send('POST', '/git/refs', { ref: 'refs/tags/v1.0.0', sha })
  await send('GET', '/git/ref/tags%2Fv1.0.0')
  await send('GET', '/git/matching-refs/tags%2Fv')
  await send('PATCH', '/git/refs/tags%2Fv1.0.0', { sha, force: true })
  const draft = (await send('POST', '/releases', {
    tag_name: 'v1.0.0',
    draft: true,
    body: 'notes'
  })) as unknown as {
    id: number
    upload_url: string
  }
  await send('GET', '/releases?per_page=5')
  const upload = await fetch(`${draft.upload_url.replace(/\{.*\}$/, '')}?name=SHA256SUMS`, {
    method: 'POST',
    headers: { authorization: 'token any', 'content-type': 'text/plain' },
    body: 'abc  index.js\n'
  })
  const asset = (await upload.json()) as { id: number; digest: string }
  expect([upload.status, asset.digest]).toEqual([
    201,
    'sha256:' + createHash('sha256').update('abc  index.js\n').digest('hex')
  ])
  await send('GET', `/releases/${draft.id}/assets`)
  await send('DELETE', `/releases/assets/${asset.id}`)
  await send('PATCH', `/releases/${draft.id}`, { draft: false })
  await send('GET', '/releases/tags/v1.0.0')
  // Attestations: GitHub indexes a bundle by the subjects of its in-toto statement.
  const hex = 'ab'.repeat(32)
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ digest: { sha256: hex } }],
    predicateType: 'p'
  }
  const bundle = {
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: {},
    dsseEnvelope: {
      payloadType: 'application/vnd.in-toto+json',
      payload: Buffer.from(JSON.stringify(statement)).toString('base64'),
      signatures: []
    }
  }
  const stored = await send('POST', '/attestations', { bundle })
  const listed = (await send('GET', `/attestations/sha256:${hex}?predicate_type=p`)) as unknown as {
    attestations: { bundle: unknown }[]
  }
  expect([typeof stored.id, listed.attestations.map(item => item.bundle)]).toEqual(['number', [bundle]])

  const served = new Set(fake.calls.filter(call => call.status < 400).map(call => call.route))
  // GET /user answers GITHUB_TOKEN with 403; a user's token is swept in the authentication tests.
  expect(operationKeys.filter(key => !served.has(key))).toEqual(['GET /user'])
  expect(fake.validationErrors).toEqual([])
})

test('routes GitHub does not have are 404 and recorded', async () => {
  const response = await raw(`/repos/${owner}/${repo}/models/latest`, { token: 'any' })
  expect(response.status).toBe(404)
  expect(fake.validationErrors).toEqual([
    expect.objectContaining({ kind: 'unknown-route', path: `/repos/${owner}/${repo}/models/latest` })
  ])
})

describe('faults', () => {
  test('interleave changes the state just before the route answers, as a concurrent client would', async () => {
    const pull = fake.state.addPull({ head: 'retrain' })
    const [comment] = fake.state.addComments(pull.number, ['ours'])
    fake.fail({
      route: 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
      interleave: state => state.repo().comments.delete(comment.id)
    })
    const answer = await raw(`/repos/${owner}/${repo}/issues/comments/${comment.id}`, {
      method: 'PATCH',
      token: 'ghs_x',
      body: { body: 'new' }
    })
    expect(answer).toMatchObject({ status: 404, body: { message: 'Not Found' } })
    expect(fake.state.comments(pull.number)).toEqual([])
  })

  test('dropResponse lets the route run, then drops the connection without an answer', async () => {
    const pull = fake.state.addPull({ head: 'retrain' })
    fake.fail({ route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', dropResponse: true })
    await expect(
      raw(`/repos/${owner}/${repo}/issues/${pull.number}/comments`, {
        method: 'POST',
        token: 'ghs_x',
        body: { body: 'posted' }
      })
    ).rejects.toThrow(/fetch failed/)
    expect(fake.state.comments(pull.number).map(c => c.body)).toEqual(['posted'])
    expect(fake.calls.at(-1)).toMatchObject({ status: 201, dropped: true })
  })
})
