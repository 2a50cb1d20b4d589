import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { startGitHubFake, type GitHubFake } from './fakes/github/server.js'
import { pullRequestEvent, pushEvent } from './harness/events.js'
import { runAction, type RunResult } from './harness/run-action.js'

const MARKER = '<!-- mlci:metric-diff:model-metrics -->'
const COMMENTS = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments'
const WRITES = [
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}'
]

let fake: GitHubFake
let pullNumber: number

beforeEach(async () => {
  fake = await startGitHubFake({ owner: 'octo-org', repo: 'models' })
  pullNumber = fake.state.addPull({ head: 'retrain' }).number
})

afterEach(async () => {
  expect(fake.validationErrors).toEqual([])
  await fake.close()
})

async function workspace(
  candidate: object,
  baseline: object = { accuracy: 0.9, val_loss: 0.3 }
): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mlci-md-'))
  await writeFile(path.join(dir, 'candidate.json'), JSON.stringify(candidate))
  await writeFile(path.join(dir, 'baseline.json'), JSON.stringify(baseline))
  return dir
}

function diff(
  dir: string,
  extra: { event?: string; payload?: object; inputs?: Record<string, string> } = {}
) {
  return runAction({
    action: 'metric-diff',
    inputs: { metrics: 'candidate.json', baseline: 'baseline.json', ...extra.inputs },
    event: extra.event ?? 'pull_request',
    eventPayload: extra.payload ?? pullRequestEvent({ number: pullNumber }),
    token: 'ghs_test_token',
    env: { GITHUB_API_URL: fake.url },
    workspace: dir
  })
}

function ours() {
  return fake.state.comments(pullNumber).filter(c => c.body.includes(MARKER))
}

function writes(): string[] {
  return fake.calls.filter(c => c.route !== null && WRITES.includes(c.route)).map(c => c.route as string)
}

function expectOk(result: RunResult) {
  if (result.exitCode !== 0) throw new Error(`exit ${result.exitCode}\n${result.stdout}\n${result.stderr}`)
}

describe('metric-diff sticky comment, end to end through the bundle', () => {
  test('creates one comment, updates it in place, and skips the write when nothing changed', async () => {
    const dir = await workspace({ accuracy: 0.92, val_loss: 0.28 })
    const first = await diff(dir)
    expectOk(first)
    expect(ours()).toHaveLength(1)
    const id = ours()[0].id
    expect(first.outputs['comment-id']).toBe(String(id))
    expect(first.outputs.changed).toBe('2')
    expect(JSON.parse(first.outputs.regressions)).toEqual([])
    expect(ours()[0].body).toContain('| accuracy | 0.9 | 0.92 | +0.02 | +2.222% | ✅ improved |')
    expect(first.summary).toContain('| val\\_loss | 0.3 | 0.28 | −0.02 | −6.667% | ✅ improved |')
    expect(await readFile(first.outputs.body, 'utf8')).toBe(first.summary)
    expect(first.masks).toContain('ghs_test_token')

    await writeFile(path.join(dir, 'candidate.json'), JSON.stringify({ accuracy: 0.88, val_loss: 0.28 }))
    const second = await diff(dir)
    expectOk(second)
    expect(ours().map(c => c.id)).toEqual([id])
    expect(ours()[0].body).toContain('| accuracy | 0.9 | 0.88 | −0.02 | −2.222% | ❌ regressed |')
    expect(JSON.parse(second.outputs.regressions)).toEqual(['accuracy'])

    const before = writes().length
    const third = await diff(dir)
    expectOk(third)
    expect(writes().length).toBe(before)
    expect(third.stdout).toContain('already shows this body')
    expect(ours().map(c => c.id)).toEqual([id])
  })

  test('finds its comment behind 250 others, across pages', async () => {
    const dir = await workspace({ accuracy: 0.92 })
    expectOk(await diff(dir))
    const id = ours()[0].id
    fake.state.addComments(
      pullNumber,
      Array.from({ length: 250 }, (_, i) => `review note ${i}`),
      { user: 'octocat' }
    )
    await writeFile(path.join(dir, 'candidate.json'), JSON.stringify({ accuracy: 0.93 }))
    expectOk(await diff(dir))
    expect(ours().map(c => c.id)).toEqual([id])
    expect(fake.callsTo(COMMENTS).length).toBeGreaterThanOrEqual(3)
    expect(fake.callsTo(COMMENTS).some(c => c.query.page === '3')).toBe(true)
  })

  test('ignores a human comment that quotes the marker', async () => {
    fake.state.addComments(pullNumber, [`copied: ${MARKER}`], { user: 'octocat' })
    expectOk(await diff(await workspace({ accuracy: 0.92 })))
    expect(ours().map(c => c.user.login)).toEqual(['octocat', 'github-actions[bot]'])
    expect(ours()[0].body).toBe(`copied: ${MARKER}`)
  })

  test("only github-actions[bot]'s comments with the marker as first line are ours", async () => {
    // Another app's comment that starts with our marker, and one of ours that merely quotes it.
    const [foreign] = fake.state.addComments(pullNumber, [`${MARKER}\nFake numbers`], {
      user: 'other-app[bot]'
    })
    const [quoting] = fake.state.addComments(pullNumber, [`Why did this change?\n> ${MARKER}`])
    const result = await diff(await workspace({ accuracy: 0.92 }))
    expectOk(result)
    const comments = fake.state.comments(pullNumber)
    expect(comments.map(c => [c.id, c.user.login])).toEqual([
      [foreign.id, 'other-app[bot]'],
      [quoting.id, 'github-actions[bot]'],
      [Number(result.outputs['comment-id']), 'github-actions[bot]']
    ])
    expect(comments[0].body).toBe(`${MARKER}\nFake numbers`)
    expect(comments[1].body).toBe(`Why did this change?\n> ${MARKER}`)
    expect(comments[2].body.startsWith(`${MARKER}\n`)).toBe(true)
  })

  test('two runs racing on one pull request leave one comment', async () => {
    const [a, b] = await Promise.all([
      diff(await workspace({ accuracy: 0.91 })),
      diff(await workspace({ accuracy: 0.91 }))
    ])
    expectOk(a)
    expectOk(b)
    expect(ours()).toHaveLength(1)
  })

  test('recreate deletes and posts anew; new always adds one', async () => {
    const dir = await workspace({ accuracy: 0.92 })
    expectOk(await diff(dir))
    const first = ours()[0].id
    expectOk(await diff(dir, { inputs: { 'comment-mode': 'recreate' } }))
    expect(ours()).toHaveLength(1)
    expect(ours()[0].id).not.toBe(first)
    expectOk(await diff(dir, { inputs: { 'comment-mode': 'new' } }))
    expect(ours()).toHaveLength(2)
  })

  test('a token that cannot comment still gets the summary, and a warning naming the permission', async () => {
    fake.fail({
      route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      status: 403,
      message: 'Resource not accessible by integration'
    })
    const result = await diff(await workspace({ accuracy: 0.92 }))
    expectOk(result)
    expect(result.summary).toContain('| accuracy |')
    const warnings = result.annotations.filter(a => a.level === 'warning')
    expect(warnings).toHaveLength(1)
    expect(warnings[0].message).toContain("'pull-requests: write'")
    expect(ours()).toHaveLength(0)
  })

  test('a comment deleted between our list and our update is posted anew', async () => {
    const dir = await workspace({ accuracy: 0.92 })
    expectOk(await diff(dir))
    const [gone] = ours()
    fake.fail({
      route: 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
      interleave: state => state.repo().comments.delete(gone.id)
    })
    await writeFile(path.join(dir, 'candidate.json'), JSON.stringify({ accuracy: 0.93 }))
    const result = await diff(dir)
    expectOk(result)
    expect(result.annotations).toEqual([])
    expect(ours()).toHaveLength(1)
    expect(ours()[0].id).not.toBe(gone.id)
    expect(ours()[0].body).toContain('| accuracy | 0.9 | 0.93 |')
    expect(result.outputs['comment-id']).toBe(String(ours()[0].id))
  })

  test('a 422 on the comment is a clear error naming what GitHub refused', async () => {
    fake.fail({
      route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      status: 422,
      errors: [
        {
          resource: 'IssueComment',
          code: 'unprocessable',
          field: 'data',
          message: 'Body is too long (maximum is 65536 characters)'
        }
      ]
    })
    const result = await diff(await workspace({ accuracy: 0.92 }))
    expect(result.exitCode).toBe(1)
    expect(result.summary).toContain('| accuracy |')
    expect(result.annotations).toEqual([
      expect.objectContaining({
        level: 'error',
        title: 'mlci: service unavailable',
        message: expect.stringMatching(
          /^GitHub refused POST \/repos\/octo-org\/models\/issues\/1\/comments \(HTTP 422\): Body is too long \(maximum is 65536 characters\)\./
        )
      })
    ])
    expect(result.annotations[0].message).not.toMatch(/permission/)
  })

  test('a secondary rate limit that outlasts the retries says so, not that a permission is missing', async () => {
    fake.fail({
      route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      secondaryRateLimit: { retryAfterSeconds: 0.001 },
      times: Infinity
    })
    const result = await diff(await workspace({ accuracy: 0.92 }))
    expect(result.exitCode).toBe(1)
    expect(fake.callsTo('POST /repos/{owner}/{repo}/issues/{issue_number}/comments')).toHaveLength(4)
    const errors = result.annotations.filter(a => a.level !== 'warning' || !/retrying in/.test(a.message))
    expect(errors).toEqual([
      expect.objectContaining({
        level: 'error',
        title: 'mlci: service unavailable',
        message: expect.stringMatching(/^GitHub's secondary rate limit .*outlasted the retries/)
      })
    ])
    expect(errors[0].message).not.toMatch(/permission/)
  })

  test('on push there is no comment, only the summary; fail-on-regression fails the step', async () => {
    const dir = await workspace({ accuracy: 0.85 })
    const result = await diff(dir, {
      event: 'push',
      payload: pushEvent(),
      inputs: { 'fail-on-regression': 'true' }
    })
    expect(result.exitCode).toBe(1)
    expect(result.summary).toContain('❌ regressed')
    expect(result.annotations.filter(a => a.level === 'error').map(a => a.message)).toEqual([
      '1 metric(s) regressed: accuracy (fail-on-regression is on).'
    ])
    // Only reads (the history of the pushed branch): no comment on a push.
    expect(writes()).toEqual([])
  })

  test('reads the baseline from git with git:<ref>:<path>', async () => {
    const dir = await workspace({ accuracy: 0.95 })
    await git(dir, 'init', '-q')
    await writeFile(path.join(dir, 'metrics.json'), '{"accuracy": 0.5}')
    await git(dir, 'add', 'metrics.json')
    await git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.test', 'commit', '-qm', 'base')
    await writeFile(path.join(dir, 'metrics.json'), '{"accuracy": 0.7}')
    const result = await diff(dir, { inputs: { baseline: 'git:HEAD:metrics.json', comment: 'never' } })
    expectOk(result)
    expect(result.summary).toMatch(/baseline: git at [0-9a-f]{12} \(git:HEAD:metrics.json\)/)
    expect(result.summary).toContain('| accuracy | 0.5 | 0.95 |')
    const bad = await diff(dir, { inputs: { baseline: 'git:nope:metrics.json', comment: 'never' } })
    expect(bad.exitCode).toBe(1)
    expect(bad.annotations[0].message).toMatch(/git:nope:metrics.json cannot be read .*fetch that ref first/)
  })

  test('bad input is one clear error: a typo in a path, a broken file, a bad key', async () => {
    const dir = await workspace({ accuracy: 0.92 })
    const missing = await diff(dir, { inputs: { baseline: 'basline.json' } })
    expect(missing.exitCode).toBe(1)
    expect(missing.annotations[0].message).toMatch(/Input 'baseline': basline.json does not exist/)
    await writeFile(path.join(dir, 'candidate.json'), '{"accuracy": 0.9,}')
    const broken = await diff(dir)
    expect(broken.annotations[0]).toMatchObject({ level: 'error', file: 'candidate.json', line: 1 })
    const key = await diff(await workspace({ a: 1 }), { inputs: { 'comment-key': 'x --> <script>' } })
    expect(key.annotations[0].message).toMatch(/comment-key' must be 1 to 64 letters/)
    expect(fake.calls.filter(c => c.route !== null && WRITES.includes(c.route))).toHaveLength(0)
  })
})

function git(cwd: string, ...args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: 'ignore' })
    child.on('error', reject)
    child.on('close', code =>
      code === 0 ? resolve() : reject(new Error(`git ${args.join(' ')} exited ${code}`))
    )
  })
}
