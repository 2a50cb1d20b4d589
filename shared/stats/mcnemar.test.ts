import { expect } from '@jest/globals'
import { runPython } from '../../test/oracles/python.js'
import { testIfPython } from '../../test/oracles/python-gate.js'
import { mcnemarExact } from './mcnemar.js'

const oracleTest = testIfPython({ scipy: 'python3-scipy' })

oracleTest('equals SciPy binomtest(b, b + c, 0.5), small and large counts', async () => {
  const pairs: [number, number][] = [
    [0, 0],
    [3, 0],
    [11, 1],
    [25, 15],
    [40, 40],
    [120, 80],
    [5000, 4800],
    [510000, 500000]
  ]
  const scipy = await runPython<number[]>(String.raw`
import json
from scipy.stats import binomtest
pairs = ${JSON.stringify(pairs)}
print(json.dumps([1.0 if b + c == 0 else binomtest(b, b + c, 0.5).pvalue for b, c in pairs]))`)
  pairs.forEach(([b, c], i) => {
    const ours = mcnemarExact(b, c)
    expect(Math.abs(ours - scipy[i])).toBeLessThanOrEqual(1e-9 * Math.max(1e-300, scipy[i]) + 1e-15)
  })
})
