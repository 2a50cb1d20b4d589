import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { startGitHubFake, type GitHubFake } from './fakes/github/server.js'
import { pushEvent } from './harness/events.js'
import { runAction, type RunResult } from './harness/run-action.js'

/**
 * metric-diff end to end on values that are not ordinary numbers (NaN, ±Infinity, from metric files and from
 * evaluate's results file, older ones included) and on metric names that are properties of every object.
 */
const REPO = { owner: 'octo-org', name: 'models' }

let github: GitHubFake
beforeEach(async () => {
  github = await startGitHubFake({ owner: REPO.owner, repo: REPO.name })
})
afterEach(async () => {
  expect(github.validationErrors).toEqual([])
  await github.close()
})

async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mlci-md-numbers-'))
  await mkdir(`${dir}.runner-temp`)
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text)
  return dir
}

/** One step of a push job: the steps of a job share RUNNER_TEMP, where evaluate writes its results. */
function step(action: string, dir: string, inputs: Record<string, string>): Promise<RunResult> {
  return runAction({
    action,
    workspace: dir,
    inputs: { ...(action === 'metric-diff' ? { history: '0' } : {}), ...inputs },
    event: 'push',
    eventPayload: pushEvent({ repo: REPO, after: github.state.addCommit({ branch: 'main' }).sha }),
    token: 'ghs_workflow_token',
    env: { GITHUB_API_URL: github.url, RUNNER_TEMP: `${dir}.runner-temp` }
  })
}

const rowOf = (summary: string, name: string) =>
  summary.split('\n').find(line => line.startsWith(`| ${name} |`))

describe('metric-diff: values that are not finite numbers', () => {
  test('loss 0.2 → ∞ is a regression, not unchanged; a NaN baseline is no baseline, not a regression', async () => {
    const dir = await workspace({
      'candidate.yaml': 'loss: .inf\naccuracy: 0.91\nf1: .nan\nauc: 0.8\nprecision: .nan\nerror: -.inf\n',
      'baseline.yaml': 'loss: 0.2\naccuracy: .nan\nf1: 0.8\nauc: 0.8\nprecision: .nan\nerror: 0.1\n'
    })
    const result = await step('metric-diff', dir, {
      metrics: 'candidate.yaml',
      baseline: 'baseline.yaml',
      'fail-on-regression': 'true'
    })
    expect(JSON.parse(result.outputs.regressions)).toEqual(['loss', 'f1', 'error'])
    expect(result.exitCode).toBe(1)
    expect(rowOf(result.summary, 'loss')).toBe('| loss | 0.2 | ∞ | — | — | ❌ regressed |')
    expect(rowOf(result.summary, 'f1')).toBe('| f1 | 0.8 | NaN | — | — | ❌ regressed |')
    // −∞ for a lower-is-better metric is not an improvement either: it is no measurement.
    expect(rowOf(result.summary, 'error')).toBe('| error | 0.1 | −∞ | — | — | ❌ regressed |')
    expect(rowOf(result.summary, 'accuracy')).toBe('| accuracy | NaN | 0.91 | — | — | 🆕 new |')
    expect(rowOf(result.summary, 'precision')).toBe('| precision | NaN | NaN | — | — | ❔ undefined |')
    expect(result.summary).toMatch(/^- accuracy: .*baseline.*NaN/m)
    expect(result.summary).toContain('| auc | 0.8 | 0.8 | 0 | 0% | ➖ unchanged |')
  })

  test("evaluate's results keep ∞ and NaN for metric-diff; an older results file (null and a reason) still reads", async () => {
    const dir = await workspace({
      'metrics.yaml': 'loss: .inf\naccuracy: .nan\nf1: 0.9\n',
      'baseline.json': '{"loss": 0.2, "accuracy": 0.9, "f1": 0.9}',
      'policy.yaml':
        'metrics:\n  loss: { direction: lower, max_increase_pct: 10 }\n  accuracy: { direction: higher, min: 0.5 }\n',
      'old-results.json': JSON.stringify({
        schemaVersion: 1,
        createdAt: '2026-01-01T00:00:00Z',
        commit: null,
        verdict: 'pass',
        candidate: {
          source: 'predictions',
          metrics: {
            roc_auc: { value: null, reason: 'only one class in the labels' },
            accuracy: { value: 0.9 }
          }
        },
        baseline: { source: 'none', commit: null, metrics: null },
        rules: []
      })
    })
    const evaluated = await step('evaluate', dir, {
      metrics: 'metrics.yaml',
      baseline: 'baseline.json',
      policy: 'policy.yaml',
      'check-name': ''
    })
    expect(evaluated.outputs.verdict).toBe('fail')
    const diffed = await step('metric-diff', dir, { results: evaluated.outputs.results })
    expect(diffed.exitCode).toBe(0)
    expect(rowOf(diffed.summary, 'loss')).toBe('| loss | 0.2 | ∞ | — | — | ⛔ fail |')
    expect(rowOf(diffed.summary, 'accuracy')).toBe('| accuracy | 0.9 | NaN | — | — | ⛔ fail |')

    const old = await step('metric-diff', dir, { results: 'old-results.json' })
    expect(old.exitCode).toBe(0)
    expect(rowOf(old.summary, 'roc\\_auc')).toBe('| roc\\_auc | — | — | — | — | ❔ undefined |')
    expect(old.summary).toContain('- roc\\_auc: only one class in the labels')
  })
})

describe('metric-diff: metric names that are properties of every object', () => {
  test('are compared and shown like any name, from metric files and from evaluate results', async () => {
    const dir = await workspace({
      'candidate.json': '{"constructor": 0.5, "toString": 0.7, "__proto__": 0.2, "hasOwnProperty": 0.9}',
      'baseline.json':
        '{"constructor": 0.6, "toString": 0.7, "__proto__": 0.3, "hasOwnProperty": 0.8, "valueOf": 1}',
      'policy.yaml':
        'metrics:\n  constructor: { direction: higher, max_drop: 0.05 }\n  __proto__: { direction: lower, max: 1 }\n'
    })
    const plain = await step('metric-diff', dir, {
      metrics: 'candidate.json',
      baseline: 'baseline.json',
      show: 'all'
    })
    expect(plain.exitCode).toBe(0)
    expect(rowOf(plain.summary, 'constructor')).toBe(
      '| constructor | 0.6 | 0.5 | −0.1 | −16.67% | 🔄 changed |'
    )
    expect(rowOf(plain.summary, 'toString')).toBe('| toString | 0.7 | 0.7 | 0 | 0% | ➖ unchanged |')
    expect(rowOf(plain.summary, '\\_\\_proto\\_\\_')).toBe(
      '| \\_\\_proto\\_\\_ | 0.3 | 0.2 | −0.1 | −33.33% | 🔄 changed |'
    )
    expect(rowOf(plain.summary, 'hasOwnProperty')).toBe(
      '| hasOwnProperty | 0.8 | 0.9 | +0.1 | +12.5% | 🔄 changed |'
    )
    expect(rowOf(plain.summary, 'valueOf')).toBe('| valueOf | 1 | — | — | — | 🗑️ removed |')

    const evaluated = await step('evaluate', dir, {
      metrics: 'candidate.json',
      baseline: 'baseline.json',
      policy: 'policy.yaml',
      'check-name': ''
    })
    expect(evaluated.outputs.verdict).toBe('fail')
    const fromResults = await step('metric-diff', dir, { results: evaluated.outputs.results, show: 'all' })
    expect(fromResults.exitCode).toBe(0)
    expect(rowOf(fromResults.summary, 'constructor')).toMatch(/ ⛔ fail \|$/)
    // __proto__ got better under its rule's direction (lower); the others have no direction at all.
    expect(rowOf(fromResults.summary, '\\_\\_proto\\_\\_')).toMatch(/ ✅ improved \|$/)
    expect(rowOf(fromResults.summary, 'hasOwnProperty')).toMatch(/ 🔄 changed \|$/)
    expect(rowOf(fromResults.summary, 'toString')).toMatch(/ ➖ unchanged \|$/)
    expect(rowOf(fromResults.summary, 'valueOf')).toMatch(/ 🗑️ removed \|$/)
  })
})
