import { describe, expect, test } from '@jest/globals'
import { runPython } from '../../test/oracles/python.js'
import { describeIfPython } from '../../test/oracles/python-gate.js'
import { computeDrift, jensenShannonDistance, lInfinity, psi } from './drift.js'
import type { Distribution } from './distribution.js'
import { ColumnProfile } from './profile.js'

/** Deterministic normal draws (Box–Muller over a 32-bit LCG): the same data every run, no seed files. */
function normals(n: number, mean: number, sd: number, seed: number): number[] {
  let state = seed
  const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) + 1) / 4294967297
  return Array.from(
    { length: n },
    () => mean + sd * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())
  )
}

function profileOf(values: (number | string)[]): ColumnProfile {
  const column = new ColumnProfile()
  for (const v of values) column.addValue(String(v), typeof v === 'number' ? v : NaN)
  return column
}

function distributionOf(values: (number | string)[]): Distribution {
  const d = profileOf(values).distribution()
  if ('reason' in d) throw new Error(d.reason)
  return d
}

const drift = (method: Parameters<typeof computeDrift>[0], a: (number | string)[], b: (number | string)[]) =>
  computeDrift(method, distributionOf(a), distributionOf(b))

const SCIPY = `
import json, sys, numpy as np
from scipy import stats
from scipy.spatial import distance
d = json.load(sys.stdin)
out = []
for ref, cur in d:
    ref = np.array(ref); cur = np.array(cur)
    edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins='sturges')
    p = np.histogram(ref, edges)[0] / len(ref); q = np.histogram(cur, edges)[0] / len(cur)
    def fill(v):
        nz = v[v > 0].min(); f = nz / 1e6 if nz <= 0.0001 else 0.0001
        return np.where(v == 0, f, v)
    pf, qf = fill(p), fill(q)
    ks = stats.ks_2samp(ref, cur)
    en = len(ref) * len(cur) / (len(ref) + len(cur))
    out.append({
      'ks': ks.statistic, 'ks_p': stats.kstwobign.sf(ks.statistic * np.sqrt(en)),
      'wasserstein': stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001),
      'psi': float(np.sum((pf - qf) * np.log(pf / qf))),
      'jensenshannon': float(distance.jensenshannon(p, q)),
    })
print(json.dumps(out))
`

const describeScipy = describeIfPython({ numpy: 'python3-numpy', scipy: 'python3-scipy' })

describeScipy('drift scores agree with SciPy', () => {
  const cases: [number[], number[]][] = [
    [normals(2000, 0, 1, 1), normals(1500, 0.3, 1.2, 2)],
    [normals(500, 0, 1, 3), normals(400, 0.2, 1, 4)],
    [normals(300, 5, 2, 5), normals(300, 5, 2, 6)],
    [
      normals(1000, 0, 1, 7).map(x => Math.round(x * 20)),
      normals(800, 0.1, 1, 8).map(x => Math.round(x * 20))
    ]
  ]

  test('ks (statistic; p from the limiting Kolmogorov distribution), wasserstein normed, psi and jensen-shannon on Sturges bins', async () => {
    const expected = await runPython<Record<string, number>[]>(SCIPY, cases)
    cases.forEach(([ref, cur], i) => {
      const ks = drift('ks', ref, cur)
      expect(Math.abs(ks.score - expected[i].ks)).toBeLessThan(1e-9)
      expect(Math.abs(ks.pValue! - expected[i].ks_p)).toBeLessThan(1e-9)
      for (const method of ['wasserstein', 'psi', 'jensenshannon'] as const) {
        expect({
          method,
          i,
          diff: Math.abs(drift(method, ref, cur).score - expected[i][method]) < 1e-9
        }).toEqual({
          method,
          i,
          diff: true
        })
      }
    })
  })

  test('chi-square p-values agree with scipy.stats.chisquare', async () => {
    const pairs = [
      [
        { a: 600, b: 300, c: 100 },
        { a: 520, b: 330, c: 150 }
      ],
      [
        { x: 50, y: 48, z: 52, w: 50 },
        { x: 49, y: 51, z: 50, w: 50 }
      ],
      [
        { a: 10, b: 90 },
        { a: 30, b: 70 }
      ]
    ]
    const expected = await runPython<number[]>(
      `
import json, sys
from scipy import stats
out = []
for ref, cur in json.load(sys.stdin):
    keys = sorted(set(ref) | set(cur)); nr = sum(ref.values()); nc = sum(cur.values())
    out.append(stats.chisquare([cur.get(k, 0) for k in keys], [ref.get(k, 0) * nc / nr for k in keys]).pvalue)
print(json.dumps(out))
`,
      pairs
    )
    pairs.forEach(([ref, cur], i) => {
      const expand = (counts: Record<string, number>) =>
        Object.entries(counts).flatMap(([k, n]) => Array(n).fill(k))
      const { score } = drift('chisquare', expand(ref), expand(cur))
      expect(Math.abs(score - expected[i])).toBeLessThan(1e-9)
    })
  })
})

describe('drift scores match the reference vectors of the research notes (B §3)', () => {
  const expand = (counts: Record<string, number>) =>
    Object.entries(counts).flatMap(([k, n]) => Array<string>(n).fill(k))
  const base = expand({ a: 600, b: 300, c: 100 })
  const shifted = expand({ a: 450, b: 350, c: 150, d: 50 })
  const mild = expand({ a: 520, b: 330, c: 150 })

  test('categorical a600 b300 c100 vs a450 b350 c150 d50', () => {
    expect(drift('psi', base, shifted).score).toBeCloseTo(0.38124204437580556, 12)
    expect(drift('jensenshannon', base, shifted).score).toBeCloseTo(0.16181354241820833, 12)
    expect(drift('linf', base, shifted).score).toBeCloseTo(0.15, 12)
    expect(drift('chisquare', base, shifted).score).toBe(0)
  })

  test('categorical a600 b300 c100 vs a520 b330 c150', () => {
    expect(drift('psi', base, mild).score).toBeCloseTo(0.03458062829079181, 12)
    expect(drift('jensenshannon', base, mild).score).toBeCloseTo(0.06560492233282772, 12)
    expect(drift('chisquare', base, mild).score).toBeCloseTo(4.014579074266745e-9, 18)
    expect(drift('linf', base, mild).score).toBeCloseTo(0.08, 12)
  })

  test('TFDV L-infinity and SciPy documentation vectors', () => {
    expect(lInfinity([1, 9], [3, 7])).toBeCloseTo(0.2, 12)
    expect(lInfinity([0, 9, 1], [3, 7, 0])).toBeCloseTo(0.3, 12)
    expect(jensenShannonDistance([1, 0], [0.5, 0.5])).toBeCloseTo(0.46450140402245893, 14)
    expect(psi([1, 1], [1, 1]).score).toBe(0)
  })
})
