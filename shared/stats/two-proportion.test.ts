import { expect } from '@jest/globals'
import { runPython } from '../../test/oracles/python.js'
import { testIfPython } from '../../test/oracles/python-gate.js'
import { newcombeDifferenceInterval, wilsonInterval } from './two-proportion.js'

const statsmodelsTest = testIfPython({ statsmodels: 'python3-statsmodels' })

// Counts incl. 0 and n events, tiny and large trials, at the canary judge's 98% and at 95%.
const CASES: Array<[number, number, number, number, number]> = [
  [0, 10, 0, 10, 0.98],
  [0, 50, 3, 1000, 0.98],
  [8, 2000, 40, 40000, 0.98],
  [2, 2000, 40, 40000, 0.98],
  [5, 5, 0, 7, 0.98],
  [1, 1, 0, 1, 0.98],
  [37, 120, 20, 130, 0.95],
  [999, 1000, 1000, 1000, 0.95],
  [12345, 1_000_000, 11000, 1_000_000, 0.98]
]

statsmodelsTest("Wilson and Newcombe's hybrid score intervals equal statsmodels'", async () => {
  const expected = await runPython<
    Array<{ wilson: [number, number]; newcombe: [number, number] }>
  >(String.raw`
import json
from statsmodels.stats.proportion import proportion_confint, confint_proportions_2indep
cases = ${JSON.stringify(CASES)}
out = []
for x1, n1, x2, n2, level in cases:
    alpha = 1 - level
    out.append({
        'wilson': list(proportion_confint(x1, n1, alpha=alpha, method='wilson')),
        'newcombe': list(confint_proportions_2indep(x1, n1, x2, n2, method='newcomb', compare='diff', alpha=alpha)),
    })
print(json.dumps(out))`)
  CASES.forEach(([x1, n1, x2, n2, level], i) => {
    const wilson = wilsonInterval(x1, n1, level)
    const newcombe = newcombeDifferenceInterval(x1, n1, x2, n2, level)
    expect(wilson.lower).toBeCloseTo(expected[i].wilson[0], 12)
    expect(wilson.upper).toBeCloseTo(expected[i].wilson[1], 12)
    expect(newcombe.lower).toBeCloseTo(expected[i].newcombe[0], 12)
    expect(newcombe.upper).toBeCloseTo(expected[i].newcombe[1], 12)
  })
})
