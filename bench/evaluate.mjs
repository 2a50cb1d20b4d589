// evaluate's metric engine against scikit-learn, measured in the same run on the same data.
//   1. 1,000,000 binary predictions: all ten binary metrics plus 1,000 bootstrap resamples of each (target
//      ≤ 2 s), against scikit-learn computing the same ten metrics once.
//   2. ROC AUC on 10,000,000 rows against scikit-learn's roc_auc_score.
// Prints medians of RUNS (default 3) and the ratios; checks that both sides computed the same values.
// Usage: npm run bench:evaluate [-- runs]   (compiles shared/ first; needs /usr/bin/python3 with scikit-learn)
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { evaluatePredictions } = await import(
  path.join(root, '.tmp/bench/shared/metrics/prediction-metrics.js')
)
const runs = Number(process.argv[2] ?? 3)
const scratch = mkdtempSync(path.join(tmpdir(), 'mlci-bench-evaluate-'))

/** Seeded data: 30% positives, scores informative, rounded to 4 decimals so there are ties. */
function generate(n, seed) {
  let state = seed
  const next = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
  const labels = new Uint8Array(n)
  const predicted = new Uint8Array(n)
  const scores = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    labels[i] = next() < 0.3 ? 1 : 0
    scores[i] = Math.round(Math.min(1, Math.max(0, next() * 0.75 + 0.2 * labels[i])) * 10_000) / 10_000
    predicted[i] = scores[i] >= 0.5 ? 1 : 0
  }
  return { labels, predicted, scores }
}

function save(name, data) {
  const file = path.join(scratch, name)
  writeFileSync(`${file}.labels`, data.labels)
  writeFileSync(`${file}.scores`, new Uint8Array(data.scores.buffer))
  return file
}

function python(script) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', chunk => (out += chunk))
    child.on('close', code =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`python exited ${code}`))
    )
  })
}

const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const seconds = ms => `${(ms / 1000).toFixed(3)} s`

function time(work) {
  const started = performance.now()
  const result = work()
  return { ms: performance.now() - started, result }
}

const PY_METRICS = String.raw`
import json, sys, time
import numpy as np
from sklearn import metrics as m
def load(file):
    y = np.fromfile(file + '.labels', dtype=np.uint8).astype(int)
    s = np.fromfile(file + '.scores', dtype=np.float64)
    return y, s
`

// 1. One million predictions, all metrics with 1,000 resamples.
const million = generate(1_000_000, 2026)
const millionFile = save('million', million)
const ours = []
let ourMetrics
for (let run = 0; run < runs; run++) {
  const { ms, result } = time(() =>
    evaluatePredictions({ task: 'binary', data: million }, { resamples: 1000, confidence: 0.95, seed: run })
  )
  ours.push(ms)
  ourMetrics = result
}
const sklearn = await python(
  PY_METRICS +
    String.raw`
y, s = load(${JSON.stringify(millionFile)})
times = []
for run in range(${runs}):
    t = time.perf_counter()
    p = (s >= 0.5).astype(int)
    values = {
        'accuracy': m.accuracy_score(y, p), 'balanced_accuracy': m.balanced_accuracy_score(y, p),
        'precision': m.precision_score(y, p), 'recall': m.recall_score(y, p), 'f1': m.f1_score(y, p),
        'mcc': m.matthews_corrcoef(y, p), 'roc_auc': m.roc_auc_score(y, s),
        'average_precision': m.average_precision_score(y, s), 'log_loss': m.log_loss(y, s),
        'brier': m.brier_score_loss(y, s)}
    times.append((time.perf_counter() - t) * 1000)
print(json.dumps({'times': times, 'values': {k: float(v) for k, v in values.items()}}))`
)
const worst = Math.max(
  ...Object.entries(sklearn.values).map(([name, value]) => Math.abs(ourMetrics[name].value - value))
)
const oursMedian = median(ours)
const peerMedian = median(sklearn.times)
console.log('1,000,000 binary predictions')
console.log(
  `  mlci: 10 metrics + 1,000 bootstrap resamples of each   median ${seconds(oursMedian)}  (runs: ${ours.map(seconds).join(', ')})  target ≤ 2 s: ${oursMedian <= 2000 ? 'met' : 'NOT met'}`
)
console.log(`  scikit-learn 1.2: the 10 metrics once                  median ${seconds(peerMedian)}`)
console.log(
  `  ratio mlci (with 1,000 resamples) / scikit-learn (once): ${(oursMedian / peerMedian).toFixed(2)}×`
)
console.log(`  largest difference from scikit-learn's values: ${worst.toExponential(2)}`)
console.log(
  `  roc_auc ${ourMetrics.roc_auc.value.toFixed(6)}, 95% CI ${ourMetrics.roc_auc.ci.low.toFixed(6)} – ${ourMetrics.roc_auc.ci.high.toFixed(6)}`
)

// 2. ROC AUC on ten million rows.
const ten = generate(10_000_000, 7)
const tenFile = save('ten-million', ten)
const aucTimes = []
let auc
for (let run = 0; run < runs; run++) {
  const { ms, result } = time(() =>
    evaluatePredictions({ task: 'binary', data: ten }, { resamples: 0, confidence: 0.95, seed: 0 })
  )
  aucTimes.push(ms)
  auc = result.roc_auc.value
}
const peerAuc = await python(
  PY_METRICS +
    String.raw`
y, s = load(${JSON.stringify(tenFile)})
times = []
for run in range(${runs}):
    t = time.perf_counter()
    auc = m.roc_auc_score(y, s)
    times.append((time.perf_counter() - t) * 1000)
print(json.dumps({'times': times, 'auc': float(auc)}))`
)
console.log('\nROC AUC, 10,000,000 rows')
console.log(`  mlci (all 10 metrics, sort included)   median ${seconds(median(aucTimes))}`)
console.log(`  scikit-learn roc_auc_score             median ${seconds(median(peerAuc.times))}`)
console.log(
  `  ratio mlci / scikit-learn: ${(median(aucTimes) / median(peerAuc.times)).toFixed(2)}×   |Δ auc| = ${Math.abs(auc - peerAuc.auc).toExponential(2)}`
)
