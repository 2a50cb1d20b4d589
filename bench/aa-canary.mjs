// A/A calibration of the canary judge: canary and baseline drawn from the same distribution, judged many times
// (seeded), so every High/Low is a false alarm and every rollback a false rollback. Prints, per sample size:
//   - per metric: the false-alarm rate (High or Low in a failing direction) and the inconclusive rate, with mlci's
//     rules and, for the Mann-Whitney metrics, with Kayenta's classifier alone (no minimum sample rule);
//   - per analysis (a critical error count, latency, the same errors as per-step rates, cpu either way): false
//     rollbacks (score at or below marginal) and inconclusive analyses;
//   - per stage with the defaults (interval 1m, 60 s step, growing window: 2, 3, … 11 samples over a 10m bake):
//     how often a stage is falsely rolled back, and how often it ends inconclusive.
// Usage: npm run bench:aa  (or: npx tsc -p bench/tsconfig.json && node bench/aa-canary.mjs [reps])
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.join(root, '.tmp/bench/shared')
const load = file => import(pathToFileURL(path.join(out, file)).href)
const { judgeSamples } = await load('deploy/canary-analysis.js')
const { parseAnalysisConfig } = await load('deploy/analysis-config.js')
const { classifyMannWhitney, KAYENTA_OPTIONS } = await load('deploy/mann-whitney-judge.js')
const { seededRandom, gaussian } = await load('stats/seeded-random.js')
const { scoreCanary } = await load('deploy/canary-score.js')
const { classifyTwoProportion } = await load('deploy/two-proportion-judge.js')

const REPS = Number(process.argv[2] ?? 5000)
const SIZES = [2, 3, 4, 5, 10, 30, 60]
const started = Date.now()
const random = seededRandom(20261205)

// Per-step draws. Latency: log-normal around 100 ms. Errors: Poisson counts at 0.1% of 1000 baseline requests and
// of 50 canary requests a step (a 5% canary), as counts and as the per-step rates Mann-Whitney would see.
const latency = () => Math.exp(Math.log(0.1) + gaussian(random, 0.3))
const cpu = () => 0.5 + gaussian(random, 0.05)
function poisson(mean) {
  const limit = Math.exp(-mean)
  let k = 0
  let product = random()
  while (product > limit) {
    k++
    product *= random()
  }
  return k
}
const steps = (n, draw) => Array.from({ length: n }, draw)
const counts = (n, trialsPerStep) => {
  const events = steps(n, () => poisson(0.001 * trialsPerStep))
  return { events, trials: Array(n).fill(trialsPerStep) }
}

const config = parseAnalysisConfig(
  `provider: { command: [none] }
metrics:
  - { name: errors, counts: true, direction: increase, critical: true, group: errors }
  - { name: latency, direction: increase, group: latency }
  - { name: error_rate, direction: increase, group: rates }
  - { name: cpu, group: cpu }
`,
  'aa.yml',
  'mann-whitney'
)
const specOf = name => config.metrics.find(metric => metric.name === name)
const thresholds = { pass: 95, marginal: 75 }
const window = { start: new Date(0), end: new Date(0) }

/** One A/A draw of n steps for every metric. */
function draw(n) {
  const canaryErrors = counts(n, 50)
  const baselineErrors = counts(n, 1000)
  const rate = side => side.events.map((events, k) => events / side.trials[k])
  return {
    errors: {
      canary: canaryErrors.events,
      baseline: baselineErrors.events,
      denominator: { canary: canaryErrors.trials, baseline: baselineErrors.trials }
    },
    latency: { canary: steps(n, latency), baseline: steps(n, latency) },
    error_rate: { canary: rate(canaryErrors), baseline: rate(baselineErrors) },
    cpu: { canary: steps(n, cpu), baseline: steps(n, cpu) }
  }
}

const percent = (count, total) => `${((100 * count) / total).toFixed(1)}%`.padStart(7)
const isAlarm = classification => classification === 'High' || classification === 'Low'

console.log(
  `A/A canary calibration: ${REPS} seeded draws per sample size, identical distributions on both sides`
)
console.log('n = samples (steps) a side; alarm = High/Low (a false alarm here); inc. = Inconclusive')
console.log('')
console.log(
  'metric'.padEnd(44) +
    SIZES.map(n => `n=${n}`.padStart(16)).join('') +
    '\n' +
    ''.padEnd(44) +
    SIZES.map(() => '   alarm    inc.').join('')
)
const perMetric = {}
const perAnalysis = Object.fromEntries(SIZES.map(n => [n, { rollback: 0, inconclusive: 0 }]))
const kayenta = { latency: {}, error_rate: {}, cpu: {} }
const tolerantConfig = parseAnalysisConfig(
  `provider: { command: [none] }
metrics:
  - { name: latency_tolerant, direction: increase, allowed_increase: 1.05 }
  - { name: errors_tolerant, counts: true, direction: increase, allowed_increase: 1.5 }
`,
  'aa-tolerant.yml',
  'mann-whitney'
)
const tolerant = [
  ['latency_tolerant', tolerantConfig.metrics[0], 'latency'],
  ['errors_tolerant', tolerantConfig.metrics[1], 'errors']
]
for (const n of SIZES) {
  for (let rep = 0; rep < REPS; rep++) {
    const samples = draw(n)
    const outcome = judgeSamples(config, 'mann-whitney', samples, window, thresholds)
    for (const metric of outcome.metrics) {
      const row = (perMetric[metric.name] ??= {})
      const cell = (row[n] ??= { alarm: 0, inconclusive: 0 })
      if (isAlarm(metric.classification)) cell.alarm++
      if (metric.classification === 'Inconclusive') cell.inconclusive++
    }
    if (outcome.status === 'inconclusive') perAnalysis[n].inconclusive++
    else if (outcome.status === 'judged' && outcome.score.score <= thresholds.marginal)
      perAnalysis[n].rollback++
    // The same draws with a tolerance (allowed_increase): a significant rise within it whose interval reaches
    // past it is Inconclusive. Reported per metric, outside the analysis.
    for (const [name, spec, source] of tolerant) {
      const { canary, baseline, denominator } = samples[source]
      const classified = denominator
        ? classifyTwoProportion(
            { events: canary, trials: denominator.canary },
            { events: baseline, trials: denominator.baseline },
            spec,
            0.98
          )
        : classifyMannWhitney(canary, baseline, spec)
      const row = (perMetric[name] ??= {})
      const cell = (row[n] ??= { alarm: 0, inconclusive: 0 })
      if (isAlarm(classified.classification)) cell.alarm++
      if (classified.classification === 'Inconclusive') cell.inconclusive++
    }
    for (const name of Object.keys(kayenta)) {
      const { canary, baseline } = samples[name]
      const alone = classifyMannWhitney(canary, baseline, specOf(name), KAYENTA_OPTIONS)
      kayenta[name][n] = (kayenta[name][n] ?? 0) + (isAlarm(alone.classification) ? 1 : 0)
    }
  }
}
const labels = {
  errors: 'errors (counts, two-proportion, increase)',
  latency: 'latency (log-normal, Mann-Whitney, increase)',
  error_rate: 'error_rate (per-step rates, MW, increase)',
  cpu: 'cpu (normal, Mann-Whitney, either)',
  latency_tolerant: 'latency, allowed_increase: 1.05',
  errors_tolerant: 'errors (counts), allowed_increase: 1.5'
}
for (const [name, row] of Object.entries(perMetric)) {
  console.log(
    labels[name].padEnd(44) +
      SIZES.map(n => percent(row[n].alarm, REPS) + ' ' + percent(row[n].inconclusive, REPS)).join('')
  )
}
for (const name of Object.keys(kayenta)) {
  console.log(
    `  ${name}, Kayenta alone (no minimum)`.padEnd(44) +
      SIZES.map(n => percent(kayenta[name][n], REPS) + '        ').join('')
  )
}
console.log(
  'analysis: false rollback / inconclusive'.padEnd(44) +
    SIZES.map(
      n => percent(perAnalysis[n].rollback, REPS) + ' ' + percent(perAnalysis[n].inconclusive, REPS)
    ).join('')
)

// A whole stage with the defaults: a 10m bake analysed every minute over a growing window of 60 s steps, so the
// k-th analysis sees k + 1 samples a side. Rolled back: an analysis at or below marginal, or a final one below pass.
const STAGES = Math.max(200, Math.round(REPS / 4))
let rolledBack = 0
let endedInconclusive = 0
let rolledBackBefore = 0
// Before issue 13: Kayenta's classifier alone on every metric, the errors as per-step rates (critical).
const scoreBefore = samples => {
  const metrics = ['error_rate', 'latency', 'cpu'].map(name => ({
    ...classifyMannWhitney(
      samples[name].canary,
      samples[name].baseline,
      {
        ...specOf(name),
        critical: name === 'error_rate'
      },
      KAYENTA_OPTIONS
    ),
    groups: [name]
  }))
  return scoreCanary(metrics, {}).score
}
for (let stage = 0; stage < STAGES; stage++) {
  const all = draw(11)
  const slice = (samples, n) =>
    Object.fromEntries(
      Object.entries(samples).map(([name, side]) => [
        name,
        {
          canary: side.canary.slice(0, n),
          baseline: side.baseline.slice(0, n),
          ...(side.denominator && {
            denominator: {
              canary: side.denominator.canary.slice(0, n),
              baseline: side.denominator.baseline.slice(0, n)
            }
          })
        }
      ])
    )
  for (let minute = 1; minute <= 10; minute++) {
    const before = scoreBefore(slice(all, minute + 1))
    if (before <= thresholds.marginal || (minute === 10 && before < thresholds.pass)) {
      rolledBackBefore++
      break
    }
  }
  for (let minute = 1; minute <= 10; minute++) {
    const outcome = judgeSamples(config, 'mann-whitney', slice(all, minute + 1), window, thresholds)
    if (outcome.status === 'judged' && outcome.score.score <= thresholds.marginal) {
      rolledBack++
      break
    }
    if (minute === 10) {
      if (outcome.status === 'inconclusive') endedInconclusive++
      else if (outcome.verdict !== 'Pass') rolledBack++
    }
  }
}
console.log('')
console.log(
  `stage with the defaults (10m bake, interval 1m, 60 s step: 2…11 samples), ${STAGES} stages: ` +
    `falsely rolled back ${percent(rolledBack, STAGES).trim()}, ended inconclusive ${percent(endedInconclusive, STAGES).trim()}`
)
console.log(
  `  the same stages judged as before issue 13 (Kayenta alone, errors as per-step rates): falsely rolled back ` +
    percent(rolledBackBefore, STAGES).trim()
)
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`)
