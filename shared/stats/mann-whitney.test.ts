import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { runPython } from '../../test/oracles/python.js'
import { testIfPython } from '../../test/oracles/python-gate.js'
import { mannWhitneyInterval, rankSumStatistic } from './mann-whitney.js'
import { normalCdf, normalQuantile } from './normal-distribution.js'
import { seededRandom, gaussian } from './seeded-random.js'

// R's wilcox.test(x, y, conf.int = TRUE, exact = FALSE, correct = TRUE) written independently in Python:
// SciPy's rankdata and tiecorrect for the statistic, SciPy's brentq for the roots, norm.ppf for z.
const R_STYLE_INTERVAL = `
import json, sys
import numpy as np
from scipy.stats import rankdata, tiecorrect, norm, mannwhitneyu
from scipy.optimize import brentq
cases = json.load(sys.stdin)
out = []
for case in cases:
    x = np.array(case['x'], dtype=float); y = np.array(case['y'], dtype=float); conf = case['conf']
    nx, ny = len(x), len(y)
    def wdiff(d, zq):
        r = rankdata(np.concatenate([x - d, y]))
        dz = r[:nx].sum() - nx * (nx + 1) / 2 - nx * ny / 2
        sigma = np.sqrt(nx * ny * (nx + ny + 1) / 12 * tiecorrect(r))
        return (dz - np.sign(dz) * 0.5) / sigma - zq
    lo, hi = x.min() - y.max(), x.max() - y.min()
    def root(zq):
        if wdiff(lo, zq) <= 0: return lo
        if wdiff(hi, zq) >= 0: return hi
        return brentq(wdiff, lo, hi, args=(zq,), xtol=1e-4)
    z = norm.ppf((1 - conf) / 2)
    p = mannwhitneyu(x, y, use_continuity=True, alternative='two-sided', method='asymptotic').pvalue
    out.append({'lower': root(-z), 'upper': root(z), 'estimate': brentq(wdiff, lo, hi, args=(0,), xtol=1e-4),
                'pvalue': p, 'z': z})
print(json.dumps(out))
`

interface OracleAnswer {
  lower: number
  upper: number
  estimate: number
  pvalue: number
  z: number
}

function sample(random: () => number, count: number, mean: number, sd: number, digits?: number): number[] {
  return Array.from({ length: count }, () => {
    const value = mean + gaussian(random, sd)
    return digits === undefined ? value : Number(value.toFixed(digits))
  })
}

// Kayenta's MannWhitneySuite: its input arrays and the values it asserts (R's wilcox.test for several).
const KAYENTA = JSON.parse(
  readFileSync(new URL('./fixtures/kayenta-mann-whitney.json', import.meta.url), 'utf8')
)

describe("Kayenta's MannWhitneySuite vectors", () => {
  const close = (actual: number, expected: number, tolerance: number) =>
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance)

  test('the statistic (wilcoxonDiff) at shifts 0 and 5, and the 98% z quantile', () => {
    const { x, y, expected, tolerance } = KAYENTA.wilcoxonDiff
    const statistic = rankSumStatistic(x, y)
    close(statistic.standardized(0), expected.mu0, tolerance)
    close(statistic.standardized(5), expected.mu5, tolerance)
    close(normalQuantile(0.02 / 2), -2.326348, 1e-6)
  })

  test.each(['problemCase', 'tieOutWithR', 'tieOutWithRLarge'])('interval and estimate: %s', name => {
    const { experiment, control, confidenceLevel, expected, tolerance, estimateTolerance } = KAYENTA[name]
    const interval = mannWhitneyInterval(experiment, control, confidenceLevel)
    close(interval.lower, expected.lower, tolerance)
    close(interval.upper, expected.upper, tolerance)
    close(interval.estimate, expected.estimate, estimateTolerance ?? tolerance)
  })

  test('intermediate values: the bracket, the statistic at its ends, the roots', () => {
    const { x, y, confidenceLevel, expected, tolerance } = KAYENTA.intermediate
    const statistic = rankSumStatistic(x, y)
    const muMin = Math.min(...x) - Math.max(...y)
    const muMax = Math.max(...x) - Math.min(...y)
    close(muMin, expected.muMin, tolerance)
    close(muMax, expected.muMax, tolerance)
    const zq = -normalQuantile((1 - confidenceLevel) / 2)
    close(zq, expected.zqLower, tolerance)
    close(statistic.standardized(muMin) - zq, expected.fLower1, tolerance)
    close(statistic.standardized(muMax) - zq, expected.fUpper1, tolerance)
    close(statistic.standardized(muMin) + zq, expected.fLower2, tolerance)
    close(statistic.standardized(muMax) + zq, expected.fUpper2, tolerance)
    const interval = mannWhitneyInterval(x, y, confidenceLevel)
    close(interval.lower, expected.lower, tolerance)
    close(interval.upper, expected.upper, tolerance)
    close(interval.estimate, expected.estimate, tolerance)
  })
})

const scipyTest = testIfPython({ numpy: 'python3-numpy', scipy: 'python3-scipy' })

describe('mannWhitneyInterval', () => {
  test("Kayenta's vector: experiment [10,20,30,40] vs control [1,2,3,4] at 95%", () => {
    const interval = mannWhitneyInterval([10, 20, 30, 40], [1, 2, 3, 4], 0.95)
    expect(interval.lower).toBeCloseTo(6, 3)
    expect(interval.upper).toBeCloseTo(39, 3)
    expect(interval.estimate).toBeCloseTo(22.5, 3)
  })

  // prettier-ignore
  scipyTest('agrees with an R-style computation in SciPy, and its statistic with scipy.stats.mannwhitneyu', async () => {
    const random = seededRandom(7)
    const cases = [
      { x: [10, 20, 30, 40], y: [1, 2, 3, 4], conf: 0.95 },
      { x: sample(random, 60, 0.13, 0.005), y: sample(random, 60, 0.1, 0.005), conf: 0.98 },
      // Rounded to one decimal: many ties, so the tie correction matters.
      { x: sample(random, 40, 5.2, 1, 1), y: sample(random, 35, 5, 1, 1), conf: 0.98 },
      { x: sample(random, 25, 100, 20, 0), y: sample(random, 50, 110, 20, 0), conf: 0.9 },
      { x: sample(random, 200, 1, 0.3), y: sample(random, 180, 1.02, 0.3), conf: 0.98 }
    ]
    const expected = await runPython<OracleAnswer[]>(R_STYLE_INTERVAL, cases)
    cases.forEach((testCase, index) => {
      const ours = mannWhitneyInterval(testCase.x, testCase.y, testCase.conf)
      const oracle = expected[index]
      // Both root finders stop within 1e-4 of a root of a step function; allow twice that.
      expect(Math.abs(ours.lower - oracle.lower)).toBeLessThan(2e-4)
      expect(Math.abs(ours.upper - oracle.upper)).toBeLessThan(2e-4)
      expect(Math.abs(ours.estimate - oracle.estimate)).toBeLessThan(2e-4)
      expect(normalQuantile((1 - testCase.conf) / 2)).toBeCloseTo(oracle.z, 10)
      const z = rankSumStatistic(testCase.x, testCase.y).standardized(0)
      expect(2 * (1 - normalCdf(Math.abs(z)))).toBeCloseTo(oracle.pvalue, 10)
    })
  })

  test('the walk over distinct values ranks exactly as a pooled average ranking of x − d and y', () => {
    // The textbook computation, written plainly: rank the pooled sample, average the ties.
    const pooled = (x: number[], y: number[], shift: number) => {
      const values = [...x.map(v => v - shift), ...y]
      const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value)
      const ranks = new Array<number>(values.length)
      let tieSum = 0
      for (let i = 0; i < order.length;) {
        let j = i
        while (j < order.length && order[j].value === order[i].value) j++
        for (let k = i; k < j; k++) ranks[order[k].index] = (i + 1 + j) / 2
        tieSum += (j - i) ** 3 - (j - i)
        i = j
      }
      return { rankSumX: ranks.slice(0, x.length).reduce((a, b) => a + b, 0), tieSum }
    }
    // Values near 1/30 and shifts up to 5 make rounding collapse distinct values, as in Kayenta's vector.
    const value = fc.oneof(
      fc.integer({ min: 0, max: 6 }).map(v => v / 30),
      fc.double({ min: 0.0333, max: 0.0334, noNaN: true })
    )
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 40 }),
        fc.array(value, { minLength: 1, maxLength: 40 }),
        fc.oneof(fc.constantFrom(0, 5, 1 / 30, -1 / 30), fc.double({ min: -5, max: 5, noNaN: true })),
        (x, y, shift) => {
          expect(rankSumStatistic(x, y).rankSum(shift)).toEqual(pooled(x, y, shift))
        }
      ),
      { numRuns: 500 }
    )
  })

  test('swapping the samples mirrors the interval', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 3, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 3, maxLength: 30 }),
        (x, y) => {
          fc.pre(new Set([...x, ...y]).size > 1)
          const forward = mannWhitneyInterval(x, y, 0.98)
          const backward = mannWhitneyInterval(y, x, 0.98)
          expect(Math.abs(forward.lower + backward.upper)).toBeLessThan(2e-4)
          expect(Math.abs(forward.upper + backward.lower)).toBeLessThan(2e-4)
          expect(forward.lower).toBeLessThanOrEqual(forward.estimate + 1e-4)
          expect(forward.estimate).toBeLessThanOrEqual(forward.upper + 1e-4)
        }
      )
    )
  })
})
