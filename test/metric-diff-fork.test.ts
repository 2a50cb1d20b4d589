import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { startGitHubFake, type GitHubFake } from './fakes/github/server.js'
import { startResultsService, type ResultsService } from './fakes/results-service.js'
import { writeZip } from './fakes/zip-writer.js'
import { pullRequestEvent, workflowRunEvent } from './harness/events.js'
import { makeRuntimeToken } from './harness/runtime-token.js'
import { runAction, type RunResult } from './harness/run-action.js'
import { encodeDigest } from '../shared/metrics/results-digest.js'

const ARTIFACT = 'mlci-metric-diff-model-metrics'
const MARKER = '<!-- mlci:metric-diff:model-metrics -->'
const RUN_ID = 4242

let fake: GitHubFake
let service: ResultsService
let pull: { number: number; head: { sha: string } }

beforeEach(async () => {
  fake = await startGitHubFake({ owner: 'octo-org', repo: 'models' })
  service = await startResultsService()
  pull = fake.state.addPull({ head: 'retrain', user: 'fork-owner' })
})

afterEach(async () => {
  expect(fake.validationErrors).toEqual([])
  await fake.close()
  await service.close()
})

async function workspace(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mlci-fork-'))
  await writeFile(path.join(dir, 'candidate.json'), '{"accuracy": 0.93, "val_loss": 0.41, "<b>x</b>": 1}')
  await writeFile(path.join(dir, 'baseline.json'), '{"accuracy": 0.9, "val_loss": 0.4}')
  return dir
}

function expectOk(result: RunResult) {
  if (result.exitCode !== 0) throw new Error(`exit ${result.exitCode}\n${result.stdout}\n${result.stderr}`)
}

/** The fork's pull_request run: read-only token, no API calls, the artifact goes to the results service. */
async function prepare(dir: string): Promise<RunResult> {
  const runnerTemp = await mkdtemp(path.join(tmpdir(), 'mlci-rt-'))
  const env = Object.fromEntries(
    Object.entries({ ...service.env(runnerTemp, dir), GITHUB_API_URL: fake.url }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined
    )
  )
  return runAction({
    action: 'metric-diff',
    inputs: { metrics: 'candidate.json', baseline: 'baseline.json', mode: 'prepare' },
    event: 'pull_request',
    eventPayload: pullRequestEvent({
      number: pull.number,
      headSha: pull.head.sha,
      headRepo: { owner: 'fork-owner', name: 'models' }
    }),
    token: 'ghs_read_only',
    env,
    workspace: dir
  })
}

/** The zip the results service holds for the artifact, fetched the way the service hands it out. */
async function uploadedZip(): Promise<Buffer> {
  const response = await fetch(
    `${service.url}twirp/github.actions.results.api.v1.ArtifactService/GetSignedArtifactURL`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${makeRuntimeToken()}` },
      body: JSON.stringify({
        workflow_run_backend_id: 'run-backend-1',
        workflow_job_run_backend_id: 'job-backend-1',
        name: ARTIFACT
      })
    }
  )
  const { signed_url: url } = (await response.json()) as { signed_url: string }
  return Buffer.from(await (await fetch(url)).arrayBuffer())
}

function post(dir: string, headSha = pull.head.sha): Promise<RunResult> {
  return runAction({
    action: 'metric-diff',
    inputs: { mode: 'post' },
    event: 'workflow_run',
    eventPayload: workflowRunEvent({ id: RUN_ID, headSha, repo: { owner: 'octo-org', name: 'models' } }),
    token: 'ghs_write_token',
    env: { GITHUB_API_URL: fake.url },
    workspace: dir
  })
}

function report(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    version: 1,
    commentKey: 'model-metrics',
    pullNumber: pull.number,
    headSha: pull.head.sha,
    comparison: {
      baselineSource: 'file baseline.json',
      baseline: { accuracy: { value: 0.9 } },
      candidate: { accuracy: { value: 0.95 } }
    },
    ...overrides
  })
}

describe('fork pull requests: prepare in the PR run, post from workflow_run', () => {
  test('prepare then post shows the numbers of direct, as claimed by the PR run; prepare makes no API call', async () => {
    const dir = await workspace()
    const direct = await runAction({
      action: 'metric-diff',
      inputs: { metrics: 'candidate.json', baseline: 'baseline.json', comment: 'never' },
      event: 'pull_request',
      eventPayload: pullRequestEvent({ number: pull.number }),
      workspace: dir
    })
    expectOk(direct)

    const prepared = await prepare(dir)
    expectOk(prepared)
    expect(fake.calls).toHaveLength(0)
    expect(prepared.summary).toBe(direct.summary)
    expect(service.artifacts().map(a => a.name)).toEqual([ARTIFACT])

    fake.state.addArtifact({
      runId: RUN_ID,
      name: ARTIFACT,
      zip: await uploadedZip(),
      headSha: pull.head.sha
    })
    const posted = await post(dir)
    expectOk(posted)
    const comments = fake.state.comments(pull.number)
    expect(comments).toHaveLength(1)
    // Same rows; the PR run's numbers (and its baseline: the base commit has no record) shown as its claims.
    const rows = (body: string) => body.split('\n').filter(line => /^\| [^m:]/.test(line))
    const directBody = await readFile(direct.outputs.body, 'utf8')
    expect(rows(comments[0].body)).toEqual(rows(directBody))
    expect(rows(comments[0].body)).toHaveLength(3)
    expect(comments[0].body).toContain('| metric | baseline (claimed) | candidate (claimed) |')
    expect(comments[0].body).toContain(
      `**1 regressed**, 1 improved, 1 new · baseline (claimed by the same run): file (baseline.json)\n\n` +
        `The candidate's numbers are claimed by [workflow run #18](https://github.com/octo-org/models/actions/runs/${RUN_ID}), ` +
        'not recomputed by this workflow, and so is the baseline.'
    )
    expect(comments[0].body.startsWith(MARKER)).toBe(true)
    expect(comments[0].body).toContain('&lt;b&gt;x&lt;/b&gt;')
    expect(posted.outputs['comment-id']).toBe(String(comments[0].id))
  })

  test("post recomputes the baseline from the base commit's check run; the fork's numbers and verdict are shown as claimed by its run", async () => {
    const baseSha = fake.state.repo().branches.get('main')!
    const checkRun = fake.state.addCheckRun({
      headSha: baseSha,
      name: 'mlci/evaluate',
      conclusion: 'success'
    })
    checkRun.output.summary = `### mlci/evaluate: passed\n\n${encodeDigest({
      version: 1,
      commit: baseSha,
      metrics: { accuracy: { value: 0.97 } }
    })}\n`
    // The fork claims a weak baseline, a pass, and that accuracy improved.
    const claims = {
      baselineSource: 'check-run at 0000000000aa (trust me)',
      baseline: { accuracy: { value: 0.5 } },
      candidate: { accuracy: { value: 0.95 } },
      verdict: 'pass',
      rules: { accuracy: 'pass' },
      directions: { accuracy: 'higher' }
    }
    fake.state.addArtifact({
      runId: RUN_ID,
      name: ARTIFACT,
      zip: zipOf(report({ comparison: claims })),
      headSha: pull.head.sha
    })
    const posted = await post(await workspace())
    expectOk(posted)
    const [comment] = fake.state.comments(pull.number)
    const runLink = `[workflow run #18](https://github.com/octo-org/models/actions/runs/${RUN_ID})`
    expect(comment.body).toContain(
      `baseline: check-run at ${baseSha.slice(0, 12)} (check run 'mlci/evaluate')`
    )
    expect(comment.body).toContain('| metric | baseline | candidate (claimed) |')
    expect(comment.body).toContain('| accuracy | 0.97 | 0.95 | −0.02 |')
    expect(comment.body).toContain('❌ regressed')
    expect(comment.body).not.toContain('**Verdict')
    expect(comment.body).toContain(`Verdict claimed by ${runLink}: ✅ pass`)
    expect(comment.body).not.toContain('trust me')
    expect(JSON.parse(posted.outputs.regressions)).toEqual(['accuracy'])

    // Without a recorded baseline on the base commit, the fork's baseline is shown as its claim too.
    fake.state.repo().checkRuns.clear()
    const again = await post(await workspace())
    expectOk(again)
    const [updated] = fake.state.comments(pull.number)
    expect(updated.body).toContain('baseline (claimed by the same run): check-run at 0000000000aa (trust me)')
    expect(updated.body).toContain('| metric | baseline (claimed) | candidate (claimed) |')
    expect(updated.body).toContain('| accuracy | 0.5 | 0.95 |')
  })

  test.each([
    [
      'a PR number of another pull request',
      () => zipOf(report({ pullNumber: 0 })),
      /head .* is not the commit/
    ],
    [
      'a report for another comment key',
      () => zipOf(report({ commentKey: 'other' })),
      /prepared for comment-key 'other'/
    ],
    [
      'markdown smuggled into a field',
      () => zipOf(report({ headSha: '<img src=x>' })),
      /does not match its schema/
    ],
    ['an extra field', () => zipOf(report({ body: '@org/team look' })), /does not match its schema/],
    [
      'a path outside its folder',
      () => writeZip([{ name: '../report.json', data: report() }]),
      /points outside/
    ],
    [
      'a second file',
      () =>
        writeZip([
          { name: 'report.json', data: report() },
          { name: 'x.sh', data: 'echo' }
        ]),
      /2 entries, at most 1 accepted/
    ],
    [
      'an oversized report',
      () => zipOf(report({ padding: 'x'.repeat(5_000_000) }), false),
      /at most 4194304 accepted/
    ],
    ['not JSON', () => zipOf('{"version": 1,'), /is not JSON/],
    [
      'a local header offset beyond the end of the archive',
      () => damaged(zipOf(report()), (zip, directory) => zip.writeUInt32LE(zip.length - 2, directory + 42)),
      /Refusing the prepared metric-diff artifact: the local header of report\.json lies outside the archive/
    ],
    [
      'a central directory entry cut off by the end record',
      () =>
        damaged(zipOf(report()), (zip, directory, end) => {
          zip.writeUInt32LE(end - directory - 20, end + 12)
          zip.writeUInt32LE(end - 20, end + 16)
        }),
      /Refusing the prepared metric-diff artifact: .*(central directory|damaged)/
    ],
    [
      'a file name running past the central directory',
      () => damaged(zipOf(report()), (zip, directory) => zip.writeUInt16LE(0xffff, directory + 28)),
      /Refusing the prepared metric-diff artifact: .*(central directory|damaged)/
    ]
  ])('refuses a tampered artifact: %s', async (_, zip, reason) => {
    const other = fake.state.addPull({ head: 'other-branch' })
    let archive = zip()
    if (reason.source.includes('is not the commit'))
      archive = zipOf(report({ pullNumber: other.number, headSha: pull.head.sha }))
    fake.state.addArtifact({ runId: RUN_ID, name: ARTIFACT, zip: archive, headSha: pull.head.sha })
    const dir = await workspace()
    const result = await post(dir)
    expect(result.exitCode).toBe(1)
    const errors = result.annotations.filter(a => a.level === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0].message).toMatch(reason)
    expect(fake.state.comments(pull.number)).toHaveLength(0)
    expect(fake.state.comments(other.number)).toHaveLength(0)
    expect(await readdir(path.dirname(dir))).not.toContain('report.json')
  })

  test("an artifact's rule and direction maps answer only for their own names, never Object.prototype's", async () => {
    // As JSON.parse reads the artifact: plain objects, where 'toString' and 'constructor' are inherited.
    const zip = zipOf(
      report({
        comparison: {
          baselineSource: 'file baseline.json',
          baseline: { toString: { value: 0.6 }, constructor: { value: 0.8 }, PROTO: { value: 1 } },
          candidate: { toString: { value: 0.5 }, constructor: { value: 0.9 }, valueOf: { value: 2 } },
          rules: {},
          directions: {}
        }
      }).replace('"PROTO"', '"__proto__"')
    )
    fake.state.addArtifact({ runId: RUN_ID, name: ARTIFACT, zip, headSha: pull.head.sha })
    const result = await post(await workspace())
    expectOk(result)
    const [comment] = fake.state.comments(pull.number)
    expect(comment.body).toContain('| toString | 0.6 | 0.5 | −0.1 | −16.67% | 🔄 changed |')
    expect(comment.body).toContain('| constructor | 0.8 | 0.9 | +0.1 | +12.5% | 🔄 changed |')
    expect(comment.body).toContain('| valueOf | — | 2 | — | — | 🆕 new |')
    expect(comment.body).toContain('| \\_\\_proto\\_\\_ | 1 | — | — | — | 🗑️ removed |')
    expect(JSON.parse(result.outputs.regressions)).toEqual([])
  })

  test('post outside workflow_run, or without the artifact, says what to do', async () => {
    const dir = await workspace()
    const wrongEvent = await runAction({
      action: 'metric-diff',
      inputs: { mode: 'post' },
      event: 'push',
      workspace: dir
    })
    expect(wrongEvent.annotations[0].message).toMatch(/mode post belongs in a workflow_run workflow/)
    const missing = await post(dir)
    expect(missing.annotations[0].message).toMatch(
      /No artifact 'mlci-metric-diff-model-metrics' in workflow run 4242.*mode: prepare/
    )
  })
})

function zipOf(text: string, deflate = true): Buffer {
  return writeZip([{ name: 'report.json', data: text, deflate }])
}

/** A copy of `zip` changed by `edit`, given the offsets of its central directory and of its end record. */
function damaged(zip: Buffer, edit: (zip: Buffer, directory: number, end: number) => void): Buffer {
  const copy = Buffer.from(zip)
  const end = copy.length - 22
  edit(copy, copy.readUInt32LE(end + 16), end)
  return copy
}
