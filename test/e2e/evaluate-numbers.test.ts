import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { pushEvent } from '../harness/events.js'
import { runAction, type RunResult } from '../harness/run-action.js'
import { startGitHubFake, type GitHubFake } from '../fakes/github/server.js'
import { decodeDigest } from '../../shared/metrics/results-digest.js'
import type { Results, RuleResult } from '../../shared/metrics/results.js'
import { resultsSchemaErrors } from './results-schema.js'

/**
 * evaluate end to end on the numbers a metrics file may hold that are not ordinary ones: NaN, ±Infinity, null,
 * YAML aliases, and metric names that are properties of every JavaScript object. None of them may pass a rule
 * it was not measured against, and the results file says what each one was.
 */
const REPO = { owner: 'octo-org', name: 'ml-model' }

let github: GitHubFake
beforeEach(async () => {
  github = await startGitHubFake({ owner: REPO.owner, repo: REPO.name })
})
afterEach(async () => {
  expect(github.validationErrors).toEqual([])
  await github.close()
})

async function evaluate(files: Record<string, string>, inputs: Record<string, string>): Promise<RunResult> {
  const workspace = await mkdtemp(path.join(tmpdir(), 'mlci-evaluate-numbers-'))
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(workspace, name), text)
  const sha = github.state.addCommit({ branch: 'main' }).sha
  return runAction({
    action: 'evaluate',
    workspace,
    event: 'push',
    eventPayload: pushEvent({ repo: REPO, after: sha }),
    token: 'ghs_workflow_token',
    env: { GITHUB_API_URL: github.url },
    inputs: { policy: 'policy.yaml', ...inputs }
  })
}

const resultsOf = (result: RunResult): Results => JSON.parse(readFileSync(result.outputs.results, 'utf8'))
const rulesOf = (result: RunResult, metric: string): Partial<RuleResult>[] =>
  resultsOf(result)
    .rules.filter(rule => rule.metric === metric)
    .map(({ rule, status, actual }) => ({ rule, status, actual }))

describe('evaluate: values that are not finite numbers', () => {
  test('NaN, ±Infinity and null pass no rule, value or change; the results file keeps what they were', async () => {
    const result = await evaluate(
      {
        'metrics.yaml': [
          'accuracy: .nan',
          'recall: .inf',
          'loss: .inf',
          'latency: -.inf',
          'f1: 0.91',
          'auc: ~',
          ''
        ].join('\n'),
        'baseline.yaml': 'accuracy: 0.9\nrecall: 0.8\nloss: 0.2\nlatency: 30\nf1: 0.9\nauc: 0.8\n',
        'policy.yaml': [
          'metrics:',
          '  accuracy: { direction: higher, min: 0.9, max_drop: 0.01 }',
          '  recall: { direction: higher, min: 0.5, warn_drop: 0.01 }',
          '  loss: { direction: lower, max_increase_pct: 10 }',
          '  latency: { direction: lower, max: 50 }',
          '  f1: { direction: higher, min: 0.9 }',
          '  auc: { direction: higher, min: 0.7 }',
          'missing: pass',
          ''
        ].join('\n')
      },
      { metrics: 'metrics.yaml', baseline: 'baseline.yaml' }
    )
    expect(result.exitCode).toBe(1)
    expect(result.outputs.verdict).toBe('fail')
    expect(rulesOf(result, 'accuracy')).toEqual([
      { rule: 'min', status: 'fail', actual: null },
      { rule: 'max_drop', status: 'fail', actual: null }
    ])
    // +∞ is not "at least 0.5": a warn-only rule still warns, it never passes.
    expect(rulesOf(result, 'recall')).toEqual([
      { rule: 'min', status: 'fail', actual: null },
      { rule: 'warn_drop', status: 'warn', actual: null }
    ])
    expect(rulesOf(result, 'loss')).toEqual([{ rule: 'max_increase_pct', status: 'fail', actual: null }])
    expect(rulesOf(result, 'latency')).toEqual([{ rule: 'max', status: 'fail', actual: null }])
    expect(rulesOf(result, 'f1')).toEqual([{ rule: 'min', status: 'pass', actual: 0.91 }])
    // A metric with no value is the `missing` policy's to decide; `missing: pass` skips it, it does not pass it.
    expect(rulesOf(result, 'auc')).toEqual([{ rule: 'missing', status: 'skipped', actual: null }])
    expect(resultsOf(result).rules.find(rule => rule.metric === 'accuracy')!.message).toMatch(/NaN/)

    expect(resultsSchemaErrors(result.outputs.results)).toEqual([])
    const metrics = resultsOf(result).candidate.metrics
    expect(metrics.accuracy).toEqual({ value: null, nonFinite: 'NaN', reason: expect.stringMatching(/NaN/) })
    expect(metrics.loss).toEqual({ value: null, nonFinite: 'Infinity', reason: expect.any(String) })
    expect(metrics.latency).toEqual({ value: null, nonFinite: '-Infinity', reason: expect.any(String) })
    expect(metrics.auc).toEqual({ value: null, reason: expect.stringMatching(/null|no value/) })
    expect(JSON.parse(result.outputs.metrics)).toEqual({ f1: 0.91 })
    expect(result.summary).toMatch(/\| accuracy \| NaN \|/)
    expect(result.summary).toMatch(/\| loss \| ∞ \|/)
    // The check run's digest (the next run's baseline) carries the same.
    const [run] = [...github.state.repo().checkRuns.values()]
    expect(decodeDigest(run.output.summary, run.headSha)?.metrics.loss).toEqual(metrics.loss)
  })

  test('a NaN baseline is no baseline: change rules are skipped and say why, never failed or passed', async () => {
    const result = await evaluate(
      {
        'metrics.json': '{"accuracy": 0.7, "loss": 0.3}',
        'baseline.yaml': 'accuracy: .nan\nloss: .inf\n',
        'policy.yaml':
          'metrics:\n  accuracy: { direction: higher, max_drop: 0.01 }\n  loss: { direction: lower, max_increase: 0.01 }\n'
      },
      { metrics: 'metrics.json', baseline: 'baseline.yaml' }
    )
    expect(result.exitCode).toBe(0)
    expect(rulesOf(result, 'accuracy')).toEqual([{ rule: 'max_drop', status: 'skipped', actual: null }])
    expect(rulesOf(result, 'loss')).toEqual([{ rule: 'max_increase', status: 'skipped', actual: null }])
    const messages = resultsOf(result).rules.map(rule => rule.message)
    expect(messages).toEqual([expect.stringMatching(/baseline.*NaN/), expect.stringMatching(/baseline.*∞/)])
    expect(resultsSchemaErrors(result.outputs.results)).toEqual([])
  })

  test('YAML aliases in a metrics file are resolved, not dropped', async () => {
    const result = await evaluate(
      {
        'metrics.yaml': 'reference: &acc 0.8\naccuracy: *acc\neval: &eval { f1: 0.7 }\ntest: *eval\n',
        'policy.yaml': 'metrics:\n  accuracy: { min: 0.9 }\n  test.f1: { min: 0.5 }\n'
      },
      { metrics: 'metrics.yaml', baseline: 'none' }
    )
    expect(result.exitCode).toBe(1)
    expect(JSON.parse(result.outputs.metrics)).toEqual({
      reference: 0.8,
      accuracy: 0.8,
      'eval.f1': 0.7,
      'test.f1': 0.7
    })
    expect(rulesOf(result, 'accuracy')).toEqual([{ rule: 'min', status: 'fail', actual: 0.8 }])
  })
})

describe('evaluate: metric names that are properties of every object', () => {
  const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty']

  test('are read, gated and reported like any name; a policy naming one the candidate lacks finds it missing', async () => {
    const result = await evaluate(
      {
        // As text: in an object literal, `__proto__: 0.2` would set the prototype, not write the key.
        'metrics.json': '{"constructor": 0.5, "toString": 0.7, "__proto__": 0.2, "hasOwnProperty": 0.9}',
        'baseline.json': '{"constructor": 0.6, "toString": 0.7, "__proto__": 0.3, "hasOwnProperty": 0.9}',
        'policy.yaml': [
          'metrics:',
          ...NAMES.map(name => `  ${name}: { direction: higher, min: 0.6, max_drop: 0.05 }`),
          '  valueOf: { min: 0.1 }',
          '  isPrototypeOf: { direction: higher, max_drop: 0.1 }',
          ''
        ].join('\n')
      },
      { metrics: 'metrics.json', baseline: 'baseline.json' }
    )
    expect(result.exitCode).toBe(1)
    expect(JSON.parse(result.outputs.metrics)).toEqual(
      JSON.parse('{"constructor": 0.5, "toString": 0.7, "__proto__": 0.2, "hasOwnProperty": 0.9}')
    )
    const statuses = resultsOf(result).rules.map(rule => [rule.metric, rule.rule, rule.status])
    expect(statuses).toEqual([
      ['constructor', 'min', 'fail'],
      ['constructor', 'max_drop', 'fail'],
      ['toString', 'min', 'pass'],
      ['toString', 'max_drop', 'pass'],
      ['__proto__', 'min', 'fail'],
      ['__proto__', 'max_drop', 'fail'],
      ['hasOwnProperty', 'min', 'pass'],
      ['hasOwnProperty', 'max_drop', 'pass'],
      ['valueOf', 'missing', 'fail'],
      ['isPrototypeOf', 'missing', 'fail']
    ])
    const results = resultsOf(result)
    expect(Object.keys(results.candidate.metrics)).toEqual(NAMES)
    expect(Object.keys(results.baseline.metrics!)).toEqual(NAMES)
    expect(resultsSchemaErrors(result.outputs.results)).toEqual([])
    for (const name of NAMES) expect(result.summary).toContain(`| ${name.replace(/_/g, '\\_')} |`)
  })
})
