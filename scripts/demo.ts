// `npm run demo`: runs the released actions' bundles on the example data exactly as the runner would
// (same harness as the end-to-end tests), and prints what a workflow run would show.
import { cp, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { pullRequestEvent } from '../test/harness/events.js'
import { NODE24, REPO_ROOT, runAction, type RunResult } from '../test/harness/run-action.js'

const NOT_YET = ['metric-diff', 'publish', 'deploy']

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
  node: NODE24
})
show('validate-data', validateData)
const expectedFailure = validateData.exitCode === 1 && validateData.outputs.valid === 'false'
console.log(`\nNot released yet, so not run: ${NOT_YET.map(name => `actions/${name}`).join(', ')}.`)
if (evaluate.exitCode !== 0 || !expectedFailure) process.exit(1)

function show(name: string, result: RunResult): void {
  console.log(`▶ actions/${name} — exit code ${result.exitCode}`)
  for (const line of result.stdout.split('\n'))
    if (line && !line.startsWith('::debug::')) console.log(`  ${line}`)
  for (const [key, value] of Object.entries(result.outputs)) console.log(`  output ${key} = ${value}`)
  console.log('  step summary:')
  for (const line of result.summary.trim().split('\n')) console.log(`    ${line}`)
}
