import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { runAction } from '../harness/run-action.js'
import { runPython } from '../oracles/python.js'
import { describeIfPython } from '../oracles/python-gate.js'
import { startPrometheus, type RunningPrometheus, type SeriesSpec } from '../servers/prometheus.js'
import { describeIfBinaries } from '../servers/test-if-binaries.js'
import { COMMAND_TARGET, deployWorkspace, targetLog } from './fixtures.js'

/**
 * The canary judge's decisions through the deploy bundle (issue 13), with a metrics command (run with node, no
 * shell) that prints fixed samples, so every number the judge sees is known.
 */
function metricsScript(samples: Record<string, unknown>): string {
  return `console.log(${JSON.stringify(JSON.stringify(samples))})\n`
}

async function deploy(
  analysis: string,
  samples: Record<string, unknown>,
  inputs: Record<string, string> = {}
) {
  const workspace = await deployWorkspace({ 'analysis.yml': analysis, 'metrics.mjs': metricsScript(samples) })
  const result = await runAction({
    action: 'deploy',
    workspace,
    inputs: {
      'model-uri': 'oci://127.0.0.1/models/churn:v2',
      environment: 'staging',
      stages: '50%:1s, 100%',
      interval: '1s',
      analysis: 'analysis.yml',
      'record-deployment': 'false',
      ...COMMAND_TARGET,
      ...inputs
    }
  })
  const report = result.outputs.report ? JSON.parse(await readFile(result.outputs.report, 'utf8')) : undefined
  return { result, report, log: await targetLog(workspace) }
}

/** Deterministic samples: `count` values spread ±5% around `center`. */
const spread = (center: number, count: number, seed: number) =>
  Array.from({ length: count }, (_, k) => center * (1 + 0.05 * Math.sin(k * 1.7 + seed)))

describe('critical effect-size gates (Kayenta NetflixACAJudge defaults)', () => {
  // Kayenta (NetflixACAJudge.scala) reads effectSize.criticalIncrease / criticalDecrease with the measure's
  // neutral effect as the default (1.0 for meanRatio, 0.5 for CLES), never the allowed_* values.
  test('a Low at mean ratio 1.06 with allowed_decrease 1.2 is not critical: Kayenta scores 80 and promotes', async () => {
    // The canary is mostly 20% lower, but one spike lifts its mean to 1.06 × the baseline's: the location shift is
    // a clear decrease (Low), the mean ratio 1.06 is within allowed_decrease 1.2 but above the neutral 1.0.
    const baseline = spread(1, 40, 1)
    const low = spread(0.8, 39, 2)
    const baselineMean = baseline.reduce((a, b) => a + b, 0) / baseline.length
    low.push(1.06 * baselineMean * 40 - low.reduce((a, b) => a + b, 0))
    const samples: Record<string, { canary: number[]; baseline: number[] }> = {
      throughput: { canary: low, baseline }
    }
    for (const name of ['m2', 'm3', 'm4', 'm5'])
      samples[name] = { canary: spread(1, 40, 3), baseline: spread(1, 40, 3) }
    const analysis = `provider: { command: [node, metrics.mjs] }
metrics:
  - { name: throughput, direction: decrease, critical: true, allowed_decrease: 1.2 }
  - { name: m2 }
  - { name: m3 }
  - { name: m4 }
  - { name: m5 }
`
    const { result, report } = await deploy(analysis, samples, { 'pass-score': '80', 'marginal-score': '50' })
    const analysed = report.timeline.find((event: { kind: string }) => event.kind === 'analysis')
    const throughput = analysed.outcome.metrics.find(
      (metric: { name: string }) => metric.name === 'throughput'
    )
    expect(throughput.effectSize).toBeCloseTo(1.06, 10)
    expect(throughput).toMatchObject({ classification: 'Low', critical: false })
    expect(result.outputs).toMatchObject({ result: 'promoted', score: '80' })
  })
})

describe('too few samples for the confidence level (exact Mann-Whitney distribution)', () => {
  // The metrics command answers 1 + (window length in seconds) samples a side: the interval-1s analyses of a 4 s bake
  // see 2, 3, 4, then 5. The first two of each side happen to be separated (canary above baseline), an arrangement
  // with probability 1/C(4,2) = 1/6 under no change; later samples interleave.
  const growing = `
const span = (Date.parse(process.env.MLCI_ANALYSIS_END) - Date.parse(process.env.MLCI_ANALYSIS_START)) / 1000
const n = Math.min(10, 1 + Math.round(span))
const canary = [1.02, 1.03, 1.0, 1.01, 1.015, 1.005, 1.025, 1.0, 1.02, 1.01].slice(0, n)
const baseline = [1.0, 1.01, 1.03, 1.02, 1.005, 1.025, 1.015, 1.03, 1.0, 1.02].slice(0, n)
console.log(JSON.stringify({ latency: { canary, baseline } }))
`
  const analysis =
    'provider: { command: [node, metrics.mjs] }\nmetrics:\n  - { name: latency, critical: true }\n'

  test('2 samples a side are no verdict yet: the bake continues and promotes on the analysis with enough samples', async () => {
    const workspace = await deployWorkspace({ 'analysis.yml': analysis, 'metrics.mjs': growing })
    const result = await runAction({
      action: 'deploy',
      workspace,
      inputs: {
        'model-uri': 'oci://127.0.0.1/models/churn:v2',
        stages: '50%:4s, 100%',
        interval: '1s',
        analysis: 'analysis.yml',
        'record-deployment': 'false',
        ...COMMAND_TARGET
      }
    })
    expect(result.stdout).toMatch(
      /Analysis of stage 1 \(50%\): inconclusive, score 0–100: .*latency \(too few samples \(canary 2, baseline 2\): the 98% level needs 5 a side\) → continue/
    )
    expect(result.outputs).toMatchObject({ result: 'promoted', score: '100' })
    expect((await targetLog(workspace)).map(line => line.split(' ')[0])).toEqual(['deploy', 'deploy'])
  })
})

describeIfPython({ statsmodels: 'python3-statsmodels' })(
  'count metrics: errors out of requests by a two-proportion test',
  () => {
    // 40 steps: the baseline serves 1000 requests a step with about one error (0.1%), the canary 50 a step. A canary
    // at 0.4% errs in 8 of its 40 steps: its per-step rates are mostly 0, which Mann-Whitney ranks below the
    // baseline's mostly 0.001, so a fourfold rise passes (or looks like a fall). Summed, the counts show the rise.
    const baselineErrors = Array.from({ length: 40 }, (_, k) => [1, 0, 2, 1][k % 4])
    const canaryErrors = (errors: number) =>
      Array.from({ length: 40 }, (_, k) => (k % 5 === 0 && k / 5 < errors ? 1 : 0))
    const samples = (errors: number) => ({
      errors: {
        canary: { numerator: canaryErrors(errors), denominator: Array(40).fill(50) },
        baseline: { numerator: baselineErrors, denominator: Array(40).fill(1000) }
      }
    })
    const analysis = `provider: { command: [node, metrics.mjs] }
metrics:
  - { name: errors, counts: true, direction: increase, critical: true }
`

    test('a fourfold error rate at 50 requests a step is a critical High and rolls back; 0.1% promotes', async () => {
      // statsmodels' Clopper-Pearson interval for the canary's share of the events, as a ratio of the rates.
      const expected = await runPython<{ risen: [number, number]; healthy: [number, number] }>(String.raw`
import json
from statsmodels.stats.proportion import proportion_confint
def ratio(x1, n1, x2, n2):
    low, upp = proportion_confint(x1, x1 + x2, alpha=0.02, method='beta')
    return [low / (1 - low) * n2 / n1, upp / (1 - upp) * n2 / n1]
print(json.dumps({'risen': ratio(8, 2000, 40, 40000), 'healthy': ratio(2, 2000, 40, 40000)}))`)
      expect(expected.risen[0]).toBeGreaterThan(1) // the rise is significant at 98%
      expect(expected.healthy[0]).toBeLessThan(1)

      const risen = await deploy(analysis, samples(8))
      expect(risen.result.outputs).toMatchObject({ result: 'rolled-back', score: '0' })
      const judged = risen.report.timeline.find(
        (event: { kind: string }) => event.kind === 'analysis'
      ).outcome
      expect(judged.metrics[0]).toMatchObject({
        classification: 'High',
        critical: true,
        counts: { canary: { events: 8, trials: 2000 }, baseline: { events: 40, trials: 40000 } }
      })
      expect(judged.metrics[0].interval.lower).toBeCloseTo(expected.risen[0], 10)
      expect(judged.metrics[0].interval.upper).toBeCloseTo(expected.risen[1], 10)
      expect(risen.result.summary).toMatch(
        /\| errors \| High \(critical\) \| 0\.004 \(n=2000\) \| 0\.001 \(n=40000\) \|/
      )

      const healthy = await deploy(analysis, samples(2))
      expect(healthy.result.outputs).toMatchObject({ result: 'promoted', score: '100' })
    })
  }
)

describe('the three-way verdict in the outputs, the summary and the report', () => {
  const analysis =
    'provider: { command: [node, metrics.mjs] }\nmetrics:\n  - { name: latency, critical: true }\n'

  test('a stage that ends with too few samples holds, then rolls back as inconclusive, never as a failure', async () => {
    const few = { latency: { canary: [1.02, 1.03], baseline: [1, 1.01] } }
    const { result, report, log } = await deploy(analysis, few, { 'no-data': 'pass' })
    expect(result.outputs).toMatchObject({ result: 'rolled-back', verdict: 'inconclusive', score: '' })
    expect(result.stdout).toMatch(
      /Analysis of stage 1 \(50%\): inconclusive, score 0–100: .* → hold \(inconclusive\)/
    )
    expect(result.summary).toContain('↩️ rolled back (verdict: **inconclusive**)')
    expect(result.summary).toContain('2 of 2 analyses were inconclusive (not enough evidence either way)')
    expect(result.summary).toMatch(/\| latency \| Inconclusive \(critical\) \|/)
    expect(report.verdict).toBe('inconclusive')
    expect(report.timeline.filter((event: { kind: string }) => event.kind === 'analysis')).toEqual([
      expect.objectContaining({ outcome: expect.objectContaining({ status: 'inconclusive' }) }),
      expect.objectContaining({ outcome: expect.objectContaining({ status: 'inconclusive' }) })
    ])
    expect(log.map(line => line.split(' ')[0])).toEqual(['deploy', 'rollback'])
  })

  test('pass and fail on evidence', async () => {
    const steady = spread(1, 20, 1)
    const passed = await deploy(analysis, {
      latency: { canary: steady, baseline: steady.map(v => v * 1.001) }
    })
    expect(passed.result.outputs).toMatchObject({ result: 'promoted', verdict: 'pass' })
    const failed = await deploy(analysis, { latency: { canary: steady.map(v => v * 2), baseline: steady } })
    expect(failed.result.outputs).toMatchObject({ result: 'rolled-back', verdict: 'fail', score: '0' })
  })
})

const describePrometheus = await describeIfBinaries({ prometheus: 'prometheus', promtool: 'prometheus' })

describePrometheus('count metrics from Prometheus counters', () => {
  // An hour of counters scraped every 30 s: the baseline serves 1000 requests a step at 0.1% errors, the canary 50;
  // the "risen" canary errs five times as often. The queries are per-step increases, summed by the judge.
  const T0 = Date.UTC(2026, 0, 1) / 1000
  const HOUR_END = new Date((T0 + 3600) * 1000).toISOString()
  const counter = (
    name: string,
    scenario: string,
    version: string,
    perStep: (k: number) => number
  ): SeriesSpec => ({
    name,
    type: 'counter',
    labels: { scenario, version },
    start: T0,
    step: 30,
    values: {
      count: 121,
      valueAt: index => Array.from({ length: index }, (_, k) => perStep(k)).reduce((a, b) => a + b, 0)
    }
  })
  const series = (scenario: string, canaryErrorsEvery: number) => [
    counter('model_requests', scenario, 'baseline', () => 1000),
    counter('model_errors', scenario, 'baseline', k => [1, 0, 2, 1][k % 4]),
    counter('model_requests', scenario, 'canary', () => 50),
    counter('model_errors', scenario, 'canary', k => (k % canaryErrorsEvery === 0 ? 1 : 0))
  ]
  let prometheus: RunningPrometheus
  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetrics: [...series('healthy', 20), ...series('risen', 4)] })
  })
  afterAll(async () => prometheus?.stop())

  const analysisFile = (scenario: string) => {
    const q = (name: string, version: string) =>
      `'sum(increase(${name}_total{scenario="${scenario}",version="${version}"}[30s]))'`
    return `provider: { prometheus: { url: "${prometheus.url}", step: 30s } }
lookback: 30m
metrics:
  - name: errors
    counts:
      numerator: { canary: ${q('model_errors', 'canary')}, baseline: ${q('model_errors', 'baseline')} }
      denominator: { canary: ${q('model_requests', 'canary')}, baseline: ${q('model_requests', 'baseline')} }
    direction: increase
    critical: true
`
  }

  test('a stage too short for 5 samples a side is named before any traffic moves, and ends inconclusive', async () => {
    // A gauge-like query: a point at any time, so the window's length alone decides how many there are.
    const q = (version: string) => `'sum(model_requests_total{scenario="healthy",version="${version}"})'`
    const analysis = `provider: { prometheus: { url: "${prometheus.url}", step: 60s } }
metrics:
  - { name: requests, canary: ${q('canary')}, baseline: ${q('baseline')} }
`
    const middle = new Date((T0 + 1800) * 1000).toISOString()
    const { result, log } = await deploy(analysis, {}, { 'analysis-end': middle })
    expect(result.annotations[0]).toMatchObject({
      level: 'warning',
      message: expect.stringMatching(
        /^Stage 1 \(50%\) ends with 1 samples a side in its analysis window, fewer than the 5 the Mann-Whitney judge needs/
      )
    })
    expect(result.outputs).toMatchObject({ result: 'rolled-back', verdict: 'inconclusive' })
    expect(log.map(line => line.split(' ')[0])).toEqual(['deploy', 'rollback'])
  })

  test.each([
    ['healthy', 'promoted', 'pass'],
    ['risen', 'rolled-back', 'fail']
  ])('%s canary → %s', async (scenario, expected, verdict) => {
    const { result, report } = await deploy(analysisFile(scenario), {}, { 'analysis-end': HOUR_END })
    expect(result.outputs).toMatchObject({ result: expected, verdict })
    const metric = report.timeline.find((event: { kind: string }) => event.kind === 'analysis').outcome
      .metrics[0]
    // 60 steps of 30 s in the window: about 3000 canary and 60000 baseline requests.
    expect(metric.counts.canary.trials).toBeGreaterThan(2800)
    expect(metric.counts.baseline.trials).toBeGreaterThan(56000)
    expect(metric.classification).toBe(scenario === 'risen' ? 'High' : 'Pass')
  })
})
