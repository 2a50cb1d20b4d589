import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { classifyScore, scoreCanary, type ScoredMetric } from './canary-score.js'
import {
  classifyMannWhitney,
  KAYENTA_OPTIONS,
  minimumSamplesPerSide,
  type MannWhitneyMetricConfig
} from './mann-whitney-judge.js'
import { defaultEffectSize } from './effect-size-gates.js'
import { summarize, type Classification } from './metric-classification.js'
import { runPython } from '../../test/oracles/python.js'
import { testIfPython } from '../../test/oracles/python-gate.js'

function config(overrides: Partial<MannWhitneyMetricConfig> = {}): MannWhitneyMetricConfig {
  return {
    name: 'metric',
    direction: 'either',
    critical: false,
    mustHaveData: false,
    nanStrategy: 'remove',
    effectSize: defaultEffectSize(),
    ...overrides
  }
}

// Vectors from Kayenta's MannWhitneyClassifierSuite (kayenta-judge), experiment = canary, control = baseline.
describe("classifyMannWhitney reproduces Kayenta's classifier vectors", () => {
  const upstream = { confidenceLevel: 0.95, tolerance: 0.1 }

  test('a mean ratio past the allowed increase is High', () => {
    const result = classifyMannWhitney(
      [20, 22, 21, 25, 30],
      [1, 2.2, 1.1, 2.5, 3],
      config({ effectSize: { ...defaultEffectSize(), allowedIncrease: 1.2, allowedDecrease: 0.8 } }),
      upstream
    )
    expect(result.classification).toBe('High')
    expect(result.critical).toBe(false)
    expect(result.effectSize).toBeCloseTo(118 / 9.8, 10)
  })

  test('a decrease within the allowed decrease passes', () => {
    const result = classifyMannWhitney(
      [10, 12.2, 10.1, 12.5, 23],
      [20, 22, 21, 25, 30],
      config({ effectSize: { ...defaultEffectSize(), allowedIncrease: 1.0, allowedDecrease: 0.5 } }),
      upstream
    )
    expect(result.effectSize).toBeCloseTo(67.8 / 118, 10)
    expect(result.classification).toBe('Pass')
  })

  test('a critical High past the critical increase is critical', () => {
    const gates = { ...defaultEffectSize(), criticalIncrease: 1.2, criticalDecrease: 1.0 }
    const result = classifyMannWhitney(
      [20, 22, 21, 25, 30],
      [1, 2.2, 1.1, 2.5, 3],
      config({ critical: true, effectSize: gates }),
      upstream
    )
    expect(result).toMatchObject({ classification: 'High', critical: true })
    const below = classifyMannWhitney(
      [20, 22, 21, 25, 30],
      [1, 2.2, 1.1, 2.5, 3],
      config({ critical: true, effectSize: { ...gates, criticalIncrease: 50 } }),
      upstream
    )
    expect(below).toMatchObject({ classification: 'High', critical: false })
  })

  test('a critical Low is critical', () => {
    const result = classifyMannWhitney(
      [2, 2, 2, 2, 3],
      [10, 20.2, 10.1, 20.5, 30],
      config({
        critical: true,
        effectSize: { ...defaultEffectSize(), criticalIncrease: 1.0, criticalDecrease: 1.2 }
      }),
      upstream
    )
    expect(result).toMatchObject({ classification: 'Low', critical: true })
  })

  test.each([
    ['ties', [1, 1, 1], [1, 1]],
    ['identical samples', [1, 2, 3, 4, 5], [5, 4, 3, 2, 1]],
    ['a leading zero', [0, 1, 1, 1, 1], [1, 1, 1, 1, 1]]
  ])('%s pass', (_, canary, baseline) => {
    const result = classifyMannWhitney(canary, baseline, config({ direction: 'decrease' }), upstream)
    expect(result.classification).toBe('Pass')
  })

  test('no canary data is Nodata (or a failure when the metric must have data)', () => {
    expect(classifyMannWhitney([], [1, 2, 3, 4, 5], config()).classification).toBe('Nodata')
    expect(classifyMannWhitney([NaN, NaN], [1, 2], config()).classification).toBe('Nodata')
    expect(classifyMannWhitney([], [1, 2], config({ mustHaveData: true })).classification).toBe(
      'NodataFailMetric'
    )
    expect(classifyMannWhitney([], [1, 2], config({ critical: true }))).toMatchObject({
      classification: 'Nodata',
      critical: true
    })
  })

  test('an error spike against a silent baseline, NaN replaced by 0, is a critical High that scores 0', () => {
    const result = classifyMannWhitney(
      [1, 2, 3, 4, 5, 6, 7],
      [NaN, NaN, NaN, NaN, NaN, NaN, NaN],
      config({ name: 'errors', nanStrategy: 'replace', direction: 'increase', critical: true })
    )
    expect(result).toMatchObject({ classification: 'High', critical: true })
    expect(result.effectSize).toBeNaN()
    expect(scoreCanary([{ ...result, groups: ['errors'] }], {}).score).toBe(0)
  })

  test('the backfilled latency regression (μ 0.100 s → 0.130 s) is High at 98%', () => {
    let seed = 42
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    const latency = (mu: number) => Array.from({ length: 60 }, () => mu + (next() - 0.5) * 0.017)
    const result = classifyMannWhitney(latency(0.13), latency(0.1), config({ direction: 'increase' }))
    expect(result.classification).toBe('High')
    expect(result.interval!.lower).toBeGreaterThan(0.025)
    expect(result.interval!.upper).toBeLessThan(0.035)
  })

  test('two different constants get seeded noise: the verdict is the same every time', () => {
    const first = classifyMannWhitney([5, 5, 5, 5, 5], [4, 4, 4, 4, 4], config())
    const second = classifyMannWhitney([5, 5, 5, 5, 5], [4, 4, 4, 4, 4], config())
    expect(first.classification).toBe('High')
    expect(second).toEqual(first)
  })
})

describe('symmetry', () => {
  const flipped: Record<Classification, Classification> = {
    High: 'Low',
    Low: 'High',
    Pass: 'Pass',
    Inconclusive: 'Inconclusive',
    Nodata: 'Nodata',
    NodataFailMetric: 'NodataFailMetric',
    Error: 'Error'
  }
  const sampleArb = fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 3, maxLength: 40 })

  test('swapping canary and baseline flips High and Low', () => {
    fc.assert(
      fc.property(sampleArb, sampleArb, fc.integer({ min: 0, max: 60 }), (canaryBase, baseline, shift) => {
        const canary = canaryBase.map(value => value + shift)
        fc.pre(new Set(canary).size > 1 || new Set(baseline).size > 1)
        const forward = classifyMannWhitney(canary, baseline, config())
        const backward = classifyMannWhitney(baseline, canary, config())
        // The roots are found to 1e-4, and the point estimate (kept with its continuity correction, as
        // Kayenta does) is wherever Brent lands on a flat stretch of the statistic, so the two directions
        // may use different tolerance bounds: an interval edge between (or within 1e-3 of) them may go
        // either way, in Kayenta as here.
        if (forward.interval && backward.interval) {
          const bounds = [forward, backward].map(
            r => KAYENTA_OPTIONS.tolerance * Math.abs(r.interval!.estimate)
          )
          const low = Math.min(...bounds) - 1e-3
          const high = Math.max(...bounds) + 1e-3
          for (const edge of [forward.interval.lower, -forward.interval.upper])
            fc.pre(edge < low || edge > high)
        }
        expect(backward.classification).toBe(flipped[forward.classification])
      }),
      { numRuns: 300 }
    )
  })
})

describe('scoreCanary', () => {
  const metric = (
    name: string,
    classification: Classification,
    groups: string[],
    critical = false
  ): ScoredMetric => ({
    name,
    classification,
    critical,
    groups,
    effectSize: NaN,
    canary: summarize([]),
    baseline: summarize([])
  })

  test("Kayenta's weighted-sum vector: latency{Pass} weighted 40, errors{High, Pass, Nodata} unweighted → 70", () => {
    const result = scoreCanary(
      [
        metric('p95', 'Pass', ['latency']),
        metric('5xx', 'High', ['errors']),
        metric('4xx', 'Pass', ['errors']),
        metric('timeouts', 'Nodata', ['errors'])
      ],
      { latency: 40 }
    )
    expect(result.score).toBe(70)
    expect(result.groups).toEqual([
      { name: 'latency', score: 100, weight: 40 },
      { name: 'errors', score: 50, weight: 60 }
    ])
  })

  test('a failing critical metric scores 0, even a critical one without data', () => {
    expect(scoreCanary([metric('a', 'Pass', ['g']), metric('b', 'High', ['g'], true)], {}).score).toBe(0)
    expect(scoreCanary([metric('a', 'Pass', ['g']), metric('a', 'Nodata', ['h'], true)], {}).score).toBe(0)
  })

  test('half the metrics without data scores 0; a group with nothing judged counts as 100', () => {
    expect(scoreCanary([metric('a', 'Pass', ['g']), metric('b', 'Nodata', ['h'])], {}).score).toBe(0)
    const result = scoreCanary(
      [metric('a', 'Pass', ['g']), metric('b', 'High', ['g']), metric('c', 'Error', ['h'])],
      { g: 50, h: 50 }
    )
    expect(result.score).toBe(75)
  })

  test('a metric that must have data and has none fails its group', () => {
    expect(scoreCanary([metric('a', 'Pass', ['g']), metric('b', 'NodataFailMetric', ['g'])], {}).score).toBe(
      50
    )
  })

  test('thresholds are inclusive', () => {
    expect(classifyScore(95, { pass: 95, marginal: 75 })).toBe('Pass')
    expect(classifyScore(75, { pass: 95, marginal: 75 })).toBe('Marginal')
    expect(classifyScore(74.99, { pass: 95, marginal: 75 })).toBe('Fail')
  })
})

describe('the minimum sample rule', () => {
  const scipyTest = testIfPython({ scipy: 'python3-scipy' })

  scipyTest("is the smallest k a side where scipy's exact mannwhitneyu can reach the level", async () => {
    // The most extreme arrangement (every canary sample above every baseline one) has the smallest exact p-value.
    const smallest = await runPython<Record<string, number>>(`
import json
from scipy.stats import mannwhitneyu
levels = [0.8, 0.95, 0.98, 0.99, 0.999]
out = {}
for level in levels:
    k = 1
    while mannwhitneyu(list(range(k, 2 * k)), list(range(k)), method='exact').pvalue > 1 - level:
        k += 1
    out[str(level)] = k
print(json.dumps(out))
`)
    expect(smallest['0.98']).toBe(5)
    for (const [level, k] of Object.entries(smallest)) expect(minimumSamplesPerSide(Number(level))).toBe(k)
    // At 90%, 3 a side give exactly 2/20 = 0.1 = α, which 1 − 0.9 misses by an ulp: on the level is reaching it.
    expect(minimumSamplesPerSide(0.9)).toBe(3)
  })

  test('fewer samples a side are Inconclusive, whatever the data; Kayenta alone judges them', () => {
    const separated = classifyMannWhitney([1.02, 1.03], [1, 1.01], config({ critical: true }))
    expect(separated).toMatchObject({ classification: 'Inconclusive', critical: true })
    expect(separated.reason).toBe('too few samples (canary 2, baseline 2): the 98% level needs 5 a side')
    expect(classifyMannWhitney([1.02, 1.03], [1, 1.01], config(), KAYENTA_OPTIONS).classification).toBe(
      'High'
    )
    expect(classifyMannWhitney([10, 11, 12, 13, 14], [1, 2, 3, 4], config()).classification).toBe(
      'Inconclusive'
    )
    expect(classifyMannWhitney([10, 11, 12, 13, 14], [1, 2, 3, 4, 5], config()).classification).toBe('High')
  })
})
