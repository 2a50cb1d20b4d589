import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { startGitHubFake, type GitHubFake } from './fakes/github/server.js'
import { pullRequestEvent, pushEvent } from './harness/events.js'
import { runAction, type RunResult } from './harness/run-action.js'

/** metric-diff chained after evaluate, as in a workflow: through evaluate's results file, or its check run. */
const REPO = { owner: 'octo-org', name: 'models' }
const POLICY =
  'metrics:\n  accuracy: { direction: higher, max_drop: 0.02, warn_drop: 0.01 }\n  log_loss: { direction: lower, max_increase_pct: 50 }\n'

let github: GitHubFake
beforeEach(async () => {
  github = await startGitHubFake({ owner: REPO.owner, repo: REPO.name })
})
afterEach(async () => {
  expect(github.validationErrors).toEqual([])
  await github.close()
})

function expectOk(result: RunResult) {
  if (result.exitCode !== 0) throw new Error(`exit ${result.exitCode}\n${result.stdout}\n${result.stderr}`)
}

async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mlci-chain-'))
  await mkdir(runnerTempOf(dir))
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text)
  return dir
}

/** The steps of one job share RUNNER_TEMP, where evaluate writes its results file by default. */
function runnerTempOf(dir: string): string {
  return `${dir}.runner-temp`
}

function step(
  action: string,
  dir: string,
  inputs: Record<string, string>,
  event: 'push' | 'pull_request',
  payload: object
) {
  return runAction({
    action,
    workspace: dir,
    inputs,
    event,
    eventPayload: payload,
    token: 'ghs_workflow_token',
    env: { GITHUB_API_URL: github.url, RUNNER_TEMP: runnerTempOf(dir) }
  })
}

describe('metric-diff after evaluate', () => {
  test("renders evaluate's results: verdict, intervals, rule statuses and the baseline it found", async () => {
    const labels = [1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1]
    const scores = [0.9, 0.2, 0.8, 0.4, 0.3, 0.7, 0.6, 0.1, 0.95, 0.35, 0.45, 0.85]
    const rows = labels.map((label, i) => `${i},${['EU', 'US'][i % 2]},${label},${scores[i]}`)
    const dir = await workspace({
      'policy.yaml': POLICY,
      'predictions.csv': ['id,region,label,score', ...rows].join('\n') + '\n',
      'baseline.json': '{"accuracy": 0.95, "log_loss": 0.4}'
    })
    const pull = pullRequestEvent({ repo: REPO, number: 3 })
    const evaluated = await step(
      'evaluate',
      dir,
      {
        predictions: 'predictions.csv',
        'score-column': 'score',
        'slice-columns': 'region',
        policy: 'policy.yaml',
        baseline: 'baseline.json',
        bootstrap: '200',
        seed: '7',
        'check-name': ''
      },
      'pull_request',
      pull
    )
    expect(evaluated.outputs.verdict).toBe('fail')

    const diff = await step(
      'metric-diff',
      dir,
      { results: path.relative(dir, evaluated.outputs.results), comment: 'never' },
      'pull_request',
      pull
    )
    expectOk(diff)
    expect(diff.summary).toContain('**Verdict: ⛔ fail**')
    expect(diff.summary).toContain('baseline: file (baseline.json)')
    expect(diff.summary).toMatch(
      /\| accuracy \| 0\.95 \| 0\.75 \| [0-9.]+ – [0-9.]+ \| −0\.2 \| −21\.05% \| ⛔ fail \|/
    )
    expect(diff.summary).toContain('<summary>by region (2 slices)</summary>')
    expect(JSON.parse(diff.outputs.regressions)).toContain('accuracy')
  })

  test('an inconclusive verdict and rule are shown as such, not as a pass or a failure (issue 13)', async () => {
    // 12 examples only the baseline gets right, 9 only the candidate, of 600: a drop of 0.005 that neither
    // significantly exceeds max_drop 0.01 nor is significantly within it.
    const csv = (wrong: (i: number) => boolean) =>
      [
        'id,label,prediction',
        ...Array.from({ length: 600 }, (_, i) => `e${i},${i % 2},${wrong(i) ? 1 - (i % 2) : i % 2}`)
      ].join('\n') + '\n'
    const dir = await workspace({
      'policy.yaml':
        'metrics:\n  accuracy: { direction: higher, max_drop: 0.01 }\nsignificance: { method: mcnemar }\n',
      'candidate.csv': csv(i => i < 12),
      'baseline.csv': csv(i => i >= 12 && i < 21)
    })
    const pull = pullRequestEvent({ repo: REPO, number: 4 })
    const evaluated = await step(
      'evaluate',
      dir,
      {
        predictions: 'candidate.csv',
        'baseline-predictions': 'baseline.csv',
        policy: 'policy.yaml',
        bootstrap: '0',
        'check-name': ''
      },
      'pull_request',
      pull
    )
    expectOk(evaluated)
    expect(evaluated.outputs.verdict).toBe('inconclusive')
    const diff = await step(
      'metric-diff',
      dir,
      { results: path.relative(dir, evaluated.outputs.results), comment: 'never' },
      'pull_request',
      pull
    )
    expectOk(diff)
    expect(diff.summary).toContain('**Verdict: ❓ inconclusive (no evidence either way)**')
    expect(diff.summary).toMatch(/\| accuracy \| [0-9.]+ \| [0-9.]+ \|.*\| ❓ inconclusive \|/)
  })

  test('baseline: auto reads the results evaluate recorded in its check run on the base commit', async () => {
    const base = github.state.addCommit({ branch: 'main' })
    const head = github.state.addCommit({ branch: 'feature', parents: [base.sha] })
    const pushed = await step(
      'evaluate',
      await workspace({ 'metrics.json': '{"accuracy": 0.9, "val_loss": 0.3}' }),
      { metrics: 'metrics.json' },
      'push',
      pushEvent({ repo: REPO, after: base.sha, before: '0'.repeat(40) })
    )
    expectOk(pushed)
    const pull = github.state.addPull({ head: 'feature' })
    const diff = await step(
      'metric-diff',
      await workspace({ 'metrics.json': '{"accuracy": 0.93, "val_loss": 0.35}' }),
      { metrics: 'metrics.json' },
      'pull_request',
      pullRequestEvent({ repo: REPO, number: pull.number, baseSha: base.sha, headSha: head.sha })
    )
    expectOk(diff)
    expect(diff.stdout).toContain(`baseline: check-run at ${base.sha.slice(0, 12)}`)
    const [comment] = github.state.comments(pull.number)
    expect(comment.body).toContain('| accuracy | 0.9 | 0.93 | +0.03 | +3.333% | ✅ improved |')
    expect(comment.body).toContain('| val\\_loss | 0.3 | 0.35 | +0.05 | +16.67% | ❌ regressed |')
  })

  test('charts the history evaluate recorded on the base branch, ending with the pull request', async () => {
    let parent = github.state.addCommit({ branch: 'main' }).sha
    for (const accuracy of [0.88, 0.9, 0.91]) {
      const sha = github.state.addCommit({ branch: 'main', parents: [parent] }).sha
      const pushed = await step(
        'evaluate',
        await workspace({ 'metrics.json': JSON.stringify({ accuracy }) }),
        { metrics: 'metrics.json' },
        'push',
        pushEvent({ repo: REPO, after: sha, before: parent })
      )
      expectOk(pushed)
      parent = sha
    }
    const pull = github.state.addPull({ head: 'feature' })
    const diff = await step(
      'metric-diff',
      await workspace({ 'metrics.json': '{"accuracy": 0.93}' }),
      { metrics: 'metrics.json', history: '5' },
      'pull_request',
      pullRequestEvent({ repo: REPO, number: pull.number, baseSha: parent, headSha: pull.head.sha })
    )
    expectOk(diff)
    const [comment] = github.state.comments(pull.number)
    expect(comment.body).toContain('```mermaid\nxychart-beta\n    title "accuracy"')
    expect(comment.body).toContain(`    line [0.88, 0.9, 0.91, 0.93]`)
    expect(comment.body).toContain(`"PR #${pull.number}"]`)
    expect(github.callsTo('GET /repos/{owner}/{repo}/commits')).toHaveLength(1)
  })

  test('a results file that is not one is refused with the fix', async () => {
    const dir = await workspace({ 'results.json': '{"schemaVersion": 2}', 'broken.json': '{"a": }' })
    const wrong = await step(
      'metric-diff',
      dir,
      { results: 'results.json', comment: 'never' },
      'push',
      pushEvent()
    )
    expect(wrong.exitCode).toBe(1)
    expect(wrong.annotations[0].message).toMatch(
      /results.json is not an mlci evaluate results file .*Point 'results' at/
    )
    const broken = await step(
      'metric-diff',
      dir,
      { results: 'broken.json', comment: 'never' },
      'push',
      pushEvent()
    )
    expect(broken.annotations[0]).toMatchObject({ file: 'broken.json', line: 1 })
    const both = await step(
      'metric-diff',
      dir,
      { results: 'results.json', metrics: 'x.json' },
      'push',
      pushEvent()
    )
    expect(both.annotations[0].message).toMatch(/not both/)
  })
})
