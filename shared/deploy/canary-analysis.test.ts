import { describe, expect, test } from '@jest/globals'
import { parseAnalysisConfig } from './analysis-config.js'
import { judgeSamples } from './canary-analysis.js'
import type { MetricSamples } from './metrics-provider.js'

const window = { start: new Date(0), end: new Date(60_000) }
const thresholds = { pass: 95, marginal: 75 }
const spread = (center: number, seed: number, count = 40) =>
  Array.from({ length: count }, (_, i) => center * (1 + 0.05 * Math.sin(i * 7 + seed)))

function config(metrics: string[]) {
  return parseAnalysisConfig(
    `provider: { command: [./m] }\nmetrics:\n${metrics.join('\n')}\n`,
    'a.yml',
    'mann-whitney'
  )
}

describe('judgeSamples: an analysis with inconclusive metrics', () => {
  const few = { canary: [0.3, 0.31], baseline: [0.1, 0.11] }

  test('decides when the inconclusive metrics cannot change the decision', () => {
    // A critical High elsewhere fails the analysis whatever the inconclusive metric turns out to be.
    const failing = judgeSamples(
      config(['  - { name: latency }', '  - { name: errors, direction: increase, critical: true }']),
      'mann-whitney',
      { latency: few, errors: { canary: spread(0.05, 0), baseline: spread(0.001, 1) } },
      window,
      thresholds
    )
    expect(failing).toMatchObject({ status: 'judged', verdict: 'Fail', score: { score: 0 } })
    // One inconclusive metric of twenty cannot pull the score below 95: the worse score stands.
    const names = Array.from({ length: 20 }, (_, i) => `m${i}`)
    const samples: MetricSamples = Object.fromEntries(
      names.map((name, i) => [name, i === 0 ? few : { canary: spread(1, i), baseline: spread(1, i) }])
    )
    const passing = judgeSamples(
      config(names.map(name => `  - { name: ${name} }`)),
      'mann-whitney',
      samples,
      window,
      thresholds
    )
    expect(passing).toMatchObject({ status: 'judged', verdict: 'Pass', score: { score: 95 } })
  })

  test('is inconclusive, with the range of scores, when they could', () => {
    const outcome = judgeSamples(
      config(['  - { name: latency }', '  - { name: cpu, critical: true }']),
      'mann-whitney',
      { latency: { canary: spread(1, 1), baseline: spread(1, 1) }, cpu: few },
      window,
      thresholds
    )
    expect(outcome).toMatchObject({ status: 'inconclusive', scoreRange: { low: 0, high: 100 } })
    expect(outcome.score).toBeUndefined()
    expect(outcome.reason).toBe(
      '1 of 2 metrics inconclusive: cpu (too few samples (canary 2, baseline 2): the 98% level needs 5 a side)'
    )
  })
})
