import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { runAction, type RunResult } from '../harness/run-action.js'
import { pushEvent } from '../harness/events.js'
import { startGitHubFake, type GitHubFake } from '../fakes/github/server.js'
import { runPython } from '../oracles/python.js'
import { describeIfPython } from '../oracles/python-gate.js'
import { resultsSchemaErrors } from './results-schema.js'

/**
 * evaluate's gate through the bundle (issue 13): the hypothesis both significance methods test, thresholds on
 * their exact boundary, three-way verdicts and their check conclusion, and the prediction files the paired
 * tests read (task detection, empty labels, multiclass pairing).
 */
async function run(
  files: Record<string, string>,
  inputs: Record<string, string>,
  extra: { env?: Record<string, string>; event?: string; eventPayload?: object; token?: string } = {}
): Promise<RunResult> {
  const workspace = await mkdtemp(path.join(tmpdir(), 'mlci-evaluate-gate-'))
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(workspace, name), text)
  return runAction({ action: 'evaluate', workspace, inputs: { 'check-name': '', ...inputs }, ...extra })
}

const resultsOf = (result: RunResult) => JSON.parse(readFileSync(result.outputs.results, 'utf8'))

/**
 * n binary examples; the first `baselineOnly` rows only the baseline gets right, the next `candidateOnly`
 * rows only the candidate: the accuracy drop is (baselineOnly − candidateOnly) / n.
 */
function discordantFiles(n: number, baselineOnly: number, candidateOnly: number) {
  const make = (wrong: (i: number) => boolean) =>
    [
      'id,label,prediction',
      ...Array.from({ length: n }, (_, i) => `ex${i},${i % 2},${wrong(i) ? 1 - (i % 2) : i % 2}`)
    ].join('\n') + '\n'
  return {
    'candidate.csv': make(i => i < baselineOnly),
    'baseline.csv': make(i => i >= baselineOnly && i < baselineOnly + candidateOnly)
  }
}

const pairedInputs = {
  predictions: 'candidate.csv',
  'baseline-predictions': 'baseline.csv',
  'id-column': 'id',
  policy: 'policy.yaml',
  bootstrap: '0'
}

/**
 * Tango (1998)'s score test of H0: drop ≤ margin for paired proportions, computed independently: the
 * restricted maximum-likelihood estimate by numerical optimisation (SciPy), not by the closed form we use.
 */
const TANGO_PY = String.raw`
import json, sys, numpy as np
from scipy.optimize import minimize_scalar
from scipy.stats import norm
def tango(b, c, n, d):
    a = n - b - c
    f = lambda p: -(b * np.log(p + d) + c * np.log(p) + a * np.log(1 - 2 * p - d))
    p = minimize_scalar(f, bounds=(1e-300, (1 - d) / 2 - 1e-15), method='bounded', options={'xatol': 1e-15}).x
    z = (b - c - n * d) / np.sqrt(n * (2 * p + d * (1 - d)))
    return {'z': z, 'beyond': norm.sf(z), 'within': norm.cdf(z)}
print(json.dumps([tango(*case) for case in json.load(sys.stdin)]))
`

describeIfPython({ scipy: 'python3-scipy' })('significance tests H0: drop ≤ max_drop', () => {
  test('mcnemar: a drop of 0.0105 against max_drop 0.01 is not a significant excess (Tango), as in the paired bootstrap', async () => {
    // 1105 examples only the baseline gets right, 895 only the candidate: drop 210 / 20000 = 0.0105.
    const files = {
      ...discordantFiles(20000, 1105, 895),
      'policy.yaml':
        'metrics:\n  accuracy: { direction: higher, max_drop: 0.01 }\nsignificance: { level: 0.05, method: mcnemar }\n'
    }
    const [oracle] = await runPython<{ z: number; beyond: number; within: number }[]>(TANGO_PY, [
      [1105, 895, 20000, 0.01]
    ])
    const mcnemar = await run(files, pairedInputs)
    const rule = resultsOf(mcnemar).rules[0]
    expect(rule.actual).toBeCloseTo(0.0105, 12)
    expect(rule.status).not.toBe('fail')
    expect(mcnemar.outputs.verdict).toBe('inconclusive')
    expect(Math.abs(rule.significance.pValue - oracle.beyond)).toBeLessThan(1e-7)
    expect(Math.abs(rule.significance.pWithin - oracle.within)).toBeLessThan(1e-7)
    const bootstrap = await run(
      { ...files, 'policy.yaml': files['policy.yaml'].replace('mcnemar', 'paired-bootstrap') },
      { ...pairedInputs, bootstrap: '2000' }
    )
    const bootstrapRule = resultsOf(bootstrap).rules[0]
    expect(bootstrap.outputs.verdict).toBe('inconclusive')
    // The same hypothesis: the two p-values agree to within the bootstrap's resolution.
    expect(Math.abs(bootstrapRule.significance.pValue - oracle.beyond)).toBeLessThan(0.06)
  })

  test('mcnemar: with too few discordant examples the normal approximation decides nothing: inconclusive', async () => {
    // 4 of 100 examples only the baseline gets right, none only the candidate, against max_drop 0: z = 2,
    // p = 0.023 by the normal approximation, where the exact binomial test says 0.0625.
    const exact = await runPython<number>(String.raw`
from scipy.stats import binomtest
print(binomtest(4, 4, 0.5, alternative='greater').pvalue)`)
    const result = await run(
      {
        ...discordantFiles(100, 4, 0),
        'policy.yaml':
          'metrics:\n  accuracy: { direction: higher, max_drop: 0 }\nsignificance: { method: mcnemar }\n'
      },
      pairedInputs
    )
    const rule = resultsOf(result).rules[0]
    expect(exact).toBeGreaterThan(0.05)
    expect(rule.significance.pValue).toBeLessThan(0.05)
    expect(rule.status).toBe('inconclusive')
    expect(rule.significance.tooFew).toMatch(/needs 20/)
    expect(result.outputs.verdict).toBe('inconclusive')
    expect(resultsSchemaErrors(result.outputs.results)).toEqual([])
  })

  test('mcnemar: a drop clearly beyond max_drop fails, a gain passes, each with the p-values of the oracle', async () => {
    const policy =
      'metrics:\n  accuracy: { direction: higher, max_drop: 0.01 }\nsignificance: { level: 0.05, method: mcnemar }\n'
    const oracle = await runPython<{ beyond: number; within: number }[]>(TANGO_PY, [
      [700, 300, 20000, 0.01],
      [300, 500, 20000, 0.01]
    ])
    const beyond = await run({ ...discordantFiles(20000, 700, 300), 'policy.yaml': policy }, pairedInputs)
    const within = await run({ ...discordantFiles(20000, 300, 500), 'policy.yaml': policy }, pairedInputs)
    expect(beyond.exitCode).toBe(1)
    expect(beyond.outputs.verdict).toBe('fail')
    expect(within.exitCode).toBe(0)
    expect(within.outputs.verdict).toBe('pass')
    const [b, w] = [resultsOf(beyond).rules[0], resultsOf(within).rules[0]]
    expect(Math.abs(b.significance.pValue - oracle[0].beyond)).toBeLessThan(1e-7)
    expect(Math.abs(w.significance.pWithin - oracle[1].within)).toBeLessThan(1e-7)
  })
})

describeIfPython({ scipy: 'python3-scipy' })('significance method bootstrap: the candidate alone', () => {
  test("its resamples against the baseline's value: p-values as the normal approximation has them", async () => {
    // 2000 examples, 200 wrong: accuracy 0.9; a baseline file says 0.905 (drop 0.005) or 0.95 (drop 0.05).
    const predictions =
      [
        'label,prediction',
        ...Array.from({ length: 2000 }, (_, i) => `${i % 2},${i < 200 ? 1 - (i % 2) : i % 2}`)
      ].join('\n') + '\n'
    const policy =
      'metrics:\n  accuracy: { direction: higher, max_drop: 0.01 }\nsignificance: { method: bootstrap }\n'
    const oracle = await runPython<number[]>(String.raw`
import json
from scipy.stats import norm
se = (0.9 * 0.1 / 2000) ** 0.5
# p = P(regression* <= 0.01) = P(accuracy* >= baseline - 0.01)
print(json.dumps([norm.sf((b - 0.01 - 0.9) / se) for b in (0.905, 0.95)]))`)
    const outcomes = []
    for (const baseline of [0.905, 0.95]) {
      const result = await run(
        {
          'p.csv': predictions,
          'baseline.json': JSON.stringify({ accuracy: baseline }),
          'policy.yaml': policy
        },
        { predictions: 'p.csv', baseline: 'baseline.json', policy: 'policy.yaml', bootstrap: '2000' }
      )
      const rule = resultsOf(result).rules[0]
      outcomes.push([result.outputs.verdict, rule.significance.method])
      expect(Math.abs(rule.significance.pValue - oracle[outcomes.length - 1])).toBeLessThan(0.03)
    }
    expect(outcomes).toEqual([
      ['inconclusive', 'bootstrap'],
      ['fail', 'bootstrap']
    ])
  })
})

describe('thresholds on their exact decimal boundary', () => {
  test.each([
    ['max_drop: 0.01', 'higher', 0.86, 0.85],
    ['max_drop_pct: 2', 'higher', 0.5, 0.49],
    ['max_increase: 0.1', 'lower', 0.3, 0.4],
    ['max: 0.3', 'lower', 0.3, 0.1 + 0.2],
    ['min: 0.7', 'higher', 0.7, 0.1 * 7]
  ])('%s: %s, baseline %p, candidate %p, passes', async (rule, direction, before, after) => {
    const result = await run(
      {
        'metrics.json': JSON.stringify({ m: after }),
        'baseline.json': JSON.stringify({ m: before }),
        'policy.yaml': `metrics:\n  m: { direction: ${direction}, ${rule} }\n`
      },
      { metrics: 'metrics.json', baseline: 'baseline.json', policy: 'policy.yaml' }
    )
    expect(
      resultsOf(result).rules.map((r: { status: string; message: string }) => [r.status, r.message])
    ).toEqual([['pass', expect.anything()]])
    expect(result.outputs.verdict).toBe('pass')
    expect(result.exitCode).toBe(0)
  })
})

describe('inconclusive verdicts', () => {
  let github: GitHubFake
  const REPO = { owner: 'octo-org', name: 'models' }
  beforeEach(async () => {
    github = await startGitHubFake({ owner: REPO.owner, repo: REPO.name })
  })
  afterEach(async () => {
    expect(github.validationErrors).toEqual([])
    await github.close()
  })

  // 12 examples only the baseline gets right, 9 only the candidate, of 600: drop 0.005, max_drop 0.01,
  // yet too few examples to tell the drop from one of 0.01 (z = −0.65).
  const files = {
    ...discordantFiles(600, 12, 9),
    'policy.yaml':
      'metrics:\n  accuracy: { direction: higher, max_drop: 0.01 }\nsignificance: { level: 0.05, method: mcnemar }\n'
  }

  test.each([
    ['', 'neutral', 0, 'true'],
    ['failure', 'failure', 1, 'false'],
    ['success', 'success', 0, 'true']
  ])(
    'inconclusive-conclusion %p: check conclusion %s, exit %p, passed %s',
    async (setting, conclusion, exit, passed) => {
      const commit = github.state.addCommit({ branch: 'main' })
      const result = await run(
        files,
        {
          ...pairedInputs,
          'check-name': 'mlci/evaluate',
          ...(setting ? { 'inconclusive-conclusion': setting } : {})
        },
        {
          env: { GITHUB_API_URL: github.url },
          token: 'ghs_workflow_token',
          event: 'push',
          eventPayload: pushEvent({ repo: REPO, after: commit.sha, before: '0'.repeat(40) })
        }
      )
      if (result.exitCode !== exit)
        throw new Error(`exit ${result.exitCode}\n${result.stdout}\n${result.stderr}`)
      expect(result.outputs.verdict).toBe('inconclusive')
      expect(result.outputs.passed).toBe(passed)
      expect(resultsSchemaErrors(result.outputs.results)).toEqual([])
      const results = resultsOf(result)
      expect(results.verdict).toBe('inconclusive')
      expect(results.rules[0]).toMatchObject({ status: 'inconclusive' })
      expect(result.summary).toContain('inconclusive')
      const checkRun = [...github.state.repo().checkRuns.values()].find(r => r.headSha === commit.sha)!
      expect(checkRun.conclusion).toBe(conclusion)
      expect(checkRun.output.title).toMatch(/inconclusive/)
    }
  )
})

describe('prediction files for the gate', () => {
  test('an empty multiclass label is an error at its file and line, not a class', async () => {
    const result = await run(
      { 'p.csv': 'label,prediction\ncat,cat\ndog,cat\n,dog\nbird,bird\n' },
      { predictions: 'p.csv' }
    )
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(/p\.csv:4: label is empty/)
  })

  test('integer labels with fractional predictions are a regression task', async () => {
    const rows = Array.from(
      { length: 40 },
      (_, i) => `${(i % 5) + 1},${((i % 5) + 1 + ((i % 3) - 1) * 0.25).toFixed(2)}`
    )
    const result = await run(
      { 'p.csv': ['label,prediction', ...rows].join('\n') + '\n' },
      { predictions: 'p.csv' }
    )
    expect(result.exitCode).toBe(0)
    expect(resultsOf(result).candidate.task).toBe('regression')
  })

  test('paired files are paired by id-column, in any order', async () => {
    const files = discordantFiles(600, 40, 5)
    const [header, ...rows] = files['baseline.csv'].trimEnd().split('\n')
    // The baseline's rows reversed: the same examples, another order.
    const shuffled = { ...files, 'baseline.csv': [header, ...rows.reverse()].join('\n') + '\n' }
    const policy =
      'metrics:\n  accuracy: { direction: higher, max_drop: 0.01 }\nsignificance: { method: mcnemar }\n'
    const inOrder = await run({ ...files, 'policy.yaml': policy }, pairedInputs)
    const reordered = await run({ ...shuffled, 'policy.yaml': policy }, pairedInputs)
    expect(reordered.stdout).not.toMatch(/same order/)
    expect(reordered.exitCode).toBe(inOrder.exitCode)
    expect(resultsOf(reordered).rules).toEqual(resultsOf(inOrder).rules)
    expect(resultsOf(reordered).rules[0]).toMatchObject({
      status: 'fail',
      significance: { method: 'mcnemar' }
    })
  })

  test('paired multiclass: the candidate may predict a class the baseline never predicts', async () => {
    const labels = ['cat', 'dog', 'bird', 'cat', 'dog', 'bird', 'cat', 'dog']
    // 'ant' sorts before every class the baseline knows: class indices of the two files differ.
    const candidate = ['ant', 'dog', 'bird', 'cat', 'dog', 'bird', 'cat', 'dog']
    const baseline = ['cat', 'cat', 'cat', 'cat', 'dog', 'dog', 'cat', 'dog']
    const csv = (predicted: string[]) =>
      ['id,label,prediction', ...labels.map((label, i) => `e${i},${label},${predicted[i]}`)].join('\n') + '\n'
    const result = await run(
      {
        'candidate.csv': csv(candidate),
        'baseline.csv': csv(baseline),
        'policy.yaml':
          'metrics:\n  accuracy: { direction: higher, max_drop: 0.01 }\nsignificance: { level: 0.05, method: mcnemar }\n'
      },
      { ...pairedInputs, task: 'multiclass' }
    )
    expect(result.stdout).not.toMatch(/different label/)
    expect(result.exitCode).toBe(0)
    const rule = resultsOf(result).rules[0]
    expect(rule.actual).toBeCloseTo(-2 / 8, 12)
    expect(rule.significance.method).toBe('mcnemar')
  })
})
