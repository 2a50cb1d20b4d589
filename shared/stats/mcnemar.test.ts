import { expect } from '@jest/globals'
import { runPython } from '../../test/oracles/python.js'
import { testIfPython } from '../../test/oracles/python-gate.js'
import { pairedDifferenceTest } from './mcnemar.js'

const oracleTest = testIfPython({ scipy: 'python3-scipy', statsmodels: 'python3-statsmodels' })

/** [firstOnly, secondOnly, n, margin] */
const CASES: [number, number, number, number][] = [
  [1105, 895, 20000, 0.01],
  [5525, 4475, 100000, 0.01],
  [700, 300, 20000, 0.01],
  [300, 500, 20000, 0.01],
  [30, 25, 2000, 0.01],
  [12, 0, 150, 0.02],
  [0, 9, 150, 0.05],
  [40, 40, 1000, 0],
  [120, 80, 5000, 0],
  [3, 1, 10, 0.3]
]

oracleTest("equals Tango's score test with the restricted MLE found numerically (SciPy)", async () => {
  const oracle = await runPython<{ z: number; beyond: number; within: number; expected: number }[]>(
    String.raw`
import json, sys, numpy as np
from scipy.optimize import minimize_scalar
from scipy.stats import norm
out = []
for b, c, n, d in json.load(sys.stdin):
    a = n - b - c
    f = lambda p: -(b * np.log(p + d) + c * np.log(p) + a * np.log(1 - 2 * p - d))
    p = minimize_scalar(f, bounds=(1e-300, (1 - d) / 2 - 1e-15), method='bounded', options={'xatol': 1e-15}).x
    z = (b - c - n * d) / np.sqrt(n * (2 * p + d * (1 - d)))
    out.append({'z': z, 'beyond': norm.sf(z), 'within': norm.cdf(z), 'expected': n * (2 * p + d)})
print(json.dumps(out))`,
    CASES
  )
  CASES.forEach(([b, c, n, margin], i) => {
    const ours = pairedDifferenceTest(b, c, n, margin)
    expect(Math.abs(ours.z - oracle[i].z)).toBeLessThan(1e-6)
    expect(Math.abs(ours.pBeyond - oracle[i].beyond)).toBeLessThan(1e-8)
    expect(Math.abs(ours.pWithin - oracle[i].within)).toBeLessThan(1e-8)
    expect(Math.abs(ours.expectedDiscordant - oracle[i].expected)).toBeLessThan(1e-6 * oracle[i].expected)
  })
})

oracleTest(
  "with margin 0 is McNemar's test (statsmodels mcnemar, exact=False, correction=False)",
  async () => {
    const pairs = CASES.filter(([b, c]) => b + c > 0).map(([b, c]) => [b, c])
    const statistics = await runPython<number[]>(
      String.raw`
import json, sys
from statsmodels.stats.contingency_tables import mcnemar
print(json.dumps([mcnemar([[0, b], [c, 0]], exact=False, correction=False).statistic for b, c in json.load(sys.stdin)]))`,
      pairs
    )
    pairs.forEach(([b, c], i) => {
      const { z } = pairedDifferenceTest(b, c, 100_000, 0)
      expect(Math.abs(z * z - statistics[i])).toBeLessThan(1e-9 * Math.max(1, statistics[i]))
    })
  }
)
