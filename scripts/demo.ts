// `npm run demo`: runs the released actions' bundles on the example data exactly as the runner would
// (same harness as the end-to-end tests), prints what a workflow run would show, and ends with a table of each
// step's expected and actual outcome. Two steps are meant to fail (planted data problems, a slow canary): the demo
// exits 0 only when every outcome is the expected one. It removes its temporary directories at the end
// (MLCI_KEEP_DEMO=1 keeps them to look at).
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { pullRequestEvent } from '../test/harness/events.js'
import { NODE24, REPO_ROOT, runAction, type RunResult } from '../test/harness/run-action.js'
import { parseWorkflowCommands } from '../test/harness/workflow-commands.js'

interface Expectation {
  /** What the step should do, in the summary table. */
  expected: string
  /** Why a failing step is the expected outcome, printed before its log. */
  intendedFailure?: string
  /** What it did, in the same words as `expected` when it did that. */
  outcome: (result: RunResult) => string
}

const outcomes: Array<{ step: string; expected: string; outcome: string }> = []
const exitOutcome = (result: RunResult): string =>
  result.exitCode === 0 ? 'succeeds' : `fails (exit code ${result.exitCode})`
const SUCCEEDS: Expectation = { expected: 'succeeds', outcome: exitOutcome }

// One root holds the workspace, the job's RUNNER_TEMP and the harness's per-step files (TMPDIR), removed at the end.
const root = await mkdtemp(path.join(tmpdir(), 'mlci-demo-'))
process.env.TMPDIR = root
const workspace = path.join(root, 'workspace')
// The steps of one job share RUNNER_TEMP: evaluate writes its results there and the next steps read them.
const runnerTemp = path.join(root, 'runner-temp')
try {
  await mkdir(runnerTemp)
  await runDemo()
} finally {
  if (process.env.MLCI_KEEP_DEMO === '1') console.log(`\nMLCI_KEEP_DEMO=1: kept ${root}`)
  else await rm(root, { recursive: true, force: true })
}
const mismatches = outcomes.filter(({ expected, outcome }) => expected !== outcome)
printSummary()
process.exit(mismatches.length === 0 ? 0 : 1)

async function runDemo(): Promise<void> {
  await cp(path.join(REPO_ROOT, 'examples'), path.join(workspace, 'examples'), { recursive: true })
  const job = { RUNNER_TEMP: runnerTemp }
  const pullRequest = pullRequestEvent({ number: 12, title: 'Retrain churn model with 3 more weeks of data' })

  console.log(`mlci demo — workspace ${workspace}, runtime Node 24 (${NODE24})\n`)
  // validate-data on the churn model's tabular data: the new extract against the rules, a Table Schema
  // and the reference snapshot. It has planted problems, so this run is expected to fail the check.
  await step(
    'validate-data',
    {
      expected: 'fails: 5 errors, 2 warnings',
      intendedFailure:
        'examples/churn-data/incoming.csv has planted problems (a duplicate key, an out-of-range value, a ' +
        'null, a bad e-mail, an unknown country, drift): validate-data finds each one and fails the step.',
      outcome: result =>
        result.exitCode === 0
          ? 'succeeds'
          : `fails: ${result.outputs.errors} errors, ${result.outputs.warnings} warnings`
    },
    {
      action: 'validate-data',
      inputs: {
        data: 'examples/churn-data/incoming.csv',
        schema: 'examples/churn-data/table-schema.json',
        rules: 'examples/churn-data/rules.yml',
        reference: 'examples/churn-data/reference.csv',
        'max-errors': '20'
      },
      event: 'pull_request',
      eventPayload: pullRequest
    }
  )

  // No GitHub API here: no check run (its token would be the job's).
  await step('evaluate', SUCCEEDS, {
    action: 'evaluate',
    inputs: { metrics: 'examples/churn-model/*.json\nexamples/churn-model/*.yaml', 'check-name': '' },
    event: 'pull_request',
    eventPayload: pullRequest
  })

  // The gate: the retrained candidate's predictions against the baseline model's on the same customers, under
  // the example policy (paired significance, slices by region).
  const gate = await step('evaluate (predictions, policy, baseline)', SUCCEEDS, {
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
    eventPayload: pullRequest
  })

  // The comment the pull request would get from the gate's results; without a GitHub API here, it is
  // written to the body file only.
  const metricDiff = await step('metric-diff', SUCCEEDS, {
    action: 'metric-diff',
    inputs: { results: gate.outputs.results ?? '', comment: 'never' },
    event: 'pull_request',
    eventPayload: pullRequestEvent({ number: 12 })
  })
  console.log(`  comment body it would post: ${metricDiff.outputs.body}`)

  // Publishes the example model with its evaluation metrics to an OCI image layout in the workspace: the
  // same ModelPack manifest a registry would get, readable with `skopeo inspect --raw oci:PATH:TAG`.
  const publish = await step('publish', SUCCEEDS, {
    action: 'publish',
    inputs: {
      model: 'examples/churn-model/model',
      destination: 'oci-layout://build/churn-model',
      tags: 'v1',
      alias: 'champion',
      results: gate.outputs.results ?? ''
    },
    event: 'push'
  })

  // A canary rollout with the command target and the bundled metrics script: a healthy model is promoted
  // through both stages; a 30% slower one is rolled back at its first analysis.
  const rollout = (modelUri: string, env: Record<string, string>) => ({
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
    env
  })
  const rolloutOutcome = (result: RunResult): string =>
    `${exitOutcome(result).replace(/ \(exit code \d+\)$/, '')}: ${result.outputs.result ?? 'no result'}`
  // The model the publish step wrote; the rollout hands its URI to the deploy command.
  const modelUri = publish.outputs['model-uri'] ?? ''
  await step(
    'deploy (healthy canary)',
    { expected: 'succeeds: promoted', outcome: rolloutOutcome },
    rollout(modelUri, {})
  )
  await step(
    'deploy (30% slower canary)',
    {
      expected: 'fails: rolled-back',
      intendedFailure:
        'DEMO_CANARY_SLOWDOWN=1.3 makes the canary 30% slower than the stable model: the canary analysis ' +
        'scores it below the marginal score, deploy rolls it back and fails the step, as it would in a workflow.',
      outcome: rolloutOutcome
    },
    rollout(modelUri, { DEMO_CANARY_SLOWDOWN: '1.3' })
  )

  async function step(
    name: string,
    expectation: Expectation,
    options: Parameters<typeof runAction>[0]
  ): Promise<RunResult> {
    console.log()
    if (expectation.intendedFailure)
      console.log(`▶ actions/${name} — INTENDED FAILURE: ${expectation.intendedFailure}`)
    const result = await runAction({
      ...options,
      workspace,
      env: { ...job, ...options.env },
      node: NODE24
    })
    show(name, result)
    outcomes.push({ step: name, expected: expectation.expected, outcome: expectation.outcome(result) })
    return result
  }
}

/** A step's log as the runner shows it: workflow commands rendered (annotations as `Error: …`), not raw. */
function show(name: string, result: RunResult): void {
  console.log(`▶ actions/${name} — exit code ${result.exitCode}`)
  for (const line of result.stdout.split('\n')) {
    if (!line || line.startsWith('::debug::')) continue
    const [command] = parseWorkflowCommands(line)
    if (command === undefined) console.log(`  ${line}`)
    else if (['error', 'warning', 'notice'].includes(command.command)) {
      const where = command.properties.file
        ? ` (${command.properties.file}${command.properties.line ? `:${command.properties.line}` : ''})`
        : ''
      const level = command.command[0].toUpperCase() + command.command.slice(1)
      console.log(`  ${level}${where}: ${command.message}`)
    }
  }
  for (const [key, value] of Object.entries(result.outputs)) console.log(`  output ${key} = ${value}`)
  console.log('  step summary:')
  for (const line of result.summary.trim().split('\n')) console.log(`    ${line}`)
}

function printSummary(): void {
  const rows = [
    ['step', 'expected outcome', 'outcome', 'verdict'],
    ...outcomes.map(({ step, expected, outcome }) => [
      `actions/${step}`,
      expected,
      outcome,
      expected === outcome ? 'as expected' : 'NOT AS EXPECTED'
    ])
  ]
  const widths = rows[0].map((_, column) => Math.max(...rows.map(row => row[column].length)))
  const format = (row: string[]): string =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd()
  console.log('\n== Summary')
  console.log(format(rows[0]))
  console.log(format(widths.map(width => '-'.repeat(width))))
  for (const row of rows.slice(1)) console.log(format(row))
  console.log(
    mismatches.length === 0
      ? `\nEvery step did what it should: the two failures above are the intended ones (planted data problems, ` +
          `a slow canary rolled back).`
      : `\n${mismatches.length} step(s) did not do what they should: ${mismatches.map(m => m.step).join(', ')}.`
  )
}
