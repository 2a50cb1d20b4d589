// A/A calibration of evaluate's gate: the candidate and the baseline are two models drawn from one and the same
// distribution, so every failure is a false failure. For each significance method (none: the point rule alone;
// bootstrap: the candidate's resamples against the baseline's value; paired-bootstrap; mcnemar: Tango's score
// test) and two tolerances (max_drop 0.01, and max_drop 0, where "no change" sits exactly on the tolerance), it
// runs the gate on RUNS seeded pairs and prints the share of runs that fail and that are inconclusive, each
// with a 95% Wilson interval for the Monte Carlo error. A calibrated test fails at most `level` (0.05) of the
// runs, and about `level` at max_drop 0.
// Data: N binary examples; example i is hard with probability 0.3 (each model right with probability 0.7 on it)
// and easy otherwise (right with probability 0.97), independently per model, so the models agree on most
// examples as real ones do (accuracy ≈ 0.889).
// Usage: npm run bench:aa (compiles shared/ with bench/tsconfig.json first) [-- runs examples resamples]
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const RUNS = Number(process.argv[2] ?? 500)
const N = Number(process.argv[3] ?? 2000)
const RESAMPLES = Number(process.argv[4] ?? 200)
const LEVEL = 0.05

const out = path.join(root, '.tmp/bench/shared')
const load = file => import(pathToFileURL(path.join(out, file)).href)
const { evaluateGate } = await load('gate/gate.js')
const { parsePolicy } = await load('gate/policy.js')
const { significanceTest } = await load('gate/significance.js')
const { evaluatePredictions } = await load('metrics/prediction-metrics.js')
const { seededRandom } = await load('stats/seeded-random.js')

function modelPair(seed) {
  const random = seededRandom(seed)
  const labels = new Uint8Array(N)
  const candidate = new Uint8Array(N)
  const baseline = new Uint8Array(N)
  for (let i = 0; i < N; i++) {
    const label = random() < 0.5 ? 1 : 0
    const right = random() < 0.3 ? 0.7 : 0.97
    labels[i] = label
    candidate[i] = random() < right ? label : 1 - label
    baseline[i] = random() < right ? label : 1 - label
  }
  const task = predicted => ({ task: 'binary', data: { labels, predicted } })
  return { candidate: task(candidate), baseline: task(baseline) }
}

const METHODS = ['none', 'bootstrap', 'paired-bootstrap', 'mcnemar']
const policyFor = (method, maxDrop) =>
  parsePolicy(
    `metrics:\n  accuracy: { direction: higher, max_drop: ${maxDrop} }\n` +
      (method === 'none' ? '' : `significance: { level: ${LEVEL}, method: ${method} }\n`),
    'aa-policy.yaml'
  )

function wilson(count, n) {
  const z = 1.959963984540054
  const p = count / n
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n)
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n)) || 0
  return `${(100 * p).toFixed(1)}% [${(100 * Math.max(0, centre - half)).toFixed(1)}, ${(100 * Math.min(1, centre + half)).toFixed(1)}]`
}

const started = Date.now()
const DROPS = [0.01, 0]
const policies = DROPS.map(maxDrop => METHODS.map(method => policyFor(method, maxDrop)))
const counts = DROPS.map(() => METHODS.map(() => ({ pass: 0, warn: 0, inconclusive: 0, fail: 0 })))
for (let run = 0; run < RUNS; run++) {
  const { candidate, baseline } = modelPair(0x5eed + run)
  const options = { resamples: 0, confidence: 0.95, seed: run }
  const metrics = {
    candidate: evaluatePredictions(candidate, options),
    baseline: evaluatePredictions(baseline, options)
  }
  METHODS.forEach((method, m) => {
    // One test per method and run: its resamples serve both tolerances, as they would one policy's rules.
    const significance = significanceTest(policies[0][m], candidate, baseline, {
      resamples: RESAMPLES,
      seed: run
    })
    DROPS.forEach((_, d) => {
      const { verdict } = evaluateGate({
        policy: policies[d][m],
        candidate: metrics.candidate,
        baseline: metrics.baseline,
        significance
      })
      counts[d][m][verdict]++
    })
  })
}
DROPS.forEach((maxDrop, d) =>
  METHODS.forEach((method, m) => {
    const c = counts[d][m]
    console.log(
      `max_drop ${String(maxDrop).padEnd(4)} ${method.padEnd(16)} false fail ${wilson(c.fail, RUNS).padEnd(20)} inconclusive ${wilson(c.inconclusive, RUNS).padEnd(20)} pass ${wilson(c.pass, RUNS)}`
    )
  })
)
console.log(
  `A/A: ${RUNS} runs per row, ${N} binary examples per model (accuracy ≈ 0.889), ${RESAMPLES} resamples, level ${LEVEL}; ${((Date.now() - started) / 1000).toFixed(1)} s.`
)
