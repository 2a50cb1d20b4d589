// `npm run demo`: runs the released actions' bundles on the example data exactly as the runner would
// (same harness as the end-to-end tests), and prints what a workflow run would show.
import { cp, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { pullRequestEvent } from '../test/harness/events.js'
import { NODE24, REPO_ROOT, runAction, type RunResult } from '../test/harness/run-action.js'

const NOT_YET = ['validate-data', 'metric-diff', 'publish']

const workspace = await mkdtemp(path.join(tmpdir(), 'mlci-demo-'))
await cp(path.join(REPO_ROOT, 'examples'), path.join(workspace, 'examples'), { recursive: true })

console.log(`mlci demo — workspace ${workspace}, runtime Node 24 (${NODE24})\n`)
const evaluate = await runAction({
  action: 'evaluate',
  inputs: { metrics: 'examples/churn-model/*.json\nexamples/churn-model/*.yaml' },
  event: 'pull_request',
  eventPayload: pullRequestEvent({ number: 12, title: 'Retrain churn model with 3 more weeks of data' }),
  workspace,
  node: NODE24
})
show('evaluate', evaluate)

// The gate: the retrained candidate's predictions against the baseline model's on the same customers, under
// the example policy (paired significance, slices by region).
const gate = await runAction({
  action: 'evaluate',
  inputs: {
    predictions: 'examples/churn-model/predictions/candidate.csv',
    'baseline-predictions': 'examples/churn-model/predictions/baseline.csv',
    'score-column': 'score',
    'id-column': 'customer_id',
    'slice-columns': 'region',
    policy: 'examples/churn-model/policy/evaluate.yaml'
  },
  event: 'pull_request',
  eventPayload: pullRequestEvent({ number: 12, title: 'Retrain churn model with 3 more weeks of data' }),
  workspace,
  node: NODE24
})
show('evaluate (predictions, policy, baseline)', gate)

// A canary rollout with the command target and the bundled metrics script: a healthy model is promoted
// through both stages; a 30% slower one is rolled back at its first analysis.
const rollout = (modelUri: string, env: Record<string, string>) =>
  runAction({
    action: 'deploy',
    inputs: {
      'model-uri': modelUri,
      environment: 'staging',
      stages: '25%:2s, 100%',
      interval: '1s',
      analysis: 'examples/canary/analysis.yml',
      'deploy-command': 'node examples/canary/shift-traffic.mjs',
      'rollback-command': 'node examples/canary/shift-traffic.mjs --rollback',
      'record-deployment': 'false'
    },
    env,
    workspace,
    node: NODE24
  })
const healthy = await rollout('oci://registry.example.com/churn:2026.11.26', {})
console.log()
show('deploy (healthy canary)', healthy)
const slow = await rollout('oci://registry.example.com/churn:2026.11.27', { DEMO_CANARY_SLOWDOWN: '1.3' })
console.log()
show('deploy (30% slower canary)', slow)

console.log(`\nNot released yet, so not run: ${NOT_YET.map(name => `actions/${name}`).join(', ')}.`)
const expected =
  evaluate.exitCode === 0 &&
  gate.exitCode === 0 &&
  healthy.outputs.result === 'promoted' &&
  slow.outputs.result === 'rolled-back'
if (!expected) process.exit(1)

function show(name: string, result: RunResult): void {
  console.log(`▶ actions/${name} — exit code ${result.exitCode}`)
  for (const line of result.stdout.split('\n'))
    if (line && !line.startsWith('::debug::')) console.log(`  ${line}`)
  for (const [key, value] of Object.entries(result.outputs)) console.log(`  output ${key} = ${value}`)
  console.log('  step summary:')
  for (const line of result.summary.trim().split('\n')) console.log(`    ${line}`)
}
