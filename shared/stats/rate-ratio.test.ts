import { expect } from '@jest/globals'
import { runPython } from '../../test/oracles/python.js'
import { testIfPython } from '../../test/oracles/python-gate.js'
import { rateRatioInterval, rateRatioPValue } from './rate-ratio.js'

const statsmodelsTest = testIfPython({ statsmodels: 'python3-statsmodels', scipy: 'python3-scipy' })

// Counts incl. no canary event, every event the canary's, tiny and large counts, at the judge's 98% and at 95%.
const CASES: Array<[number, number, number, number, number]> = [
  [0, 100, 3, 2000, 0.98],
  [8, 2000, 40, 40000, 0.98],
  [2, 2000, 40, 40000, 0.98],
  [5, 5, 0, 7, 0.98],
  [1, 100, 2, 2000, 0.98],
  [37, 120, 20, 130, 0.95],
  [12345, 1_000_000, 11000, 1_000_000, 0.98]
]

statsmodelsTest(
  "the rate ratio interval and p-values equal statsmodels' Clopper-Pearson and SciPy's binomtest",
  async () => {
    const expected = await runPython<
      Array<{ theta: [number, number]; greater: number; less: number }>
    >(String.raw`
import json
from statsmodels.stats.proportion import proportion_confint
from scipy.stats import binomtest
cases = ${JSON.stringify(CASES)}
out = []
for x1, n1, x2, n2, level in cases:
    theta = proportion_confint(x1, x1 + x2, alpha=1 - level, method='beta')
    # statsmodels' test_poisson_2indep(method='exact-cond') is this binomial test, but divides by a zero count.
    greater = binomtest(x1, x1 + x2, n1 / (n1 + n2), alternative='greater').pvalue
    less = binomtest(x1, x1 + x2, n1 / (n1 + n2), alternative='less').pvalue
    out.append({'theta': [float(theta[0]), float(theta[1])], 'greater': float(greater), 'less': float(less)})
print(json.dumps(out))`)
    CASES.forEach(([x1, n1, x2, n2, level], i) => {
      const toRatio = (theta: number) => (theta >= 1 ? Infinity : (theta / (1 - theta)) * (n2 / n1))
      const ours = rateRatioInterval(x1, n1, x2, n2, level)
      const [lower, upper] = expected[i].theta.map(toRatio)
      expect(ours.lower).toBeCloseTo(lower, 9)
      if (upper === Infinity) expect(ours.upper).toBe(Infinity)
      else expect(ours.upper / upper).toBeCloseTo(1, 9)
      expect(ours.estimate).toBeCloseTo(x1 / n1 / (x2 / n2), 12)
      expect(rateRatioPValue(x1, n1, x2, n2, 'greater')).toBeCloseTo(expected[i].greater, 10)
      expect(rateRatioPValue(x1, n1, x2, n2, 'less')).toBeCloseTo(expected[i].less, 10)
    })
  }
)
