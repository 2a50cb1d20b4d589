import { expect } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { NODE24, runAction } from '../harness/run-action.js'
import { workspaceWith } from '../harness/workspace.js'
import { describeIfPython } from '../oracles/python-gate.js'
import { runPython } from '../oracles/python.js'
import { gaussian, seededRandom } from '../../shared/stats/seeded-random.js'

/**
 * Drift through the bundle, against Evidently's documented formulas written in numpy/SciPy (issue 13): the
 * binning (`get_binned_data`: Sturges edges of reference ∪ current when the REFERENCE has more than 20
 * distinct numbers, else one bin per value), the zero fill, PSI, Jensen-Shannon (scipy) and KS D (computed
 * with exact fractions, so "exactly 0.1" means 1/10).
 */
const EVIDENTLY = `
import json, sys
from fractions import Fraction
import numpy as np
from scipy.spatial import distance
def binned(ref, cur, numeric):
    if numeric and len(set(ref)) > 20:
        edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins='sturges')
        return np.histogram(ref, edges)[0] / len(ref), np.histogram(cur, edges)[0] / len(cur)
    keys = sorted(set(ref) | set(cur))
    return (np.array([ref.count(k) for k in keys]) / len(ref), np.array([cur.count(k) for k in keys]) / len(cur))
def fill(v):
    nz = v[v > 0].min(); f = nz / 1e6 if nz <= 0.0001 else 0.0001
    return np.where(v == 0, f, v)
out = []
for case in json.load(sys.stdin):
    numeric = case['numeric']
    ref = [float(x) for x in case['ref']] if numeric else case['ref']
    cur = [float(x) for x in case['cur']] if numeric else case['cur']
    p, q = binned(ref, cur, numeric)
    pf, qf = fill(p), fill(q)
    r = {'psi': float(np.sum((pf - qf) * np.log(pf / qf))), 'jensenshannon': float(distance.jensenshannon(p, q))}
    if numeric and case.get('continuous'):
        from scipy import stats
        r['ks'] = float(stats.ks_2samp(ref, cur).statistic)
        r['wasserstein'] = float(stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001))
    elif numeric:
        fr = [Fraction(x) for x in ref]; fc = [Fraction(x) for x in cur]
        r['ks'] = float(max(abs(Fraction(sum(a <= x for a in fr), len(fr)) - Fraction(sum(c <= x for c in fc), len(fc))) for x in fr + fc))
    out.append(r)
print(json.dumps(out))
`

interface Expected {
  psi: number
  jensenshannon: number
  ks?: number
  wasserstein?: number
}
const evidently = (cases: { ref: string[]; cur: string[]; numeric: boolean; continuous?: boolean }[]) =>
  runPython<Expected[]>(EVIDENTLY, cases)

const csv = (column: string, values: readonly string[]) => [column, ...values].join('\n') + '\n'

interface ColumnDrift {
  column: string
  method: string
  score: number
  drifted: boolean
  gating: boolean
  approximation?: string
}
interface Report {
  errors: number
  drift: { columns: ColumnDrift[]; unscored?: { column: string; reason: string; gating: boolean }[] }
  profile: { columns: Record<string, Record<string, unknown>> }
}

async function validate(workspace: string, inputs: Record<string, string>) {
  const result = await runAction({
    action: 'validate-data',
    inputs: { report: 'report.json', ...inputs },
    workspace,
    node: NODE24
  })
  let report: Report | undefined
  try {
    report = JSON.parse(
      await readFile(path.join(workspace, inputs.report ?? 'report.json'), 'utf8')
    ) as Report
  } catch {
    report = undefined
  }
  return { ...result, report }
}

const scoreOf = (report: Report | undefined, column: string) =>
  report?.drift.columns.find(c => c.column === column)

const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i))

describeIfPython({ numpy: 'python3-numpy', scipy: 'python3-scipy' })('validate-data drift (issue 13)', () => {
  test('a categorical column beyond 1000 distinct values is scored, and its own fail rule fails the step', async () => {
    const ref = range(2000, i => `u${i}`)
    const cur = range(2000, i => `v${i}`)
    const same = range(3000, i => `w${i % 1500}`)
    const [disjoint, identical] = await evidently([
      { ref, cur, numeric: false },
      { ref: same, cur: same, numeric: false }
    ])
    const workspace = await workspaceWith({
      'ref.csv': ['user,same', ...range(3000, i => `${ref[i % 2000]},${same[i]}`)].join('\n') + '\n',
      'cur.csv': ['user,same', ...range(3000, i => `${cur[i % 2000]},${same[i]}`)].join('\n') + '\n',
      'rules.yml':
        'drift:\n  columns:\n    user: { method: jensenshannon, fail: 0.5 }\n    same: { method: jensenshannon, fail: 0.5 }\n'
    })
    const { exitCode, report } = await validate(workspace, {
      data: 'cur.csv',
      reference: 'ref.csv',
      rules: 'rules.yml'
    })
    expect(disjoint.jensenshannon).toBeCloseTo(Math.sqrt(Math.log(2)), 12)
    const user = scoreOf(report, 'user')
    expect(user).toEqual(expect.objectContaining({ drifted: true, gating: true }))
    // Scored on hash classes of the values: a lower bound of the exact distance (see the README).
    expect(user!.score).toBeLessThanOrEqual(disjoint.jensenshannon + 1e-12)
    expect(user!.score).toBeGreaterThan(0.5)
    expect(scoreOf(report, 'same')!.score).toBeCloseTo(identical.jensenshannon, 12)
    expect(exitCode).toBe(1)
  })

  test('a column with ignore: true is left out of drift, with its reason, and does not count toward dataset_share', async () => {
    const workspace = await workspaceWith({
      'ref.csv':
        ['email,plan', ...range(400, i => `a${i}@x.org,${i % 2 ? 'basic' : 'premium'}`)].join('\n') + '\n',
      'cur.csv':
        ['email,plan', ...range(400, i => `b${i}@y.org,${i % 2 ? 'basic' : 'premium'}`)].join('\n') + '\n',
      'rules.yml': 'drift:\n  columns:\n    email: { ignore: true }\n  dataset_share: 0.5\n'
    })
    const { exitCode, report, stdout } = await validate(workspace, {
      data: 'cur.csv',
      reference: 'ref.csv',
      rules: 'rules.yml'
    })
    expect(scoreOf(report, 'email')).toBeUndefined()
    expect(report?.drift.unscored).toEqual([
      { column: 'email', reason: expect.stringContaining('ignore: true'), gating: false }
    ])
    expect(scoreOf(report, 'plan')).toEqual(expect.objectContaining({ drifted: false }))
    expect(stdout).not.toMatch(/::(warning|error)/)
    expect(exitCode).toBe(0)
  })

  test('ignore: true with a method or threshold is a contradiction, refused at its line', async () => {
    const workspace = await workspaceWith({
      'ref.csv': 'a\n1\n2\n',
      'cur.csv': 'a\n1\n2\n',
      'rules.yml': 'drift:\n  columns:\n    a: { ignore: true, fail: 0.2 }\n'
    })
    const { exitCode, stdout } = await validate(workspace, {
      data: 'cur.csv',
      reference: 'ref.csv',
      rules: 'rules.yml'
    })
    expect(exitCode).toBe(1)
    expect(stdout).toMatch(/rules\.yml.*line=3|rules\.yml:3/)
    expect(stdout).toMatch(/ignore/)
  })

  test('one bin per value when the REFERENCE has at most 20 distinct numbers, whatever the current has', async () => {
    const ref = range(200, i => String(i % 10))
    const cur = range(300, i => String(i % 30))
    const [expected] = await evidently([{ ref, cur, numeric: true }])
    const workspace = await workspaceWith({
      'ref.csv': csv('x', ref),
      'cur.csv': csv('x', cur),
      'rules.yml': 'drift:\n  columns:\n    x: { method: psi, fail: 100 }\n'
    })
    const { report } = await validate(workspace, {
      data: 'cur.csv',
      reference: 'ref.csv',
      rules: 'rules.yml'
    })
    expect(scoreOf(report, 'x')!.score).toBeCloseTo(expected.psi, 12)
  })

  test("Sturges edges are numpy's linspace to the last ulp: a value on an edge lands in numpy's bin", async () => {
    // 48 values over [0, 0.7]: 7 bins, numpy's 6th edge is 5 * (0.7 / 7) = 0.49999999999999994, not 0.5.
    const ref = [...range(24, i => String((i * 0.7) / 23)), '0.49999999999999994']
    const cur = [...range(20, i => String(((i % 10) * 0.7) / 9)), '0.55', '0.55', '0.55']
    const [expected] = await evidently([{ ref, cur, numeric: true }])
    const workspace = await workspaceWith({
      'ref.csv': csv('x', ref),
      'cur.csv': csv('x', cur),
      'rules.yml': 'drift:\n  columns:\n    x: { method: psi, fail: 100 }\n'
    })
    const { report } = await validate(workspace, {
      data: 'cur.csv',
      reference: 'ref.csv',
      rules: 'rules.yml'
    })
    expect(scoreOf(report, 'x')!.score).toBeCloseTo(expected.psi, 12)
  })

  test('"1" and "1.0" in one numeric column are one value', async () => {
    const ref = range(160, i => (i % 8 === 1 ? (i % 16 === 1 ? '1' : '1.0') : String(i % 8)))
    const cur = range(100, i => (i % 5 === 1 ? (i % 2 ? '1.0' : '1') : String(i % 8)))
    const [expected] = await evidently([{ ref, cur, numeric: true }])
    const workspace = await workspaceWith({
      'ref.csv': csv('x', ref),
      'cur.csv': csv('x', cur),
      'rules.yml': 'drift:\n  columns:\n    x: { method: psi, fail: 100 }\n'
    })
    const { report } = await validate(workspace, {
      data: 'cur.csv',
      reference: 'ref.csv',
      rules: 'rules.yml'
    })
    expect(scoreOf(report, 'x')!.score).toBeCloseTo(expected.psi, 12)
  })

  test('a KS D of exactly 1/10 drifts at threshold 0.1', async () => {
    const ref = range(10, i => String(i + 1))
    const cur = ['1', '2', '3.5', '4', '5', '6', '7', '8', '9', '10']
    const [expected] = await evidently([{ ref, cur, numeric: true }])
    expect(expected.ks).toBe(0.1)
    const workspace = await workspaceWith({
      'ref.csv': csv('x', ref),
      'cur.csv': csv('x', cur),
      'rules.yml': 'drift:\n  columns:\n    x: { method: ks, fail: 0.1 }\n'
    })
    const { exitCode, report } = await validate(workspace, {
      data: 'cur.csv',
      reference: 'ref.csv',
      rules: 'rules.yml'
    })
    expect(scoreOf(report, 'x')).toEqual(expect.objectContaining({ drifted: true }))
    expect(exitCode).toBe(1)
  })

  test('beyond the sketch (20,000 distinct values a side), drift is computed on the exact values', async () => {
    const random = seededRandom(13)
    const draw = (n: number, mean: number, sd: number) => range(n, () => String(mean + gaussian(random, sd)))
    const columns = {
      a: [draw(20_000, 0, 1), draw(20_000, 0.05, 1)],
      // Far from zero with a small spread: the sketch's 0.5% relative accuracy is 0.1 standard deviation here.
      b: [draw(20_000, 100, 5), draw(20_000, 100.3, 5)]
    }
    const expected = await evidently(
      Object.values(columns).map(([ref, cur]) => ({ ref, cur, numeric: true, continuous: true }))
    )
    const table = (side: 0 | 1) =>
      ['a,b', ...range(20_000, i => `${columns.a[side][i]},${columns.b[side][i]}`)].join('\n') + '\n'
    const workspace = await workspaceWith({ 'ref.csv': table(0), 'cur.csv': table(1) })
    for (const method of ['psi', 'jensenshannon', 'ks', 'wasserstein'] as const) {
      await writeFile(
        path.join(workspace, 'rules.yml'),
        `drift:\n  columns:\n    a: { method: ${method}, fail: 100 }\n    b: { method: ${method}, fail: 100 }\n`
      )
      const { report } = await validate(workspace, {
        data: 'cur.csv',
        reference: 'ref.csv',
        rules: 'rules.yml'
      })
      Object.keys(columns).forEach((column, i) => {
        const drift = scoreOf(report, column)!
        expect({ column, method, approximation: drift.approximation }).toEqual({
          column,
          method,
          approximation: undefined
        })
        expect(Math.abs(drift.score - expected[i][method]!)).toBeLessThanOrEqual(
          1e-12 * Math.max(1, expected[i][method]!)
        )
      })
    }
  })

  test('non-finite numbers are counted apart: statistics, sketch and drift use the finite values; infer writes no false bound', async () => {
    const finite = range(60, i => String((i * 7) % 31))
    const ref = [...finite, '1e400', '-Infinity']
    const cur = range(60, i => String((i * 5) % 37))
    const [expected] = await evidently([{ ref: finite, cur, numeric: true }])
    const workspace = await workspaceWith({
      'ref.csv': csv('x', ref),
      'cur.csv': csv('x', cur),
      'rules.yml': 'drift:\n  columns:\n    x: { method: psi, fail: 100 }\n'
    })
    const inferred = await validate(workspace, {
      data: 'ref.csv',
      mode: 'infer',
      schema: 'schema.json',
      rules: 'inferred.yml',
      'profile-out': 'ref-profile.json'
    })
    expect(inferred.exitCode).toBe(0)
    const profile = JSON.parse(await readFile(path.join(workspace, 'ref-profile.json'), 'utf8'))
    const x = profile.columns.x
    const values = finite.map(Number)
    const mean = values.reduce((a, b) => a + b, 0) / values.length
    expect(x).toEqual(
      expect.objectContaining({
        type: 'integer',
        min: 0,
        max: 30,
        nonFinite: { positive: 1, negative: 1, nan: 0 }
      })
    )
    expect(x.mean).toBeCloseTo(mean, 12)
    expect(x.histogram.counts.reduce((a: number, b: number) => a + b, 0)).toBe(60)
    const schema = JSON.parse(await readFile(path.join(workspace, 'schema.json'), 'utf8'))
    expect(schema.properties.x).not.toHaveProperty('maximum')
    expect(schema.properties.x).not.toHaveProperty('minimum')
    const drifted = await validate(workspace, {
      data: 'cur.csv',
      reference: 'ref-profile.json',
      rules: 'rules.yml'
    })
    expect(scoreOf(drifted.report, 'x')!.score).toBeCloseTo(expected.psi, 12)

    // A profile whose statistics are unusable (null where a number belongs) is refused, not compared.
    await writeFile(
      path.join(workspace, 'broken.json'),
      JSON.stringify({ ...profile, columns: { x: { ...x, max: null, mean: null } } })
    )
    const refused = await validate(workspace, {
      data: 'cur.csv',
      reference: 'broken.json',
      rules: 'rules.yml'
    })
    expect(refused.exitCode).toBe(1)
    expect(refused.stdout).toMatch(/broken\.json.*column 'x'.*(mean|max)/)
  })

  test('NaN and infinities in a Parquet DOUBLE keep the column numeric with finite statistics', async () => {
    const { writeParquet } = await import('../fixtures/parquet-writer.js')
    const workspace = await workspaceWith({
      'd.parquet': writeParquet([
        { name: 'x', type: 'double', values: [1.5, 2.5, NaN, Infinity, -Infinity, 4, null] }
      ])
    })
    const { report } = await validate(workspace, { data: 'd.parquet' })
    expect(report!.profile.columns.x).toEqual(
      expect.objectContaining({
        type: 'number',
        nulls: 1,
        min: 1.5,
        max: 4,
        mean: 8 / 3,
        nonFinite: { positive: 1, negative: 1, nan: 1 }
      })
    )
  })

  test('a 0-row Parquet file profiles its schema columns, and drift says why they have no score', async () => {
    const { writeParquet } = await import('../fixtures/parquet-writer.js')
    const workspace = await workspaceWith({
      'empty.parquet': writeParquet([
        { name: 'x', type: 'double', values: [] },
        { name: 'name', type: 'string', values: [] }
      ]),
      'ref.csv': ['x,name', ...range(50, i => `${i},n${i % 7}`)].join('\n') + '\n',
      'rules.yml': 'drift:\n  columns:\n    x: { method: psi, fail: 0.2 }\n'
    })
    const { exitCode, report, annotations } = await validate(workspace, {
      data: 'empty.parquet',
      reference: 'ref.csv',
      rules: 'rules.yml'
    })
    expect(Object.keys(report!.profile.columns).sort()).toEqual(['name', 'x'])
    expect(report!.profile.columns.x).toEqual(expect.objectContaining({ count: 0, type: 'empty' }))
    expect(report!.drift.columns).toEqual([])
    expect(report!.drift.unscored).toEqual([
      { column: 'x', reason: expect.stringMatching(/current.*no values/), gating: true },
      { column: 'name', reason: expect.stringMatching(/current.*no values/), gating: false }
    ])
    // x has its own fail rule: a gating column that cannot be scored fails the step.
    expect(exitCode).toBe(1)
    expect(annotations.filter(a => a.level === 'error').map(a => a.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/'x' cannot be scored: the current data has no values/)])
    )
  })
})
