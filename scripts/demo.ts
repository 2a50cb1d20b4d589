// `npm run demo`: runs the released actions' bundles on the example data exactly as the runner would
// (same harness as the end-to-end tests), and prints what a workflow run would show.
import { cp, mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { pullRequestEvent } from '../test/harness/events.js'
import { NODE24, REPO_ROOT, runAction, type RunResult } from '../test/harness/run-action.js'

const workspace = await mkdtemp(path.join(tmpdir(), 'mlci-demo-'))
await cp(path.join(REPO_ROOT, 'examples'), path.join(workspace, 'examples'), { recursive: true })
// The steps of one job share RUNNER_TEMP: evaluate writes its results there and the next steps read them.
const runnerTemp = path.join(workspace, '..', `${path.basename(workspace)}-runner-temp`)
await mkdir(runnerTemp)
const job = { RUNNER_TEMP: runnerTemp }

console.log(`mlci demo — workspace ${workspace}, runtime Node 24 (${NODE24})\n`)
// validate-data on the churn model's tabular data: the new extract against the rules, a Table Schema
// and the reference snapshot. It has planted problems, so this run is expected to fail the check.
const validateData = await runAction({
  action: 'validate-data',
  inputs: {
    data: 'examples/churn-data/incoming.csv',
    schema: 'examples/churn-data/table-schema.json',
    rules: 'examples/churn-data/rules.yml',
    reference: 'examples/churn-data/reference.csv',
    'max-errors': '20'
  },
  event: 'pull_request',
  eventPayload: pullRequestEvent({ number: 12, title: 'Retrain churn model with 3 more weeks of data' }),
  workspace,
  env: job,
  node: NODE24
})
show('validate-data', validateData)
console.log()

const evaluate = await runAction({
  action: 'evaluate',
  // No GitHub API here: no check run (its token would be the job's).
  inputs: { metrics: 'examples/churn-model/*.json\nexamples/churn-model/*.yaml', 'check-name': '' },
  event: 'pull_request',
  eventPayload: pullRequestEvent({ number: 12, title: 'Retrain churn model with 3 more weeks of data' }),
  workspace,
  env: job,
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
    policy: 'examples/churn-model/policy/evaluate.yaml',
    'check-name': ''
  },
  event: 'pull_request',
  eventPayload: pullRequestEvent({ number: 12, title: 'Retrain churn model with 3 more weeks of data' }),
  workspace,
  env: job,
  node: NODE24
})
show('evaluate (predictions, policy, baseline)', gate)

// The comment the pull request would get from the gate's results; without a GitHub API here, it is
// written to the body file only.
const metricDiff = await runAction({
  action: 'metric-diff',
  inputs: { results: gate.outputs.results, comment: 'never' },
  event: 'pull_request',
  eventPayload: pullRequestEvent({ number: 12 }),
  workspace,
  env: job,
  node: NODE24
})
show('metric-diff', metricDiff)
console.log(`  comment body it would post: ${metricDiff.outputs.body}`)

// Publishes the example model with its evaluation metrics to an OCI image layout in the workspace: the
// same ModelPack manifest a registry would get, readable with `skopeo inspect --raw oci:PATH:TAG`.
const publish = await runAction({
  action: 'publish',
  inputs: {
    model: 'examples/churn-model/model',
    destination: 'oci-layout://build/churn-model',
    tags: 'v1',
    alias: 'champion',
    results: gate.outputs.results
  },
  event: 'push',
  workspace,
  env: job,
  node: NODE24
})
console.log('')
show('publish', publish)

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
      'record-deployment': 'false',
      // The metrics script reads the slowdown from the step's environment: commands get only what is named.
      'pass-env': 'DEMO_CANARY_SLOWDOWN'
    },
    env: { ...job, ...env },
    workspace,
    node: NODE24
  })
// The model the publish step wrote; the rollout hands its URI to the deploy command.
const healthy = await rollout(publish.outputs['model-uri'], {})
console.log()
show('deploy (healthy canary)', healthy)
const slow = await rollout(publish.outputs['model-uri'], { DEMO_CANARY_SLOWDOWN: '1.3' })
console.log()
show('deploy (30% slower canary)', slow)

// The extract has planted problems: validate-data is expected to fail its check.
const expected =
  validateData.exitCode === 1 &&
  validateData.outputs.valid === 'false' &&
  [evaluate, gate, metricDiff, publish].every(result => result.exitCode === 0) &&
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
