import { beforeAll, expect, test } from '@jest/globals'
import { runPython } from '../../test/oracles/python.js'
import { describeIfPython } from '../../test/oracles/python-gate.js'
import type { MetricSet } from './metric-estimate.js'
import { evaluatePredictions, evaluateSlices, type TaskPredictions } from './prediction-metrics.js'

/**
 * Every metric against scikit-learn, computed in this run by the system Python on seeded generated data.
 * Python reports, per metric, either its value or that scikit-learn raised or warned; where it did, we must
 * give a reason and no value.
 */
type Oracle = Record<string, { value: number } | { problem: string }>

interface Case {
  name: string
  labels: number[]
  predicted: number[]
  scores?: number[] | number[][]
  oracle: Oracle
  slices?: string[]
  sliceOracle?: Record<string, Oracle>
}

const PRELUDE = String.raw`
import json, warnings
import numpy as np
from sklearn import metrics as m
warnings.simplefilter('error')

def oracle(fs):
    out = {}
    for name, f in fs.items():
        try:
            out[name] = {'value': float(f())}
        except Exception as e:
            out[name] = {'problem': type(e).__name__ + ': ' + str(e)}
    return out

def binary(y, p, s):
    return oracle({
        'accuracy': lambda: m.accuracy_score(y, p),
        'balanced_accuracy': lambda: m.balanced_accuracy_score(y, p),
        'precision': lambda: m.precision_score(y, p),
        'recall': lambda: m.recall_score(y, p),
        'f1': lambda: m.f1_score(y, p),
        'mcc': lambda: m.matthews_corrcoef(y, p),
        'roc_auc': lambda: m.roc_auc_score(y, s),
        'average_precision': lambda: m.average_precision_score(y, s),
        'log_loss': lambda: m.log_loss(y, s, labels=[0, 1]),
        'brier': lambda: m.brier_score_loss(y, s, pos_label=1),
    })

def multiclass(y, p, s, k):
    return oracle({
        'accuracy': lambda: m.accuracy_score(y, p),
        'macro_precision': lambda: m.precision_score(y, p, average='macro'),
        'macro_recall': lambda: m.recall_score(y, p, average='macro'),
        'macro_f1': lambda: m.f1_score(y, p, average='macro'),
        'weighted_precision': lambda: m.precision_score(y, p, average='weighted'),
        'weighted_recall': lambda: m.recall_score(y, p, average='weighted'),
        'weighted_f1': lambda: m.f1_score(y, p, average='weighted'),
        'log_loss': lambda: m.log_loss(y, s, labels=list(range(k))),
    })

def regression(y, p):
    return oracle({
        'mae': lambda: m.mean_absolute_error(y, p),
        'mse': lambda: m.mean_squared_error(y, p),
        'rmse': lambda: m.mean_squared_error(y, p, squared=False),
        'r2': lambda: m.r2_score(y, p),
        'mape': lambda: m.mean_absolute_percentage_error(y, p),
    })

def case(name, y, p, s, o, slices=None, so=None):
    c = {'name': name, 'labels': np.asarray(y).tolist(), 'predicted': np.asarray(p).tolist(), 'oracle': o}
    if s is not None: c['scores'] = np.asarray(s).tolist()
    if slices is not None: c['slices'] = list(slices); c['sliceOracle'] = so
    return c

rng = np.random.default_rng(20261126)
cases = {'binary': [], 'multiclass': [], 'regression': []}
`

const GENERATE = String.raw`
# Binary: informative scores with heavy ties (rounded to 2 decimals), and slices.
n = 3000
y = rng.integers(0, 2, n)
s = np.clip(np.round(rng.normal(0.35 + 0.3 * y, 0.2), 2), 0, 1)
s[:20] = 0.0; s[20:40] = 1.0
p = (s >= 0.5).astype(int)
region = rng.choice(['eu', 'us', 'apac'], n)
so = {r: binary(y[region == r], p[region == r], s[region == r]) for r in ['eu', 'us', 'apac']}
cases['binary'].append(case('tied scores with slices', y, p, s, binary(y, p, s), region.tolist(), so))
s2 = rng.random(500); y2 = (rng.random(500) < s2).astype(int)
cases['binary'].append(case('continuous scores', y2, (s2 >= 0.5).astype(int), s2, binary(y2, (s2 >= 0.5).astype(int), s2)))
# Degenerate: one class, constant predictions, nothing predicted positive, a single example.
for name, yy, pp, ss in [
    ('only positives', [1]*6, [1, 0, 1, 1, 0, 1], [.9, .2, .8, .7, .1, .6]),
    ('only negatives', [0]*5, [0, 0, 1, 0, 0], [.1, .2, .7, .3, .3]),
    ('constant predictions', [0, 1, 0, 1, 1], [0]*5, [.3]*5),
    ('no positive predicted, no positive label', [0, 0, 0], [0, 0, 0], [0.0, 0.1, 0.2]),
    ('all right, one class', [1, 1], [1, 1], [1.0, 1.0]),
]:
    cases['binary'].append(case(name, yy, pp, ss, binary(np.array(yy), np.array(pp), np.array(ss))))

# Multiclass: four classes, probabilities from a softmax, one class rarely predicted.
n = 2000; k = 4
y = rng.integers(0, k, n)
logits = rng.normal(0, 1, (n, k)); logits[np.arange(n), y] += 1.2
pr = np.exp(logits); pr /= pr.sum(axis=1, keepdims=True)
pr[:5] = np.eye(k)[y[:5]]
pm = pr.argmax(axis=1)
grp = rng.choice(['a', 'b'], n)
cases['multiclass'].append(case('four classes', y, pm, pr, multiclass(y, pm, pr, k), grp.tolist(),
    {g: multiclass(y[grp == g], pm[grp == g], pr[grp == g], k) for g in ['a', 'b']}))
yd = np.array([0, 1, 2, 0, 1, 2]); pd_ = np.array([0, 0, 0, 0, 1, 1]); prd = np.full((6, 3), 1/3)
cases['multiclass'].append(case('a class never predicted', yd, pd_, prd, multiclass(yd, pd_, prd, 3)))

# Regression, with a zero label (MAPE's epsilon) and the degenerate constant-label cases.
yr = rng.normal(10, 3, 1500); yr[0] = 0.0; pr_ = yr + rng.normal(0, 1, 1500)
seg = rng.choice(['x', 'y'], 1500)
cases['regression'].append(case('noisy', yr, pr_, None, regression(yr, pr_), seg.tolist(),
    {g: regression(yr[seg == g], pr_[seg == g]) for g in ['x', 'y']}))
for name, yy, pp in [('constant labels', [2.0]*4, [2.0, 2.5, 1.0, 2.0]),
                     ('constant labels, perfect', [2.0]*3, [2.0]*3),
                     ('one example', [1.0], [1.5])]:
    cases['regression'].append(case(name, yy, pp, None, regression(np.array(yy), np.array(pp))))
print(json.dumps(cases))
`

function toPredictions(task: string, c: Case): TaskPredictions {
  if (task === 'binary') {
    return {
      task,
      data: {
        labels: Uint8Array.from(c.labels),
        predicted: Uint8Array.from(c.predicted),
        scores: Float64Array.from(c.scores as number[])
      }
    }
  }
  if (task === 'multiclass') {
    const rows = c.scores as number[][]
    return {
      task,
      data: {
        classNames: rows[0].map((_, i) => `class${i}`),
        labels: Int32Array.from(c.labels),
        predicted: Int32Array.from(c.predicted),
        probabilities: Float64Array.from(rows.flat())
      }
    }
  }
  return {
    task: 'regression',
    data: { labels: Float64Array.from(c.labels), predicted: Float64Array.from(c.predicted) }
  }
}

function expectAgreement(ours: MetricSet, oracle: Oracle, where: string): void {
  expect(Object.keys(ours).sort()).toEqual(Object.keys(oracle).sort())
  for (const [name, expected] of Object.entries(oracle)) {
    const got = ours[name]
    if ('value' in expected) {
      if (got.value === null)
        throw new Error(`${where} ${name}: undefined (${got.reason}), sklearn ${expected.value}`)
      // 1e-9, relative beyond 1: MAPE near a zero label reaches 1e12, where summation order shows.
      const gap = Math.abs(got.value - expected.value) / Math.max(1, Math.abs(expected.value))
      if (!(gap <= 1e-9)) throw new Error(`${where} ${name}: ${got.value} vs sklearn ${expected.value}`)
    } else {
      if (got.value !== null) throw new Error(`${where} ${name}: ${got.value}, sklearn: ${expected.problem}`)
      expect(got.reason).toMatch(/\w/)
    }
  }
}

// Every test here reads the cases scikit-learn generated (Jest runs no beforeAll of a file whose tests all skip).
const describeOracle = describeIfPython({
  numpy: 'python3-numpy',
  sklearn: 'python3-sklearn',
  scipy: 'python3-scipy'
})

let cases: Record<string, Case[]>
beforeAll(async () => {
  cases = await runPython<Record<string, Case[]>>(PRELUDE + GENERATE)
})

const NO_BOOTSTRAP = { resamples: 0, confidence: 0.95, seed: 1 }

describeOracle.each(['binary', 'multiclass', 'regression'])('%s metrics equal scikit-learn', task => {
  test('on every generated case, degenerate ones included', () => {
    expect(cases[task].length).toBeGreaterThan(1)
    for (const c of cases[task]) {
      expectAgreement(
        evaluatePredictions(toPredictions(task, c), NO_BOOTSTRAP),
        c.oracle,
        `${task} '${c.name}'`
      )
    }
  })

  test('per slice', () => {
    const sliced = cases[task].filter(c => c.slices)
    expect(sliced).toHaveLength(1)
    for (const c of sliced) {
      const ours = evaluateSlices(toPredictions(task, c), c.slices!, NO_BOOTSTRAP)
      expect(Object.keys(ours).sort()).toEqual(Object.keys(c.sliceOracle!).sort())
      for (const [slice, oracle] of Object.entries(c.sliceOracle!)) {
        expectAgreement(ours[slice], oracle, `${task} slice ${slice}`)
      }
    }
  })
})

describeOracle('bootstrap intervals', () => {
  const options = { resamples: 200, confidence: 0.9, seed: 7 }

  test('are reproducible from the seed, differ with another seed, and bracket the estimate', () => {
    const c = cases.binary[0]
    const first = evaluatePredictions(toPredictions('binary', c), options)
    const again = evaluatePredictions(toPredictions('binary', c), options)
    const other = evaluatePredictions(toPredictions('binary', c), { ...options, seed: 8 })
    expect(again).toEqual(first)
    expect(other.roc_auc.ci).not.toEqual(first.roc_auc.ci)
    for (const [name, estimate] of Object.entries(first)) {
      expect(estimate.ci).toBeDefined()
      expect(estimate.ci!.low).toBeLessThanOrEqual(estimate.value! + 1e-12)
      expect(estimate.ci!.high).toBeGreaterThanOrEqual(estimate.value! - 1e-12)
      expect(estimate.ci!.high - estimate.ci!.low).toBeGreaterThan(0)
      expect(name).toBeTruthy()
    }
  })

  test('match the spread of the sampling distribution that SciPy bootstraps', async () => {
    // scipy.stats.bootstrap (percentile, 2000 resamples) on the accuracy of the same examples: the two
    // intervals agree to within resampling noise.
    const c = cases.binary[0]
    const scipy = await runPython<{ low: number; high: number }>(String.raw`
import json, numpy as np
from scipy import stats
y = np.array(${JSON.stringify(c.labels)}); p = np.array(${JSON.stringify(c.predicted)})
r = stats.bootstrap(((y == p).astype(float),), np.mean, confidence_level=0.9, n_resamples=2000,
                    method='percentile', random_state=np.random.default_rng(3))
print(json.dumps({'low': r.confidence_interval.low, 'high': r.confidence_interval.high}))`)
    const ours = evaluatePredictions(toPredictions('binary', c), { ...options, resamples: 2000 }).accuracy.ci!
    const width = scipy.high - scipy.low
    expect(Math.abs(ours.low - scipy.low)).toBeLessThan(0.1 * width)
    expect(Math.abs(ours.high - scipy.high)).toBeLessThan(0.1 * width)
  })
})

test("log_loss on a single class is scikit-learn's with the classes given (labels=), which refuses to guess them without", async () => {
  const oracle = await runPython<{ binary: number; multiclass: number; refused: string[] }>(String.raw`
import json
from sklearn.metrics import log_loss
y = [1, 1, 1, 1]; s = [0.9, 0.2, 0.6, 1.0]
ym = [2, 2, 2]; pm = [[0.1, 0.2, 0.7], [0.5, 0.25, 0.25], [0.0, 0.0, 1.0]]
refused = []
for f in (lambda: log_loss(y, s), lambda: log_loss(ym, pm)):
    try: f()
    except ValueError as e: refused.append(str(e))
print(json.dumps({'binary': log_loss(y, s, labels=[0, 1]), 'multiclass': log_loss(ym, pm, labels=[0, 1, 2]), 'refused': refused}))`)
  expect(oracle.refused).toHaveLength(2)
  const binary = evaluatePredictions(
    {
      task: 'binary',
      data: {
        labels: Uint8Array.from([1, 1, 1, 1]),
        predicted: Uint8Array.from([1, 0, 1, 1]),
        scores: Float64Array.from([0.9, 0.2, 0.6, 1.0])
      }
    },
    NO_BOOTSTRAP
  )
  const multiclass = evaluatePredictions(
    {
      task: 'multiclass',
      data: {
        classNames: ['a', 'b', 'c'],
        labels: Int32Array.from([2, 2, 2]),
        predicted: Int32Array.from([2, 0, 2]),
        probabilities: Float64Array.from([0.1, 0.2, 0.7, 0.5, 0.25, 0.25, 0, 0, 1])
      }
    },
    NO_BOOTSTRAP
  )
  expect(Math.abs(binary.log_loss.value! - oracle.binary)).toBeLessThan(1e-12)
  expect(Math.abs(multiclass.log_loss.value! - oracle.multiclass)).toBeLessThan(1e-12)
})
