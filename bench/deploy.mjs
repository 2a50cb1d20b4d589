// The canary judge's speed: 20 metrics × 10,000 samples per side, classified (Kayenta's Mann-Whitney
// interval, 98%) and scored, against SciPy's mannwhitneyu on the same data in the same run (the named
// peer; it computes the test only, not the interval), and an R-style interval in SciPy (rankdata + brentq)
// for scale. Target: ≤ 100 ms for the whole analysis. Prints medians of RUNS (default 7).
// Usage: npm run bench:deploy [-- runs]
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const runs = Number(process.argv[2] ?? 7)
const METRICS = 20
const SAMPLES = 10_000
const TARGET_MS = 100

// `npm run bench:deploy` compiles shared/ with bench/tsconfig.json first.
const out = path.join(root, '.tmp/bench/shared/deploy')
const { judgeSamples } = await import(pathToFileURL(path.join(out, 'canary-analysis.js')).href)
const { parseAnalysisConfig } = await import(pathToFileURL(path.join(out, 'analysis-config.js')).href)

// Deterministic data: log-normal latencies, every fourth metric's canary 3% slower.
let state = 12345
const uniform = () => {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0
  return (state + 0.5) / 4294967296
}
const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())
const samples = {}
const names = Array.from({ length: METRICS }, (_, i) => `metric_${i}`)
for (const [i, name] of names.entries()) {
  const shift = i % 4 === 0 ? Math.log(1.03) : 0
  const side = offset =>
    Array.from({ length: SAMPLES }, () => Math.exp(Math.log(0.1) + offset + 0.3 * normal()))
  samples[name] = { canary: side(shift), baseline: side(0) }
}
const config = parseAnalysisConfig(
  `provider: { command: [none] }\nmetrics:\n${names.map(name => `  - { name: ${name}, direction: increase }`).join('\n')}\n`,
  'bench.yml',
  'mann-whitney'
)
const window = { start: new Date(0), end: new Date(0) }
const thresholds = { pass: 95, marginal: 75 }

// Wall time, and CPU time (user + system of this process), which is what a busy shared machine does not
// inflate: both sides report both.
const ours = { wall: [], cpu: [] }
let outcome
judgeSamples(config, 'mann-whitney', samples, window, thresholds) // warm-up
for (let run = 0; run < runs; run++) {
  const started = process.hrtime.bigint()
  const cpuStarted = process.cpuUsage()
  outcome = judgeSamples(config, 'mann-whitney', samples, window, thresholds)
  const cpu = process.cpuUsage(cpuStarted)
  ours.wall.push(Number(process.hrtime.bigint() - started) / 1e6)
  ours.cpu.push((cpu.user + cpu.system) / 1000)
}

const dir = mkdtempSync(path.join(tmpdir(), 'mlci-bench-deploy-'))
const dataFile = path.join(dir, 'samples.json')
writeFileSync(dataFile, JSON.stringify({ runs, samples }))
const python = await exec('/usr/bin/python3', [
  '-c',
  `
import json, sys, time
import numpy as np
from scipy.stats import mannwhitneyu, rankdata, tiecorrect, norm
from scipy.optimize import brentq
d = json.load(open(sys.argv[1]))
data = [(np.array(v['canary']), np.array(v['baseline'])) for v in d['samples'].values()]
def median(xs): xs = sorted(xs); return xs[len(xs) // 2]
def timed(work):
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
def test_all():
    return [mannwhitneyu(x, y, use_continuity=True, alternative='two-sided', method='asymptotic').pvalue for x, y in data]
def interval(x, y, conf=0.98):
    nx, ny = len(x), len(y)
    def wdiff(d, zq):
        r = rankdata(np.concatenate([x - d, y]))
        dz = r[:nx].sum() - nx * (nx + 1) / 2 - nx * ny / 2
        return (dz - np.sign(dz) * 0.5) / np.sqrt(nx * ny * (nx + ny + 1) / 12 * tiecorrect(r)) - zq
    lo, hi = x.min() - y.max(), x.max() - y.min()
    z = norm.ppf((1 - conf) / 2)
    return [brentq(wdiff, lo, hi, args=(q,), xtol=1e-4) for q in (-z, z, 0)]
test_all()
tests = [timed(test_all) for _ in range(d['runs'])]
intervals = [timed(lambda: [interval(x, y) for x, y in data]) for _ in range(3)]
print(json.dumps({
    'mannwhitneyu': {'wall': median([t[0] for t in tests]), 'cpu': median([t[1] for t in tests])},
    'interval': {'wall': median([t[0] for t in intervals]), 'cpu': median([t[1] for t in intervals])}}))
`,
  dataFile
])
const peer = JSON.parse(python)
const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const mine = { wall: median(ours.wall), cpu: median(ours.cpu) }
const counts = {}
for (const metric of outcome.metrics) counts[metric.classification] = (counts[metric.classification] ?? 0) + 1
const row = (label, times) =>
  `  ${label.padEnd(58)} ${times.wall.toFixed(1).padStart(8)} ms wall ${times.cpu.toFixed(1).padStart(8)} ms CPU`

console.log(
  `canary judge: ${METRICS} metrics × ${SAMPLES} samples per side, median of ${runs} runs (${process.version})`
)
console.log(row('mlci judgeSamples (interval + classification + score)', mine))
console.log(row('SciPy mannwhitneyu (test only, the named peer)', peer.mannwhitneyu))
console.log(row('R-style interval in SciPy (rankdata + brentq, median of 3)', peer.interval))
console.log(
  `  ratio mlci / mannwhitneyu: ${(mine.wall / peer.mannwhitneyu.wall).toFixed(2)} wall, ${(mine.cpu / peer.mannwhitneyu.cpu).toFixed(2)} CPU`
)
console.log(
  `  ratio mlci / R-style SciPy interval: ${(mine.wall / peer.interval.wall).toFixed(3)} wall, ${(mine.cpu / peer.interval.cpu).toFixed(3)} CPU`
)
console.log(`  verdict: score ${outcome.score.score}, classifications ${JSON.stringify(counts)}`)
console.log(
  `  machine: ${cpus().length} cores, load average ${loadavg()
    .map(load => load.toFixed(2))
    .join(' ')} (a shared machine slows both sides alike)`
)
console.log(
  `  target ≤ ${TARGET_MS} ms: ${mine.wall <= TARGET_MS ? 'met' : 'missed'} on wall time, ${mine.cpu <= TARGET_MS ? 'met' : 'missed'} on CPU time`
)
if (Math.min(mine.wall, mine.cpu) > TARGET_MS) process.exitCode = 1

function exec(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('error', reject)
    child.on('close', code =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`${command} exited with ${code}:\n${stdout}\n${stderr}`))
    )
  })
}
